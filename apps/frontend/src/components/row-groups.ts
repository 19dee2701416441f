/** Rows in a group that new rows start. */
export const ROW_GROUP_SIZE = 64;

export interface RowGroup {
  readonly id: number;
  readonly keys: readonly string[];
}

/**
 * Splits the list's keys, in order, into consecutive groups, each rendered by a component of its
 * own: a change of one row then makes React walk that row's group and the list of groups, not
 * every row (with 5,000 rows that walk was most of a toggle's script). A row stays in its group
 * while the order keeps it there, since React renders a row that moves to another group anew (its
 * edit and focus lost): a new row joins the group it is inserted into, or the group before it while
 * that one has room, else starts a group; rows removed leave their groups smaller. Only a change of
 * order that breaks a group up moves rows: its later run continues as a new group.
 */
export class RowGrouper {
  private order: readonly string[] = [];
  private groups: readonly RowGroup[] = [];
  private nextId = 0;

  /** The groups for `order`; the same objects for groups whose keys did not change. */
  groupsFor(order: readonly string[]): readonly RowGroup[] {
    if (order === this.order) return this.groups;
    const groupOf = new Map<string, RowGroup>();
    for (const group of this.groups) for (const key of group.keys) groupOf.set(key, group);
    // Where each group's last row now is: a new row before it is inside that group.
    const lastIndex = new Map<RowGroup, number>();
    order.forEach((key, index) => {
      const group = groupOf.get(key);
      if (group) lastIndex.set(group, index);
    });
    const runs: Array<{ id: number; source: RowGroup | undefined; keys: string[] }> = [];
    const continued = new Set<RowGroup>();
    let run: (typeof runs)[number] | undefined;
    order.forEach((key, index) => {
      const source = groupOf.get(key);
      const inside = run?.source !== undefined && (lastIndex.get(run.source) ?? -1) > index;
      const joins = source === undefined ? run !== undefined && (run.keys.length < ROW_GROUP_SIZE || inside) : run?.source === source;
      if (run && joins) {
        run.keys.push(key);
        return;
      }
      const id = source && !continued.has(source) ? source.id : this.nextId++;
      if (source) continued.add(source);
      run = { id, source, keys: [key] };
      runs.push(run);
    });
    const byId = new Map(this.groups.map((group) => [group.id, group]));
    this.order = order;
    this.groups = runs.map(({ id, keys }) => {
      const previous = byId.get(id);
      return previous && sameKeys(previous.keys, keys) ? previous : { id, keys };
    });
    return this.groups;
  }
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, index) => key === b[index]);
}

import { ROW_GROUP_SIZE, RowGrouper, type RowGroup } from './row-groups';

const keys = (from: number, count: number, prefix = 'todo') => Array.from({ length: count }, (_, i) => `${prefix}-${from + i}`);
/** Each key's group id, to see which rows stayed where. */
const groupIds = (groups: readonly RowGroup[]) => new Map(groups.flatMap((group) => group.keys.map((key) => [key, group.id] as const)));

describe('RowGrouper', () => {
  it('groups the rows in order, new groups of ROW_GROUP_SIZE, the last one filled as rows are added', () => {
    const grouper = new RowGrouper();
    const first = grouper.groupsFor(keys(1, ROW_GROUP_SIZE + 10));
    expect(first.map((group) => group.keys.length)).toEqual([ROW_GROUP_SIZE, 10]);
    expect(first.flatMap((group) => group.keys)).toEqual(keys(1, ROW_GROUP_SIZE + 10));

    const grown = grouper.groupsFor(keys(1, 2 * ROW_GROUP_SIZE + 1));
    expect(grown.map((group) => group.keys.length)).toEqual([ROW_GROUP_SIZE, ROW_GROUP_SIZE, 1]);
    expect(grown[0]).toBe(first[0]);
    expect(grown[1]?.id).toBe(first[1]?.id);
  });

  it('keeps every row in its group when rows are inserted before it, even into a full group, and when rows are removed', () => {
    const grouper = new RowGrouper();
    // Listed rows, then two made in the page: they share the second group.
    const before = grouper.groupsFor([...keys(1, ROW_GROUP_SIZE + 10), 'new-1', 'new-2']);
    // A later page of listed rows goes before the ones made in the page, as the list orders them.
    const after = grouper.groupsFor([...keys(1, 3 * ROW_GROUP_SIZE), 'new-1', 'new-2']);
    expect(after.flatMap((group) => group.keys)).toEqual([...keys(1, 3 * ROW_GROUP_SIZE), 'new-1', 'new-2']);
    const was = groupIds(before);
    const now = groupIds(after);
    for (const [key, id] of was) expect({ key, id: now.get(key) }).toEqual({ key, id });

    const removed = grouper.groupsFor([...keys(1, 3 * ROW_GROUP_SIZE), 'new-1', 'new-2'].filter((key) => key !== 'todo-5' && key !== 'new-1'));
    expect(removed[0]).not.toBe(after[0]);
    expect(removed[0]?.id).toBe(after[0]?.id);
    expect(groupIds(removed).get('new-2')).toBe(now.get('new-2'));
  });

  it('gives back the same groups for the same order, and a new group only to the run that an order change moved', () => {
    const grouper = new RowGrouper();
    const order = keys(1, 10);
    const groups = grouper.groupsFor(order);
    expect(grouper.groupsFor(order)).toBe(groups);

    const moved = grouper.groupsFor([...keys(1, 3), 'todo-9', ...keys(4, 5), 'todo-10']);
    expect(moved.flatMap((group) => group.keys)).toEqual([...keys(1, 3), 'todo-9', ...keys(4, 5), 'todo-10']);
    expect(moved[0]?.id).toBe(groups[0]?.id);
    expect(new Set(moved.map((group) => group.id)).size).toBe(moved.length);
  });
});

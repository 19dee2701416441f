/** One service at one replayed commit: did its image change, and did the planner ship it? */
export interface Decision {
  commit: string;
  subject: string;
  service: string;
  /** Image files that differ from the parent commit's image; empty when the image is the same. */
  imageChanged: string[];
  shipped: boolean;
  /** The planner's reasons when it shipped. */
  reasons: string[];
}

/** A commit where the planner and the image disagree. */
export interface Disagreement extends Decision {
  kind: 'missed' | 'needless';
}

export interface ShippingResult {
  /** Commits replayed (pairs = commits - 1). */
  commits: number;
  /** Service decisions compared (a service at a commit whose build failed on either side is left out). */
  decisions: number;
  /** Image changed and shipped / changed and not shipped / shipped with the same image. */
  caught: number;
  missed: number;
  needless: number;
  /** caught / (caught + missed); 1 when no image changed (nothing to miss). */
  recall: number;
  /** caught / (caught + needless); 1 when nothing shipped (nothing needless). */
  precision: number;
  disagreements: Disagreement[];
}

export function scoreReplay(commits: number, decisions: readonly Decision[]): ShippingResult {
  const disagreements: Disagreement[] = [];
  let caught = 0;
  for (const decision of decisions) {
    const changed = decision.imageChanged.length > 0;
    if (changed && decision.shipped) caught++;
    else if (changed) disagreements.push({ ...decision, kind: 'missed' });
    else if (decision.shipped) disagreements.push({ ...decision, kind: 'needless' });
  }
  const missed = disagreements.filter(({ kind }) => kind === 'missed').length;
  const needless = disagreements.length - missed;
  return {
    commits,
    decisions: decisions.length,
    caught,
    missed,
    needless,
    recall: caught + missed === 0 ? 1 : caught / (caught + missed),
    precision: caught + needless === 0 ? 1 : caught / (caught + needless),
    disagreements,
  };
}

const percent = (ratio: number) => `${(ratio * 100).toFixed(1)} %`;
const listed = (items: readonly string[]) => (items.length > 4 ? `${items.slice(0, 4).join(', ')}, … (${items.length})` : items.join(', '));

/** The report's section for the history replay. */
export function renderShipping(result: ShippingResult | undefined): string[] {
  if (!result) return [];
  const rows = result.disagreements.map(
    (entry) =>
      `| \`${entry.commit.slice(0, 12)}\` ${entry.subject.replace(/\|/g, '\\|')} | ${entry.service} | ${entry.kind} | ` +
      `${(entry.kind === 'missed' ? listed(entry.imageChanged) : listed(entry.reasons)).replace(/\|/g, '\\|')} |`,
  );
  return [
    '',
    '## 9. Shipping: the planner against real history',
    '',
    `${result.commits} commits replayed, ${result.decisions} service decisions: ${result.caught} needed ships caught, ` +
      `${result.missed} missed, ${result.needless} needless. Recall **${percent(result.recall)}**, precision **${percent(result.precision)}**.`,
    '',
    ...(rows.length
      ? ['| commit | service | disagreement | image files that changed (missed) or the planner\'s reasons (needless) |', '| --- | --- | --- | --- |', ...rows]
      : ['The planner and the images agree at every commit.']),
    '',
    'Method: each commit of `git rev-list --first-parent HEAD` (the newest 40) is checked out in a clone, every service is built with Nx ' +
      '(cached outputs restore the same files), and the SHA-256 of each file the runtime image would hold (build output, what the ' +
      "Dockerfile's last stage copies from the repository, the Dockerfile and its ignore file) is compared with the parent commit's. " +
      "The planner of this checkout plans each pair. Every commit is built with today's node_modules, so a lockfile change alone cannot change a measured image.",
  ];
}

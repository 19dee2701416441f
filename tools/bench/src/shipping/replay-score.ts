import type { Section } from '../results';

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

const listed = (items: readonly string[]) => (items.length > 4 ? `${items.slice(0, 4).join(', ')}, … (${items.length})` : items.join(', '));

/** The report's section for the history replay: recall and precision, and every disagreement. */
export function shippingSection(result: ShippingResult): Section {
  return {
    title: '9. Shipping: the planner against real history',
    figures: {
      'recall-percent': result.recall * 100, 'precision-percent': result.precision * 100, commits: result.commits, decisions: result.decisions,
      caught: result.caught, missed: result.missed, needless: result.needless,
    },
    tables: result.disagreements.length
      ? [
          {
            columns: [
              ['commit', 'commit'], ['service', 'service'], ['kind', 'disagreement'],
              ['why', "image files that changed (missed) or the planner's reasons (needless)"],
            ],
            rows: result.disagreements.map((entry) => ({
              commit: `\`${entry.commit.slice(0, 12)}\` ${entry.subject}`,
              service: entry.service,
              kind: entry.kind,
              why: listed(entry.kind === 'missed' ? entry.imageChanged : entry.reasons),
            })),
          },
        ]
      : [],
    notes: result.disagreements.length ? [] : ['The planner and the images agree at every commit.'],
    problems: result.decisions ? [] : ['the shipping replay compared no decision'],
  };
}

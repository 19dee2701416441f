import type { BenchResults } from './results';

/** A limit from the benchmark issues, and the section figure it reads. */
export interface Budget {
  id: string;
  label: string;
  kind: 'max' | 'min';
  limit: number;
  unit: string;
  section: string;
  figure: string;
}

const operations = ['list', 'create', 'toggle'] as const;

/** Every budget. Never loosen one here to make a run pass. */
export const budgets: readonly Budget[] = [
  ...operations.flatMap((operation) =>
    [10, 50].map((connections) => ({
      id: `api-ratio-${operation}-${connections}`,
      label: `API/store throughput, ${operation}, ${connections} connections`,
      kind: 'min' as const,
      limit: { list: 75, create: 85, toggle: 80 }[operation],
      unit: '%',
      section: 'api',
      figure: `${operation}-${connections}-api-over-store-percent`,
    })),
  ),
  ...operations.map((operation) => ({
    id: `backend-cpu-over-sdk-${operation}`,
    label: `Backend CPU per request / SDK CPU per operation, ${operation === 'list' ? 'list-50' : operation} (worst concurrency)`,
    kind: 'max' as const,
    limit: 1.15,
    unit: '×',
    section: 'api',
    figure: `${operation}-backend-over-sdk-cpu-worst`,
  })),
  ...(['list', 'create'] as const).map((operation) => ({
    id: `nginx-added-p50-${operation}`,
    label: `nginx added latency at p50, ${operation} (1 connection)`,
    kind: 'max' as const,
    limit: 2,
    unit: 'ms',
    section: 'nginx',
    figure: `${operation}-added-p50-ms-lowest-concurrency`,
  })),
  { id: 'backend-ready', label: 'Backend launch to /ready 200, median', kind: 'max', limit: 500, unit: 'ms', section: 'startup', figure: 'median-ms' },
  { id: 'frontend-initial-js', label: 'Frontend initial JavaScript, gzipped', kind: 'max', limit: 80, unit: 'KB', section: 'frontend-build', figure: 'initial-js-gzip-kb' },
  { id: 'browser-5000-first', label: '5,000 todos: first todo visible', kind: 'max', limit: 1000, unit: 'ms', section: 'browser', figure: '5000-first-visible-ms' },
  { id: 'browser-5000-all', label: '5,000 todos: all visible', kind: 'max', limit: 2000, unit: 'ms', section: 'browser', figure: '5000-all-visible-ms' },
  { id: 'browser-5000-toggle', label: '5,000 todos: toggle click to repaint', kind: 'max', limit: 50, unit: 'ms', section: 'browser', figure: '5000-toggle-repaint-ms' },
  { id: 'planner-repo', label: 'deploy-plan on this repository, cold (no daemon, no cache)', kind: 'max', limit: 5000, unit: 'ms', section: 'planner', figure: 'repo-median-ms' },
  // Linear growth is exponent 1; the margin absorbs timing noise of a shared machine.
  { id: 'planner-growth', label: 'deploy-plan growth exponent over project count (1 = linear)', kind: 'max', limit: 1.15, unit: '', section: 'planner', figure: 'growth-exponent' },
  { id: 'shipping-recall', label: 'History replay: needed ships the planner caught (recall)', kind: 'min', limit: 100, unit: '%', section: 'shipping', figure: 'recall-percent' },
  { id: 'shipping-precision', label: 'History replay: planner ships that were needed (precision)', kind: 'min', limit: 95, unit: '%', section: 'shipping', figure: 'precision-percent' },
];

/** A budget judged: `actual` is undefined when the section did not produce the figure; `detail` is what the figure is made of. */
export type BudgetOutcome = Omit<Budget, 'section' | 'figure'> & { actual?: number; detail?: string; pass: boolean };

/** Checks every budget against `results`; a figure that was not measured fails its budget. */
export function evaluateBudgets(results: BenchResults, all: readonly Budget[] = budgets): BudgetOutcome[] {
  return all.map(({ id, label, kind, limit, unit, section, figure }) => {
    const actual = results.sections[section]?.figures[figure];
    const detail = results.sections[section]?.details?.[figure];
    const pass = actual !== undefined && Number.isFinite(actual) && (kind === 'max' ? actual <= limit : actual >= limit);
    return { id, label, kind, limit, unit, actual, ...(detail ? { detail } : {}), pass };
  });
}

import type { BudgetOutcome } from './budgets';

/**
 * The one schema of `bench/results.json`, and the generic writer that renders the same object as
 * `bench/results.md`. A section declares its tables once; nothing here knows any section.
 */

/** A number (rendered with its column's decimals), a list of numbers (each run), or text. */
export type Cell = number | readonly number[] | string | undefined;

/** A column: the row key it shows, its header, and the decimals of its numbers (default 2). */
export type Column = [key: string, label: string, digits?: number];

export interface Table {
  columns: Column[];
  rows: Array<Record<string, Cell>>;
}

export interface Section {
  title: string;
  /** The named figures budgets and the smoke check read; the writer shows them as a table of their own. */
  figures: Record<string, number>;
  /** What a figure is made of (e.g. the two sides of a ratio), shown beside its budget. */
  details?: Record<string, string>;
  tables: Table[];
  /** Paragraphs with figures already written into them; the method is in bench/README.md, under the section's number. */
  notes?: string[];
  /** What went wrong without stopping the section (e.g. failed requests); a smoke run fails on any. */
  problems?: string[];
}

export interface BenchResults {
  mode: 'full' | 'smoke';
  startedAt: string;
  finishedAt: string;
  machine: { cores: number; cpuModel: string; node: string; loadAverageStart: number[]; loadAverageEnd: number[]; commit: string };
  sections: Record<string, Section>;
  /** Sections that failed, with their error, so one broken section does not hide the others. */
  failures: Array<{ section: string; error: string }>;
  budgets: BudgetOutcome[];
}

/** A cell as text: a dash for what was not measured, fixed decimals so columns line up. */
export function formatCell(value: Cell, digits = 2): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '–';
  if (typeof value === 'number') return Number.isFinite(value) ? value.toFixed(digits) : '–';
  return value.length ? value.map((item) => formatCell(item, digits)).join(', ') : '–';
}

export function markdownTable({ columns, rows }: Table): string {
  const line = (cells: readonly string[]) => `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [
    line(columns.map(([, label]) => label)),
    line(columns.map(() => '---')),
    ...rows.map((row) => line(columns.map(([key, , digits]) => formatCell(row[key], digits)))),
  ].join('\n');
}

const budgetTable = (budgets: readonly BudgetOutcome[]): Table => ({
  columns: [['label', 'budget'], ['limit', 'limit'], ['actual', 'measured'], ['detail', 'from'], ['result', 'result']],
  rows: budgets.map((budget) => {
    const unit = budget.unit ? ` ${budget.unit}` : '';
    return {
      label: budget.label,
      limit: `${budget.kind === 'max' ? '≤' : '≥'} ${budget.limit}${unit}`,
      actual: budget.actual === undefined ? 'not measured' : `${formatCell(budget.actual)}${unit}`,
      detail: budget.detail ?? '',
      result: budget.pass ? 'pass' : '**MISS**',
    };
  }),
});

/** `bench/results.md`: the machine, the budgets, then every section's tables, notes and method. */
export function renderMarkdown(results: BenchResults): string {
  const { machine } = results;
  const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' / ');
  const parts = [
    '# Benchmark results',
    `Mode: **${results.mode}**${results.mode === 'smoke' ? ' (tiny runs that prove the code works; figures mean nothing, budgets are not checked)' : ''}. ` +
      `Run ${results.startedAt} to ${results.finishedAt}, commit \`${machine.commit}\`.`,
    `Machine: ${machine.cores} cores (${machine.cpuModel}), Node ${machine.node}; load average (1/5/15 min) ` +
      `${load(machine.loadAverageStart)} at the start, ${load(machine.loadAverageEnd)} at the end. The machine is shared: absolute figures ` +
      'vary run to run; ratios against a reference measured in the same run are what the budgets use where they can.',
    '## Budgets',
    markdownTable(budgetTable(results.budgets)),
  ];
  if (results.failures.length) parts.push('## Sections that failed', results.failures.map(({ section, error }) => `- **${section}**: ${error}`).join('\n'));
  for (const section of Object.values(results.sections)) {
    const figures: Table = { columns: [['figure', 'figure'], ['value', 'value']], rows: Object.entries(section.figures).map(([figure, value]) => ({ figure, value: formatCell(value, Number.isInteger(value) ? 0 : 2) })) };
    parts.push(`## ${section.title}`, ...section.tables.map(markdownTable), markdownTable(figures), ...(section.notes ?? []), `Method: item ${section.title.split('.')[0]} of [bench/README.md](README.md#method).`);
    if (section.problems?.length) parts.push(section.problems.map((problem) => `- **problem**: ${problem}`).join('\n'));
  }
  return `${parts.join('\n\n')}\n`;
}

/** What a smoke run must show to prove the bench works: every section it ran produced finite figures and saw no problem. */
export function smokeProblems(results: BenchResults, ran: readonly string[]): string[] {
  return ran.flatMap((name) => {
    const section = results.sections[name];
    if (!section) return [`the ${name} section produced nothing`];
    const figures = Object.entries(section.figures);
    const unmeasured = figures.filter(([, value]) => !Number.isFinite(value)).map(([key]) => `${name}: ${key} was not measured`);
    return [...(figures.length ? [] : [`the ${name} section produced no figure`]), ...unmeasured, ...(section.problems ?? []).map((problem) => `${name}: ${problem}`)];
  });
}

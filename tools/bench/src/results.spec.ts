import { formatCell, markdownTable, renderMarkdown, smokeProblems, type BenchResults, type Section } from './results';

const section = (overrides: Partial<Section> = {}): Section => ({
  title: '1. Things',
  figures: { 'speed-ms': 1.5, runs: 2 },
  tables: [{ columns: [['name', 'name'], ['ms', 'ms', 1], ['runs', 'runs', 0]], rows: [{ name: 'a|b', ms: 1.25, runs: [1, 2.6] }, { name: 'c', ms: Number.NaN, runs: [] }] }],
  notes: ['A note.'],
  problems: [],
  ...overrides,
});

const results = (overrides: Partial<BenchResults> = {}): BenchResults => ({
  mode: 'full',
  startedAt: 'start',
  finishedAt: 'end',
  machine: { cores: 2, cpuModel: 'test cpu', node: 'v24', loadAverageStart: [1, 0.5, 0.25], loadAverageEnd: [2, 1, 0.5], commit: 'abc1234' },
  sections: { things: section() },
  failures: [],
  budgets: [{ id: 'speed', label: 'Speed', kind: 'max', limit: 2, unit: 'ms', actual: 1.5, detail: 'from a and b', pass: true }],
  ...overrides,
});

describe('formatCell', () => {
  it('shows a dash for what was not measured and fixed decimals for numbers and runs', () => {
    expect([formatCell(undefined), formatCell(Number.NaN), formatCell([]), formatCell(1.005, 1), formatCell([1, 2.5], 0), formatCell('text')]).toEqual([
      '–',
      '–',
      '–',
      '1.0',
      '1, 3',
      'text',
    ]);
  });
});

describe('renderMarkdown', () => {
  it('renders the machine, the budgets and each section from its declared columns', () => {
    const report = renderMarkdown(results());
    expect(report).toContain('Machine: 2 cores (test cpu), Node v24; load average (1/5/15 min) 1.00 / 0.50 / 0.25 at the start');
    expect(report).toContain('| Speed | ≤ 2 ms | 1.50 ms | from a and b | pass |');
    expect(report).toContain('## 1. Things\n\n| name | ms | runs |\n| --- | --- | --- |\n| a\\|b | 1.3 | 1, 3 |\n| c | – | – |\n\n| figure | value |\n| --- | --- |\n| speed-ms | 1.50 |\n| runs | 2 |\n\nA note.\n\nMethod: item 1 of [bench/README.md](README.md#method).');
    expect(report).not.toContain('MISS');
  });

  it('marks missed budgets, lists failed sections and problems, and says smoke figures mean nothing', () => {
    const missed = results({
      mode: 'smoke',
      sections: { things: section({ problems: ['2 failed requests'] }) },
      failures: [{ section: 'planner', error: 'boom' }],
      budgets: [{ id: 'speed', label: 'Speed', kind: 'min', limit: 2, unit: '', pass: false }],
    });
    const report = renderMarkdown(missed);
    expect(report).toContain('| Speed | ≥ 2 | not measured |  | **MISS** |');
    expect(report).toContain('- **planner**: boom');
    expect(report).toContain('- **problem**: 2 failed requests');
    expect(report).toContain('figures mean nothing');
  });
});

describe('markdownTable', () => {
  it('renders a header, a rule and escaped cells', () => {
    expect(markdownTable({ columns: [['a', 'a']], rows: [{ a: 'x|y' }] })).toBe('| a |\n| --- |\n| x\\|y |');
  });
});

describe('smokeProblems', () => {
  it('finds none when every section that ran produced finite figures and no problem', () => {
    expect(smokeProblems(results(), ['things'])).toEqual([]);
  });

  it('reports a missing section, an empty one, an unmeasured figure and a section problem', () => {
    const sections = { empty: section({ figures: {} }), broken: section({ figures: { 'speed-ms': Number.NaN }, problems: ['list x10 completed no request'] }) };
    expect(smokeProblems(results({ sections }), ['gone', 'empty', 'broken'])).toEqual([
      'the gone section produced nothing',
      'the empty section produced no figure',
      'broken: speed-ms was not measured',
      'broken: list x10 completed no request',
    ]);
  });
});

import { evaluateBudgets } from './budgets';
import { fixed, markdownTable, renderReport } from './report';
import { passingResults } from './test-results';

describe('markdownTable', () => {
  it('renders a header, a rule and escaped cells', () => {
    expect(markdownTable(['a', 'b'], [['1', 'x|y']])).toBe('| a | b |\n| --- | --- |\n| 1 | x\\|y |');
  });
});

describe('fixed', () => {
  it('shows a dash for figures that were not measured', () => {
    expect(fixed(undefined)).toBe('–');
    expect(fixed(Number.NaN)).toBe('–');
    expect(fixed(1.005, 1)).toBe('1.0');
  });
});

describe('renderReport', () => {
  it('shows the machine, every budget and every section', () => {
    const results = passingResults();
    results.budgets = evaluateBudgets(results);
    const report = renderReport(results);
    expect(report).toContain('Machine: 2 cores (test cpu)');
    expect(report).toContain('1.00 / 0.50 / 0.25 at the start');
    expect(report).toContain('| API/store throughput, create, 10 connections | ≥ 85 % | 90.00 % |  | pass |');
    expect(report).toContain('| Backend CPU per request / SDK CPU per operation, toggle (worst concurrency) | ≤ 1.15 × | 1.04 × | 0.500 ms vs 0.480 ms at 10 connections | pass |');
    expect(report).toContain('| toggle | 50 | 1000 | 900 | 90.0% | 90.0% | 88% 90% 92% |');
    expect(report).toContain('| 0 / 0 | 0.500 / 0.600 | 0.480 / 0.550 | 1.04× | 0.600 / 0.600 | 0.200 |');
    expect(report).toContain('## 2. Through nginx');
    expect(report).toContain('median **300 ms** over 3 runs');
    expect(report).toContain('| assets/index.js | js | yes | 195.3 KB | 62.5 KB |');
    expect(report).toContain('| 5000 | 300 | 1500 | 40.0 | 2.0 + 20.0 + 18.0 | 1 |');
    expect(report).toContain('| 100 | 150 | 160 | – | – | 1 |');
    expect(report).toContain('Growth exponent of the CPU time above the smallest workspace\'s, over the sizes of 100 and more: **1.00**');
    expect(report).toContain('| this repository | 9 | 3000 | 3000 | 2500 | 2500 |');
    expect(report).toContain('| 24.22.3 (pinned) | 280 | 250 | 0.600 | 0.900 |');
    expect(report).toContain('| ratio | 0.80 | 1.00 | 0.75 | 0.75 |');
    expect(report).toContain('| cdk synth, three services (11 stacks) | 26000 | 26000 |');
    expect(report).toContain("Three-service synth over the same round's two-service synth: **1.30**");
    expect(report).toContain('| todo/backend | 256.0 MB | 3515.6 KB | 20.0 | 12.0 |');
    expect(report).toContain('through nginx: median **20.0 s** (20.0 s)');
    expect(report).toContain('Recall **100.0 %**, precision **95.2 %**');
    expect(report).not.toContain('MISS');
  });

  it('marks missed budgets and lists failed sections', () => {
    const results = passingResults({ planner: undefined, failures: [{ section: 'planner', error: 'boom' }] });
    results.budgets = evaluateBudgets(results);
    const report = renderReport(results);
    expect(report).toContain('| deploy-plan on this repository, cold (no daemon, no cache) | ≤ 5000 ms | not measured |  | **MISS** |');
    expect(report).toContain('- **planner**: boom');
    expect(report).not.toContain('## 5. Planner');
  });

  it('says that smoke figures mean nothing', () => {
    expect(renderReport(passingResults({ mode: 'smoke' }))).toContain('figures mean nothing');
  });
});

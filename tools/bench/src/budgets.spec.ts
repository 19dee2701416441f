import { budgets, evaluateBudgets } from './budgets';
import { passingResults } from './test-results';

describe('evaluateBudgets', () => {
  it('passes every budget when every figure is within its limit', () => {
    const outcomes = evaluateBudgets(passingResults());
    expect(outcomes).toHaveLength(budgets.length);
    expect(outcomes.filter((outcome) => !outcome.pass)).toEqual([]);
  });

  it('holds the limits the issue sets', () => {
    const limits = Object.fromEntries(budgets.map((budget) => [budget.id, `${budget.kind} ${budget.limit}`]));
    expect(limits).toMatchObject({
      'api-ratio-create-10': 'min 85',
      'api-ratio-toggle-50': 'min 80',
      'api-ratio-list-50': 'min 75',
      'backend-cpu-over-sdk-create': 'max 1.15',
      'backend-cpu-over-sdk-toggle': 'max 1.15',
      'backend-cpu-over-sdk-list': 'max 1.15',
      'nginx-added-p50-list': 'max 2',
      'backend-ready': 'max 500',
      'frontend-initial-js': 'max 80',
      'browser-5000-first': 'max 1000',
      'browser-5000-all': 'max 2000',
      'browser-5000-toggle': 'max 50',
      'planner-repo': 'max 5000',
      'shipping-recall': 'min 100',
      'shipping-precision': 'min 95',
    });
  });

  it('fails a throughput ratio below its floor and a CPU cost more than 15 % above the SDK’s own, at any concurrency', () => {
    const results = passingResults();
    const toggle50 = results.api!.find((entry) => entry.operation === 'toggle' && entry.connections === 50)!;
    toggle50.ratio = 0.79;
    toggle50.backendCpuMsPerRequest = 0.6;
    toggle50.driverCpuMsPerRequest = 0.5;
    const failed = evaluateBudgets(results).filter((outcome) => !outcome.pass);
    expect(failed.map((outcome) => [outcome.id, outcome.actual, outcome.detail])).toEqual([
      ['api-ratio-toggle-50', 79, undefined],
      ['backend-cpu-over-sdk-toggle', expect.closeTo(1.2, 6), '0.600 ms vs 0.500 ms at 50 connections'],
    ]);
  });

  it('reads the CPU ratio against the SDK from the same case, not the cheapest SDK figure of the run', () => {
    const results = passingResults();
    const create10 = results.api!.find((entry) => entry.operation === 'create' && entry.connections === 10)!;
    // Dear per request, but so is the SDK in the same case: the backend adds little.
    create10.backendCpuMsPerRequest = 1.1;
    create10.driverCpuMsPerRequest = 1;
    const outcome = evaluateBudgets(results).find((entry) => entry.id === 'backend-cpu-over-sdk-create')!;
    expect(outcome).toMatchObject({ pass: true, detail: '1.100 ms vs 1.000 ms at 10 connections' });
    expect(outcome.actual).toBeCloseTo(1.1, 6);
  });

  it('judges nginx by its own hop at the lowest concurrency, not by contention under load', () => {
    const results = passingResults();
    const nginx = results.nginx!;
    nginx.find((entry) => entry.operation === 'list' && entry.connections === 10)!.addedP50Ms = 6;
    nginx.find((entry) => entry.operation === 'create' && entry.connections === 1)!.addedP50Ms = 2.5;
    const outcomes = evaluateBudgets(results);
    expect(outcomes.find((outcome) => outcome.id === 'nginx-added-p50-list')).toMatchObject({ actual: 0.4, pass: true });
    expect(outcomes.find((outcome) => outcome.id === 'nginx-added-p50-create')).toMatchObject({ actual: 2.5, pass: false });
  });

  it('accepts a figure exactly at its limit', () => {
    const results = passingResults();
    results.startup!.medianMs = 500;
    results.frontendBuild!.initialJsGzipBytes = 80 * 1024;
    expect(evaluateBudgets(results).every((outcome) => outcome.pass)).toBe(true);
  });

  it('fails budgets whose section produced nothing', () => {
    const outcomes = evaluateBudgets(passingResults({ browser: undefined, planner: undefined }));
    const failed = outcomes.filter((outcome) => !outcome.pass).map((outcome) => outcome.id);
    expect(failed).toEqual(['browser-5000-first', 'browser-5000-all', 'browser-5000-toggle', 'planner-repo', 'planner-growth']);
    expect(outcomes.find((outcome) => outcome.id === 'planner-repo')!.actual).toBeUndefined();
  });

  it('fails super-linear planner growth and a slow 5,000-todo toggle', () => {
    const results = passingResults();
    results.planner!.growthExponent = 1.6;
    results.browser![1]!.toggleRepaintMs = 180;
    const failed = evaluateBudgets(results).filter((outcome) => !outcome.pass).map((outcome) => outcome.id);
    expect(failed).toEqual(['browser-5000-toggle', 'planner-growth']);
  });

  it('fails a history replay with one missed ship, or with precision under 95 %', () => {
    const results = passingResults();
    results.shipping = { ...results.shipping!, recall: 20 / 21, precision: 0.94 };
    const failed = evaluateBudgets(results).filter((outcome) => !outcome.pass).map((outcome) => outcome.id);
    expect(failed).toEqual(['shipping-recall', 'shipping-precision']);
  });
});

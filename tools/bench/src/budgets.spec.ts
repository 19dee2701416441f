import { budgets, evaluateBudgets } from './budgets';
import type { BenchResults } from './results';

/** Results holding exactly `figures`, each under its section. */
function resultsWith(figures: Record<string, Record<string, number>>, details: Record<string, Record<string, string>> = {}): BenchResults {
  const sections = Object.fromEntries(
    Object.entries(figures).map(([name, values]) => [name, { title: name, figures: values, details: details[name], tables: [] }]),
  );
  return { mode: 'full', startedAt: '', finishedAt: '', machine: { cores: 2, cpuModel: '', node: '', loadAverageStart: [], loadAverageEnd: [], commit: '' }, sections, failures: [], budgets: [] };
}

/** Every budget's figure at its limit. */
function atTheLimits(): Record<string, Record<string, number>> {
  const figures: Record<string, Record<string, number>> = {};
  for (const budget of budgets) (figures[budget.section] ??= {})[budget.figure] = budget.limit;
  return figures;
}

describe('budgets', () => {
  it('hold the limits the issues set, with the same ids', () => {
    const limits = Object.fromEntries(budgets.map((budget) => [budget.id, `${budget.kind} ${budget.limit}`]));
    expect(limits).toEqual({
      'api-ratio-list-10': 'min 75',
      'api-ratio-list-50': 'min 75',
      'api-ratio-create-10': 'min 85',
      'api-ratio-create-50': 'min 85',
      'api-ratio-toggle-10': 'min 80',
      'api-ratio-toggle-50': 'min 80',
      'backend-cpu-over-sdk-list': 'max 1.15',
      'backend-cpu-over-sdk-create': 'max 1.15',
      'backend-cpu-over-sdk-toggle': 'max 1.15',
      'nginx-added-p50-list': 'max 2',
      'nginx-added-p50-create': 'max 2',
      'backend-ready': 'max 500',
      'frontend-initial-js': 'max 80',
      'browser-5000-first': 'max 1000',
      'browser-5000-all': 'max 2000',
      'browser-5000-toggle': 'max 50',
      'planner-repo': 'max 5000',
      'planner-growth': 'max 1.15',
      'shipping-recall': 'min 100',
      'shipping-precision': 'min 95',
    });
  });
});

describe('evaluateBudgets', () => {
  it('accepts every figure exactly at its limit', () => {
    expect(evaluateBudgets(resultsWith(atTheLimits())).filter((outcome) => !outcome.pass)).toEqual([]);
  });

  it('fails a maximum exceeded and a minimum not reached (a super-linear planner, one missed ship), with the detail of the figure', () => {
    const figures = atTheLimits();
    figures['api']!['toggle-50-api-over-store-percent'] = 79;
    figures['api']!['toggle-backend-over-sdk-cpu-worst'] = 1.2;
    figures['planner']!['growth-exponent'] = 1.6;
    // One missed ship in 21 is a recall under 100 %.
    figures['shipping']!['recall-percent'] = (20 / 21) * 100;
    figures['shipping']!['precision-percent'] = 94;
    const details = { api: { 'toggle-backend-over-sdk-cpu-worst': '0.600 ms vs 0.500 ms at 50 connections' } };
    const failed = evaluateBudgets(resultsWith(figures, details)).filter((outcome) => !outcome.pass);
    expect(failed.map((outcome) => [outcome.id, outcome.actual, outcome.detail])).toEqual([
      ['api-ratio-toggle-50', 79, undefined],
      ['backend-cpu-over-sdk-toggle', 1.2, '0.600 ms vs 0.500 ms at 50 connections'],
      ['planner-growth', 1.6, undefined],
      ['shipping-recall', (20 / 21) * 100, undefined],
      ['shipping-precision', 94, undefined],
    ]);
  });

  it('fails budgets whose section or figure was not produced', () => {
    const figures = atTheLimits();
    delete figures['browser'];
    figures['planner']!['growth-exponent'] = Number.NaN;
    const failed = evaluateBudgets(resultsWith(figures)).filter((outcome) => !outcome.pass);
    expect(failed.map((outcome) => outcome.id)).toEqual(['browser-5000-first', 'browser-5000-all', 'browser-5000-toggle', 'planner-growth']);
    expect(failed[0]!.actual).toBeUndefined();
  });
});

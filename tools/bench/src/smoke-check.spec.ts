import { smokeProblems } from './smoke-check';
import { passingResults } from './test-results';

describe('smokeProblems', () => {
  it('finds none in complete, error-free results', () => {
    expect(smokeProblems(passingResults())).toEqual([]);
  });

  it('reports failed requests, empty runs and missing figures', () => {
    const results = passingResults({ planner: undefined });
    results.api![0]!.api.errors = 3;
    results.nginx![0]!.proxied.requests = 0;
    results.browser![1]!.toggleRepaintMs = undefined;
    expect(smokeProblems(results)).toEqual([
      'api list x10 had 0 store and 3 API errors',
      'nginx list x1 completed no request',
      'no toggle repaint was measured',
      'planner on this repository was not measured',
    ]);
  });

  it('reports a third service that did not add its three stacks', () => {
    const results = passingResults();
    results.generator!.stacks = { two: 8, three: 8 };
    expect(smokeProblems(results, ['generator'])).toEqual(['the third service added 0 stacks, not 3']);
  });

  it('asks nothing of sections that did not run', () => {
    expect(smokeProblems(passingResults({ planner: undefined, browser: undefined }), ['api', 'nginx'])).toEqual([]);
  });
});

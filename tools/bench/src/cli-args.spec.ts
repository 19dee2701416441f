import { parseCliArgs, sectionNames, UsageError } from './cli-args';

describe('parseCliArgs', () => {
  it('runs every section without checking budgets by default', () => {
    expect(parseCliArgs([])).toEqual({ check: false, smoke: false, only: [...sectionNames] });
  });

  it('takes --check, --smoke and repeated --only', () => {
    expect(parseCliArgs(['--check', '--only', 'api', '--only', 'planner'])).toEqual({ check: true, smoke: false, only: ['api', 'planner'] });
    expect(parseCliArgs(['--smoke']).smoke).toBe(true);
  });

  it('refuses unknown flags and sections, and a smoke run that checks budgets', () => {
    expect(() => parseCliArgs(['--fast'])).toThrow(UsageError);
    expect(() => parseCliArgs(['--only', 'api', 'nginx'])).toThrow(/Unexpected argument 'nginx'.*; usage: npm run bench/);
    expect(() => parseCliArgs(['--only', 'gpu'])).toThrow('unknown section gpu');
    expect(() => parseCliArgs(['--check', '--smoke'])).toThrow('do not go together');
  });
});

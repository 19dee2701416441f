import { parseReleaseArgs, parseStatusArgs, UsageError } from './cli-args';

const services = ['backend', 'frontend'];

describe('release arguments', () => {
  it('takes a service and a commit, to development unless told otherwise', () => {
    expect(parseReleaseArgs(['backend', 'HEAD~2'], services)).toEqual({ service: 'backend', commit: 'HEAD~2', to: 'development', dryRun: false });
    expect(parseReleaseArgs(['frontend', 'abc1234', '--to', 'production', '--dry-run'], services)).toEqual({
      service: 'frontend',
      commit: 'abc1234',
      to: 'production',
      dryRun: true,
    });
    expect(parseReleaseArgs(['--to=production', 'backend', 'v1.2'], services).to).toBe('production');
  });

  it.each([
    [[], 'expected a service and a commit, got 0 argument(s); usage: npm run release'],
    [['backend'], 'got 1 argument(s)'],
    [['backend', 'HEAD', 'extra'], 'got 3 argument(s)'],
    [['database', 'HEAD'], 'unknown service "database": the services are backend, frontend'],
    [['backend', 'HEAD', '--to', 'staging'], '--to must be development or production, got "staging"'],
    [['backend', 'HEAD', '--to'], "Option '--to <value>' argument missing; usage"],
    [['backend', 'HEAD', '--force'], "Unknown option '--force'; usage"],
    [['backend', '$(rm -rf ~)'], '"$(rm -rf ~)" is not a commit'],
    [['backend', '-x'], "Unknown option '-x'"],
  ])('refuses %j with one line', (argv, message) => {
    let error: unknown;
    try {
      parseReleaseArgs(argv, services);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('status arguments', () => {
  it('takes --json only', () => {
    expect(parseStatusArgs([])).toEqual({ json: false });
    expect(parseStatusArgs(['--json'])).toEqual({ json: true });
    expect(() => parseStatusArgs(['production'])).toThrow('unexpected argument "production"');
    expect(() => parseStatusArgs(['--all'])).toThrow(UsageError);
  });
});

import { parseCliArgs } from './cli-args';
import { PlanError } from './plan-error';

describe('parseCliArgs', () => {
  it('reads every flag, with HEAD as the default head', () => {
    expect(parseCliArgs(['--base', 'main~1', '--json', '--github-output', '--base-for', 'backend=abc', '--base-for', 'frontend=def'])).toEqual({
      base: 'main~1',
      head: 'HEAD',
      json: true,
      githubOutput: true,
      baseFor: new Map([
        ['backend', 'abc'],
        ['frontend', 'def'],
      ]),
    });
    expect(parseCliArgs(['--base=a', '--head=b'])).toMatchObject({ base: 'a', head: 'b', json: false, githubOutput: false });
  });

  it.each([
    [[], /--base <ref> is required/],
    [['--base', 'a', '--bogus'], /Unknown option '--bogus'/],
    [['--base', 'a', 'extra'], /positional argument/],
    [['--base', 'a', '--base-for', 'backend'], /expects <service>=<ref>/],
    [['--base', 'a', '--base-for', 'backend=x', '--base-for', 'backend=y'], /names service "backend" twice/],
  ])('rejects %j as a usage error', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(PlanError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});

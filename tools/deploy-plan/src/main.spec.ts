import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestWorkspace, nxEnvironmentFor, type TestWorkspace } from './test-workspace';

// The command line as `npm run deploy-plan` runs it: tsx on main.ts, in a copy of the workspace.
const tsxCli = require.resolve('tsx/cli');
const mainTs = join(__dirname, 'main.ts');

function runPlanner(cwd: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [tsxCli, mainTs, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 90_000,
    env: { ...process.env, ...nxEnvironmentFor(cwd), ...env },
  });
}

describe('deploy-plan command', () => {
  let workspace: TestWorkspace;
  let scratch: string;
  let base: string;
  let head: string;

  beforeAll(() => {
    workspace = createTestWorkspace();
    scratch = mkdtempSync(join(tmpdir(), 'deploy-plan-cli-'));
    base = workspace.git('rev-parse', 'HEAD');
    const backendFile = workspace.firstSourceFile('apps/backend/src');
    head = workspace.commit('backend change', { [backendFile]: (old) => `${old}// changed\n` });
  });

  afterAll(() => {
    workspace.remove();
    rmSync(scratch, { recursive: true, force: true });
  });

  // Reads the whole project graph in a new process: seconds on a busy machine.
  it('prints the JSON plan and writes the matrix outputs for GitHub Actions', () => {
    const githubOutput = join(scratch, 'github-output');
    writeFileSync(githubOutput, 'earlier=output\n');
    const result = runPlanner(workspace.root, ['--base', 'HEAD~1', '--json', '--github-output'], {
      GITHUB_OUTPUT: githubOutput,
    });
    expect({ status: result.status, stderr: result.stderr }).toMatchObject({ status: 0 });
    expect(JSON.parse(result.stdout)).toEqual({
      base,
      head,
      services: [{ name: 'backend', reasons: [`${workspace.firstSourceFile('apps/backend/src')} (production file)`] }],
      infra: { affected: false, reasons: [] },
    });
    expect(readFileSync(githubOutput, 'utf8')).toBe('earlier=output\nservices=["backend"]\ninfra=false\n');
  }, 120_000);

  it('exits with 2 and names an unknown ref', () => {
    const result = runPlanner(workspace.root, ['--base', 'no-such-ref']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('deploy-plan: --base: unknown git ref "no-such-ref".\n');
    expect(result.stdout).toBe('');
  });

  it('exits with 2 and says to fetch full history when a shallow clone lacks the base', () => {
    const shallow = join(scratch, 'shallow');
    spawnSync('git', ['clone', '--quiet', '--depth', '1', `file://${workspace.root}`, shallow]);
    const result = runPlanner(shallow, ['--base', base]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`commit "${base}" is not in this clone, which is shallow`);
    expect(result.stderr).toContain('"fetch-depth: 0"');
  });

  it('exits with 2 on a usage error, with the usage', () => {
    const result = runPlanner(workspace.root, ['--head', 'HEAD']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--base <ref> is required');
    expect(result.stderr).toContain('Usage: npm run deploy-plan');
  });
});

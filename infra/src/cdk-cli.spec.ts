import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const infraRoot = path.resolve(__dirname, '..');
const cdk = path.resolve(infraRoot, '..', 'node_modules', '.bin', 'cdk');

interface Manifest {
  artifacts: Record<string, { type: string; environment?: string }>;
  missing?: unknown[];
}

describe('cdk synth through the CDK CLI, as `nx run infra:synth` runs it', () => {
  let outdir: string;
  let manifest: Manifest;
  let output: string;

  beforeAll(async () => {
    outdir = mkdtempSync(path.join(tmpdir(), 'todo-cdk-cli-'));
    // No credentials and no network: everything comes from cdk.json and cdk.context.json.
    const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: process.env['HOME'], CDK_DISABLE_VERSION_CHECK: '1' };
    const result = await promisify(execFile)(cdk, ['synth', '--quiet', '--no-notices', '--output', outdir], {
      cwd: infraRoot,
      env,
      timeout: 170_000,
    });
    output = result.stdout + result.stderr;
    manifest = JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  }, 180_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('synthesizes every stack of both environments offline, with no context left to look up', () => {
    const stacks = Object.entries(manifest.artifacts)
      .filter(([, a]) => a.type === 'aws:cloudformation:stack')
      .map(([name, a]) => [name, a.environment]);
    expect(stacks.sort()).toEqual(
      [
        'todo-backend-pipeline',
        'todo-development-backend',
        'todo-development-environment',
        'todo-development-frontend',
        'todo-frontend-pipeline',
        'todo-production-backend',
        'todo-production-environment',
        'todo-production-frontend',
      ].map((name) => [name, 'aws://111111111111/eu-west-1']),
    );
    expect(manifest.missing ?? []).toEqual([]);
    expect(output).not.toMatch(/AwsSolutions-|WARNING|ERROR/);
  });

  it("reports no finding from cdk-nag or CDK's own CloudFormation validation", () => {
    const report = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { pluginName: string; violations: unknown[] }[];
    };
    expect(report.pluginReports.map((p) => p.pluginName)).toContain('AwsSolutions');
    expect(report.pluginReports.flatMap((p) => p.violations)).toEqual([]);
  });
});

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseServiceRegistry, REGISTRY_PATH } from '@todo/service-registry';
import { copyWorkspaceToScratch, engine, findFreePort, startContainerSite, startNginx, type ContainerSite, type RunningNginx } from '@todo/test-harness';
import { ensureTable } from '@todo/todo-table';

/**
 * The generator end to end, in a scratch git copy of this workspace (node_modules linked): generate
 * `stats`, then everything a team would do with it. One file, run once by `nx run platform:e2e`.
 */
let scratch: string;
const timings: Record<string, number> = {};

function run(label: string, command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const started = performance.now();
  try {
    return execFileSync(command, args, {
      cwd: options.cwd ?? scratch,
      // FORCE_COLOR=0: the Nx task running this suite passes FORCE_COLOR on, which would put colour codes in Nx's summary lines.
      env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true', CI: '', FORCE_COLOR: '0', ...options.env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${label} failed:\n${stdout ?? ''}\n${stderr ?? ''}`);
  } finally {
    timings[label] = Math.round(performance.now() - started);
  }
}
const node = (label: string, script: string, args: string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv }) =>
  run(label, process.execPath, [join(scratch, script), ...args], options);
const nx = (label: string, ...args: string[]) => node(label, 'node_modules/nx/dist/bin/nx.js', args);
const git = (...args: string[]) => execFileSync('git', args, { cwd: scratch, encoding: 'utf8' });

let generated: string[];

beforeAll(() => {
  scratch = copyWorkspaceToScratch('platform-integration');

  nx('generate', 'g', '@todo/platform:service', 'stats', '--callers', 'backend', '--public-path', '/api/stats');
  generated = git('status', '--porcelain', '--untracked-files=all')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3))
    .sort();
  git('add', '--all');
  git('commit', '--quiet', '-m', 'nx g @todo/platform:service stats');
}, 120_000);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  process.stdout.write(`platform integration timings (ms): ${JSON.stringify(timings)}\n`);
});

describe('a service generated into a copy of the workspace', () => {
  it('writes the app, its registry entry, its module boundary and its nginx route, nothing else', () => {
    const app = generated.filter((file) => file.startsWith('apps/stats/'));
    expect(app).toEqual(expect.arrayContaining(['apps/stats/project.json', 'apps/stats/Dockerfile', 'apps/stats/src/main.ts', 'apps/stats/README.md']));
    expect(generated.filter((file) => !file.startsWith('apps/stats/'))).toEqual([
      'apps/frontend/nginx/nginx.conf.template',
      'eslint.config.mjs',
      REGISTRY_PATH,
    ]);
  });

  it('passes its lint, typecheck, test and build, and its bundle runs alone', () => {
    const output = nx('stats checks', 'run-many', '-t', 'lint', 'typecheck', 'test', 'build', '-p', 'stats', '--skip-nx-cache', '--outputStyle=static');
    expect(output).toContain('Successfully ran targets lint, typecheck, test, build for project stats');
    expect(nx('stats smoke', 'run', 'stats:smoke', '--skip-nx-cache', '--outputStyle=static')).toContain('Successfully ran target smoke');
  }, 300_000);

  it('synthesizes its ECS service, Cloud Map record and pipeline with the infra, cdk-nag clean', () => {
    const outdir = join(scratch, 'infra/cdk.out');
    // The CLI synth runs cdk-nag: any finding nobody acknowledged fails it.
    node('synth with three services', 'node_modules/aws-cdk/bin/cdk', ['synth', '--quiet', '--no-notices', '--output', outdir], {
      cwd: join(scratch, 'infra'),
      env: { CDK_DISABLE_VERSION_CHECK: '1' },
    });
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string }> };
    const stacks = Object.keys(manifest.artifacts).filter((name) => manifest.artifacts[name]!.type === 'aws:cloudformation:stack');
    expect(stacks).toEqual(expect.arrayContaining(['todo-stats-pipeline', 'todo-development-stats', 'todo-production-stats']));
    expect(stacks).toHaveLength(11);
    const template = (name: string) =>
      Object.values(JSON.parse(readFileSync(join(outdir, `${name}.template.json`), 'utf8')).Resources) as { Type: string; Properties: Record<string, any> }[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const env of ['development', 'production']) {
      const resources = template(`todo-${env}-stats`);
      expect(resources.find((r) => r.Type === 'AWS::ECS::Service')?.Properties.ServiceName).toBe('stats');
      expect(resources.find((r) => r.Type === 'AWS::ServiceDiscovery::Service')?.Properties.Name).toBe('stats');
      const backend = template(`todo-${env}-backend`).find((r) => r.Type === 'AWS::ECS::TaskDefinition')!;
      expect(backend.Properties.ContainerDefinitions[0].Environment).toContainEqual({ Name: 'STATS_URL', Value: `http://stats.${env}.todo.local:10001` });
    }
    expect(template('todo-stats-pipeline').find((r) => r.Type === 'AWS::CodePipeline::Pipeline')?.Properties.Name).toBe('todo-stats');
  }, 300_000);

  it('ships stats and the frontend (its nginx route) with the infra for the generation, then stats alone for a change to it', () => {
    const plan = (label: string) =>
      JSON.parse(node(label, 'node_modules/tsx/dist/cli.mjs', ['--tsconfig', 'tsconfig.base.json', 'tools/deploy-plan/src/main.ts', '--base', 'HEAD~1', '--json'])) as {
        services: { name: string; reasons: string[] }[];
        infra: { affected: boolean };
      };
    const generation = plan('deploy plan of the generation');
    // The frontend ships for its nginx route; the root eslint.config.mjs, where the new module
    // boundary goes, ships nothing.
    expect(generation.services.map((s) => s.name)).toEqual(expect.arrayContaining(['frontend', 'stats']));
    expect(generation.services.find((s) => s.name === 'frontend')?.reasons).toContain('apps/frontend/nginx/nginx.conf.template (production file)');
    expect(generation.infra.affected).toBe(true);

    appendFileSync(join(scratch, 'apps/stats/src/routes/service.ts'), '// a change to stats only\n');
    git('commit', '--quiet', '-am', 'change stats');
    const change = plan('deploy plan');
    expect(change.services.map((s) => s.name)).toEqual(['stats']);
    expect(change.infra.affected).toBe(false);
  }, 300_000);

  describe('under the local runner', () => {
    let runner: ChildProcess;
    let output = '';
    let ports: { backend: number; stats: number; store: number };

    beforeAll(async () => {
      ports = { backend: await findFreePort(), stats: await findFreePort(), store: await findFreePort() };
      runner = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', '--tsconfig', 'tsconfig.base.json', 'tools/local-runner/src/main.ts'], {
        cwd: scratch,
        env: { ...process.env, FRONTEND: 'off', BACKEND_PORT: String(ports.backend), STATS_PORT: String(ports.stats), DYNAMODB_PORT: String(ports.store) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      await new Promise<void>((resolve, reject) => {
        runner.stdout!.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('Press Ctrl-C to stop.')) resolve();
        });
        runner.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
        runner.once('exit', (code) => reject(new Error(`the runner exited with ${code}:\n${output}`)));
      });
    }, 120_000);

    afterAll(async () => {
      if (runner.exitCode !== null) return;
      const exited = new Promise((resolve) => runner.once('exit', resolve));
      runner.kill('SIGINT');
      await exited;
    });

    /** The environment of the backend process the runner started (its tsx child runs apps/backend/src/main.ts). */
    function backendEnvironment(): Record<string, string> {
      for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
        try {
          const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
          if (!cmdline.includes('apps/backend/src/main.ts') || readlinkSync(`/proc/${pid}/cwd`) !== scratch) continue;
          const entries = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
          return Object.fromEntries(entries.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
        } catch {
          // a process that ended while we looked
        }
      }
      throw new Error(`no backend process found:\n${output}`);
    }

    it('gives the backend a STATS_URL where stats answers', async () => {
      const statsUrl = backendEnvironment()['STATS_URL'];
      expect(statsUrl).toBe(`http://127.0.0.1:${ports.stats}`);
      const info = await fetch(`${statsUrl}/api/stats/info`);
      expect([info.status, await info.json()]).toEqual([200, { service: 'stats', version: '1.0.0' }]);
    });

    it("routes /api/stats/ through the site's nginx to stats, and /api/ to the backend", async () => {
      const site = mkdtempSync(join(tmpdir(), 'platform-site-'));
      writeFileSync(join(site, 'index.html'), '<!doctype html><title>todo</title>');
      let nginx: RunningNginx | undefined;
      try {
        nginx = await startNginx({
          templatePath: join(scratch, 'apps/frontend/nginx/nginx.conf.template'),
          staticRoot: site,
          backendUpstream: `127.0.0.1:${ports.backend}`,
          upstreams: { STATS_UPSTREAM: `127.0.0.1:${ports.stats}` },
        });
        const info = await fetch(`${nginx.url}/api/stats/info`);
        expect([info.status, await info.json()]).toEqual([200, { service: 'stats', version: '1.0.0' }]);
        const invalid = await fetch(`${nginx.url}/api/stats/echo?text=`);
        expect(invalid.status).toBe(400);
        expect(invalid.headers.get('content-type')).toContain('application/problem+json');
        expect((await fetch(`${nginx.url}/api/todos`)).status).toBe(200);
      } finally {
        await nginx?.stop();
        rmSync(site, { recursive: true, force: true });
      }
    });
  });

  describe('in the containerized site (the production images)', () => {
    // The scratch copy's own tag, so its images never replace the checkout's `local` ones.
    const tag = `platform-e2e-${process.pid}`;
    const projects = ['frontend', 'backend', 'stats'];
    let site: ContainerSite | undefined;

    beforeAll(async () => {
      run('images', process.execPath, [join(scratch, 'node_modules/nx/dist/bin/nx.js'), 'run-many', '-t', 'container', '-p', ...projects, '--outputStyle=static'], {
        env: { IMAGE_LOCAL_TAG: tag },
      });
      const started = performance.now();
      site = await startContainerSite({
        name: `todo-platform-${process.pid}`,
        tag,
        services: parseServiceRegistry(JSON.parse(readFileSync(join(scratch, REGISTRY_PATH), 'utf8'))),
        tableName: 'todo-platform',
        prepareStore: async (store) => void (await ensureTable(store.client, 'todo-platform')),
      });
      timings['container site'] = Math.round(performance.now() - started);
    }, 600_000);

    afterAll(async () => {
      await site?.stop();
      const commit = git('rev-parse', 'HEAD').trim();
      await engine(['rmi', '--force', ...projects.flatMap((project) => [`todo/${project}:${tag}`, `todo/${project}:${commit}`])]).catch(() => undefined);
    }, 120_000);

    it('runs stats under its Cloud Map name, where nginx routes /api/stats/ and the backend finds it by STATS_URL', async () => {
      const info = await fetch(`${site!.url}/api/stats/info`);
      expect([info.status, await info.json()]).toEqual([200, { service: 'stats', version: '1.0.0' }]);
      expect(site!.discovery.queryCount('stats.local.todo.local')).toBeGreaterThan(0);
      expect((await fetch(`${site!.url}/api/todos`)).status).toBe(200);

      const fromBackend = await engine([
        'exec',
        site!.backends[0]!.name,
        'node',
        '-e',
        "fetch(process.env.STATS_URL + '/api/stats/info').then(async (r) => console.log(process.env.STATS_URL, r.status, await r.text()))",
      ]);
      expect(fromBackend).toBe('http://stats.local.todo.local:10001 200 {"service":"stats","version":"1.0.0"}');
    });
  });
});

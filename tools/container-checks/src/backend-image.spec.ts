import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '@todo/test-harness';
import { ensureTable } from '@todo/todo-table';
import { copies, environment, execForm, instructions, isRootUser, lastArgs, parseDockerfile } from './dockerfile';
import { collect, exitOf, freePort, imageUser, waitForHttp } from './processes';

const workspaceRoot = resolve(__dirname, '../../..');
const stages = parseDockerfile(readFileSync(join(workspaceRoot, 'apps/backend/Dockerfile'), 'utf8'));
const build = stages.find((stage) => stage.name === 'build')!;
const runtime = stages.at(-1)!;
const buildWorkdir = lastArgs(build, 'WORKDIR')!;
const workdir = lastArgs(runtime, 'WORKDIR')!;
const user = lastArgs(runtime, 'USER')!;

describe('backend image (apps/backend/Dockerfile)', () => {
  it('runs Node 20 as a non-root user, exposes 10000, and checks health with node, not curl', () => {
    expect(stages.map((stage) => stage.name)).toEqual(['build', 'runtime']);
    expect(runtime.image).toMatch(/^node:20\.\d+\.\d+-[\w-]+$/);
    expect(isRootUser(user)).toBe(false);
    expect(lastArgs(runtime, 'EXPOSE')).toBe('10000');
    expect(environment(runtime)).toMatchObject({ NODE_ENV: 'production', PORT: '10000' });
    const healthcheck = lastArgs(runtime, 'HEALTHCHECK')!;
    expect(execForm(healthcheck)[0]).toBe('node');
    expect(healthcheck).not.toMatch(/curl|wget/);
  });

  it('holds only the bundle from the build stage', () => {
    expect(copies(runtime).map(({ flags, sources }) => ({ from: flags['from'], sources }))).toEqual([
      { from: 'build', sources: [posix.join(buildWorkdir, 'apps/backend/dist/main.js')] },
    ]);
    expect(instructions(build, 'RUN').at(-1)!.args).toBe('npx nx run backend:build --skip-nx-cache');
  });

  describe('run exactly as the image runs it', () => {
    const tableName = 'todo-image-check';
    let imageRoot: string;
    let store: EmbeddedDynamoDb;
    let backend: ChildProcess;
    let stderr: () => string;
    let env: Record<string, string>;
    let baseUrl: string;

    beforeAll(async () => {
      // The image's filesystem: its WORKDIR holding what COPY takes from the build stage, where
      // `nx run backend:build` (this target's dependency) left it. Outside the repository, so
      // nothing from node_modules can be found.
      imageRoot = mkdtempSync(join(tmpdir(), 'backend-image-'));
      chmodSync(imageRoot, 0o755);
      for (const { sources, destination, flags } of copies(runtime)) {
        for (const source of sources) {
          const target = join(imageRoot, posix.resolve(workdir, destination));
          mkdirSync(dirname(target), { recursive: true, mode: 0o755 });
          copyFileSync(join(workspaceRoot, posix.relative(buildWorkdir, source)), target);
          chmodSync(target, Number.parseInt(flags['chmod'] ?? '644', 8));
        }
      }

      store = await startEmbeddedDynamoDb();
      await ensureTable(store.client, tableName);
      const port = await freePort();
      baseUrl = `http://127.0.0.1:${port}`;
      env = {
        PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
        ...environment(runtime),
        // What the task definition adds, pointed at the embedded store; a free loopback port.
        TODOTABLE_NAME: tableName,
        AWS_ENDPOINT_URL_DYNAMODB: store.endpoint,
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        PORT: String(port),
        HOST: '127.0.0.1',
      };
      const [command, ...args] = execForm(lastArgs(runtime, 'CMD')!);
      backend = spawn(command!, args, {
        cwd: join(imageRoot, workdir),
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
        ...imageUser(user),
      });
      stderr = collect(backend.stderr);
    }, 60_000);

    afterAll(async () => {
      if (backend && backend.exitCode === null) {
        backend.kill('SIGKILL');
        await exitOf(backend);
      }
      await store?.stop();
      rmSync(imageRoot, { recursive: true, force: true });
    });

    it('answers /ishealthy and /ready, and serves the API from the embedded store', async () => {
      const health = await waitForHttp(`${baseUrl}/ishealthy`, backend).catch((error: Error) => {
        throw new Error(`${error.message}\n${stderr()}`);
      });
      expect(health.status).toBe(200);
      expect((await fetch(`${baseUrl}/ready`)).status).toBe(200);
      const created = await fetch(`${baseUrl}/api/todos`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'shipped in a container' }),
      });
      expect(created.status).toBe(201);
      const list = (await (await fetch(`${baseUrl}/api/todos`)).json()) as { items: { title: string }[] };
      expect(list.items.map(({ title }) => title)).toContain('shipped in a container');
    });

    it("passes the image's HEALTHCHECK command", () => {
      const [command, ...args] = execForm(lastArgs(runtime, 'HEALTHCHECK')!);
      const result = spawnSync(command!, args, { env, timeout: 10_000, ...imageUser(user) });
      expect(result.status).toBe(0);
    });

    it('stops cleanly on SIGTERM, as ECS stops a task', async () => {
      backend.kill('SIGTERM');
      expect(await exitOf(backend)).toBe(0);
    });
  });
});

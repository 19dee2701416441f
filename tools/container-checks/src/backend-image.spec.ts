import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '@todo/test-harness';
import { ensureTable } from '@todo/todo-table';
import { environment, execForm, isRootUser, lastArgs } from './dockerfile';
import { buildImageFilesystem, type ImageFilesystem } from './image-filesystem';
import { collect, exitOf, freePort, imageUser, waitForHttp } from './processes';

const workspaceRoot = resolve(__dirname, '../../..');

describe('backend image (apps/backend/Dockerfile)', () => {
  const tableName = 'todo-image-check';
  let image: ImageFilesystem;
  let user: string;
  let store: EmbeddedDynamoDb;
  let backend: ChildProcess;
  let stderr: () => string;
  let env: Record<string, string>;
  let baseUrl: string;

  // Builds what the image holds from its Docker context (the bundle, by the build stage's own
  // `nx run backend:build`), outside the repository so nothing from node_modules can be found, and
  // starts it with the image's command, working directory, environment and user.
  beforeAll(async () => {
    image = buildImageFilesystem(workspaceRoot, 'apps/backend/Dockerfile');
    user = lastArgs(image.runtime, 'USER') ?? '';
    store = await startEmbeddedDynamoDb();
    await ensureTable(store.client, tableName);
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    env = {
      PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
      ...environment(image.runtime),
      // What the task definition adds, pointed at the embedded store; a free loopback port.
      TODOTABLE_NAME: tableName,
      AWS_ENDPOINT_URL_DYNAMODB: store.endpoint,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      PORT: String(port),
      HOST: '127.0.0.1',
    };
    const [command = '', ...args] = execForm(lastArgs(image.runtime, 'CMD') ?? '');
    backend = spawn(command, args, { cwd: image.path('.'), env, stdio: ['ignore', 'ignore', 'pipe'], ...imageUser(user) });
    stderr = collect(backend.stderr);
  }, 180_000);

  afterAll(async () => {
    if (backend && backend.exitCode === null) {
      backend.kill('SIGKILL');
      await exitOf(backend);
    }
    await store?.stop();
    image?.remove();
  });

  it('runs the pinned Node (.nvmrc) as a non-root user, exposes 10000, and checks health with node, not curl', () => {
    const pinned = readFileSync(join(workspaceRoot, '.nvmrc'), 'utf8').trim();
    expect(image.runtime.image).toBe(`node:${pinned}-bookworm-slim`);
    expect(isRootUser(user)).toBe(false);
    expect(lastArgs(image.runtime, 'EXPOSE')).toBe('10000');
    expect(environment(image.runtime)).toMatchObject({ NODE_ENV: 'production', PORT: '10000' });
    const healthcheck = lastArgs(image.runtime, 'HEALTHCHECK') ?? '';
    expect(execForm(healthcheck)[0]).toBe('node');
    expect(healthcheck).not.toMatch(/curl|wget/);
  });

  it('holds the one-file bundle and nothing else, read-only', () => {
    expect(readdirSync(image.path('/'), { recursive: true })).toEqual(['app', 'app/main.js']);
    expect(image.path('.')).toBe(image.path('/app'));
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
    const [command = '', ...args] = execForm(lastArgs(image.runtime, 'HEALTHCHECK') ?? '');
    const result = spawnSync(command, args, { env, timeout: 10_000, ...imageUser(user) });
    expect(result.status).toBe(0);
  });

  it('stops cleanly on SIGTERM, as ECS stops a task', async () => {
    backend.kill('SIGTERM');
    expect(await exitOf(backend)).toBe(0);
  });
});

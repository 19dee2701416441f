import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TodoClient } from '@todo/contract/client';
import { findFreePort } from '@todo/test-harness';
import { repoRoot } from './config';

/** Runs `npm start`'s entry with the frontend off, until it prints that it is ready. */
async function startRunner(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', '--tsconfig', 'tsconfig.base.json', 'tools/local-runner/src/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, ...env, FRONTEND: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Press Ctrl-C to stop.')) resolve();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`runner exited with ${code}:\n${output}`)));
  });
  return { child, exited, output: () => output };
}

describe('local runner', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'todo-local-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps todos across a restart and stops cleanly on Ctrl-C, even when the signal comes twice', async () => {
    const env = {
      DATA_DIR: dataDir,
      DYNAMODB_PORT: String(await findFreePort()),
      BACKEND_PORT: String(await findFreePort()),
    };
    const client = new TodoClient({ baseUrl: `http://127.0.0.1:${env.BACKEND_PORT}` });

    const first = await startRunner(env);
    expect(first.output()).toContain(`backend     http://127.0.0.1:${env.BACKEND_PORT}/api/`);
    const created = await client.createTodo({ title: 'survives a restart' });
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);

    const second = await startRunner(env);
    const page = await client.listTodos();
    // A terminal's Ctrl-C reaches every process of the group: the signal comes twice (directly and
    // relayed by tsx); the second must not cut the clean-up short.
    second.child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 50));
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    expect(page.items).toEqual([created]);
  });

  it('refuses a bad port with one clear line', async () => {
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', '--tsconfig', 'tsconfig.base.json', 'tools/local-runner/src/main.ts'], {
      cwd: repoRoot,
      env: { ...process.env, BACKEND_PORT: 'ten', FRONTEND: 'off', DATA_DIR: dataDir },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output.trim()).toBe('[local] could not start: BACKEND_PORT must be a port number from 0 to 65535, got "ten"');
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { engine, startContainer, type ContainerSite } from '@todo/test-harness';
import { startTestSite } from './support/site';

const workspaceRoot = resolve(__dirname, '../../../..');

describe('the production images, run as in production', () => {
  let site: ContainerSite;

  beforeAll(async () => {
    site = await startTestSite('images', { backendEnv: { SHUTDOWN_DRAIN_DELAY_MS: '1000', SHUTDOWN_TIMEOUT_MS: '5000' } });
  }, 120_000);
  afterAll(() => site?.stop());

  const containers = () => ({ backend: site.backends[0]!, frontend: site.frontend });

  it.each(['backend', 'frontend'] as const)('%s runs as a non-root user, with a read-only root filesystem and no capabilities', async (service) => {
    const container = containers()[service];
    const inspection = await container.inspect();
    expect(inspection.HostConfig.ReadonlyRootfs).toBe(true);
    expect(inspection.HostConfig.CapDrop?.map((capability) => capability.replace(/^CAP_/, ''))).toEqual(expect.arrayContaining(['CHOWN', 'SETUID', 'NET_RAW']));
    const uid = await engine(['exec', container.name, 'id', '-u']);
    expect(Number(uid)).toBeGreaterThan(0);
    await expect(engine(['exec', container.name, 'sh', '-c', 'echo x > /etc/written-here'])).rejects.toThrow(/Read-only file system/);
    await expect(engine(['exec', container.name, 'sh', '-c', 'echo x > /tmp/written-here && cat /tmp/written-here'])).resolves.toBe('x');
  });

  it.each(['backend', 'frontend'] as const)("%s passes its image's own HEALTHCHECK", async (service) => {
    await expect(containers()[service].checkHealth()).resolves.toBe(0);
  });

  it('the frontend holds the template unchanged and serves the site and /healthz', async () => {
    const template = await engine(['exec', site.frontend.name, 'cat', '/etc/nginx/todo/nginx.conf.template']);
    expect(template).toBe(readFileSync(resolve(workspaceRoot, 'apps/frontend/nginx/nginx.conf.template'), 'utf8').trim());
    const page = await fetch(`${site.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect((await fetch(`${site.url}/healthz`)).status).toBe(200);
  });

  it('the frontend refuses to start without BACKEND_UPSTREAM, saying so', async () => {
    const refused = await startContainer({ image: 'todo/frontend:local', name: 'todo-test-images-no-upstream', network: site.network.name });
    let state = (await refused.inspect()).State;
    for (let tries = 0; state.Status === 'running' && tries < 50; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      state = (await refused.inspect()).State;
    }
    const logs = await refused.logs();
    await refused.kill();
    expect(state.ExitCode).not.toBe(0);
    expect(logs).toContain('render-and-run-nginx: set BACKEND_UPSTREAM');
  });

  it('the backend exits 0 on SIGTERM within its drain delay and shutdown timeout, as ECS stops a task', async () => {
    const started = performance.now();
    const exitCode = await containers().backend.stop();
    const seconds = (performance.now() - started) / 1000;
    expect(exitCode).toBe(0);
    // Drain 1 s + timeout 5 s, far below the 15 s after which the engine would SIGKILL (exit 137).
    expect(seconds).toBeLessThan(6 + 2);
    expect(seconds).toBeGreaterThanOrEqual(1);
  });
});

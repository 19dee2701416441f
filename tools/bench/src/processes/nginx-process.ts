import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, renderNginxConfig, startChild, waitForHttp, type RunningChild } from '@todo/test-harness';
import { workspaceRoot } from '../paths';

export interface NginxProcess {
  child: RunningChild;
  origin: string;
  stop(): Promise<void>;
}

/**
 * The real nginx from the frontend's production template, rendered by the test harness, in front
 * of `backendUpstream` (host:port). Started here rather than by the harness so its access log goes to
 * /dev/null instead of through this process, which generates the load.
 */
export async function startNginxProcess(backendUpstream: string): Promise<NginxProcess> {
  const runtimeDir = mkdtempSync(join(tmpdir(), 'bench-nginx-'));
  const port = await findFreePort();
  const config = await renderNginxConfig(join(workspaceRoot, 'apps/frontend/nginx/nginx.conf.template'), {
    LISTEN_PORT: String(port),
    BACKEND_UPSTREAM: backendUpstream,
    DNS_RESOLVER: '127.0.0.1',
    STATIC_ROOT: join(workspaceRoot, 'apps/frontend/dist'),
    NGINX_RUNTIME_DIR: runtimeDir,
  });
  const configPath = join(runtimeDir, 'nginx.conf');
  writeFileSync(configPath, config);
  // As root, workers would run as `nobody`, who may not read the checkout; the container runs one non-root user.
  const asRoot = process.getuid?.() === 0 ? ['-g', 'user root;'] : [];
  const child = startChild('nginx', ['-e', 'stderr', '-p', runtimeDir, '-c', configPath, ...asRoot], {
    cwd: runtimeDir,
    env: { PATH: process.env['PATH'] },
    stdout: 'ignore',
  });
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await child.stop();
    rmSync(runtimeDir, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`${origin}/healthz`, child, { name: 'nginx' });
  } catch (error) {
    await stop();
    throw error;
  }
  return { child, origin, stop };
}

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const engineScript = resolve(__dirname, '../../containers/engine.sh');

/** Runs engine.sh with only `engines` (fake executables: `docker info` answers when `up`) on PATH. */
function choose(engines: { docker?: 'up' | 'down'; podman?: true }, env: Record<string, string> = {}) {
  const bin = mkdtempSync(join(tmpdir(), 'engines-'));
  try {
    if (engines.docker) writeExecutable(join(bin, 'docker'), `[ "$1" = info ] && exit ${engines.docker === 'up' ? 0 : 1}; exit 0`);
    if (engines.podman) writeExecutable(join(bin, 'podman'), 'exit 0');
    // bash and dirname stay reachable; no real docker or podman does.
    for (const tool of ['bash', 'dirname']) writeExecutable(join(bin, tool), `exec /usr/bin/${tool} "$@"`);
    const result = spawnSync('/usr/bin/bash', [engineScript], { encoding: 'utf8', env: { PATH: bin, ...env } });
    return { status: result.status, engine: result.stdout.trim(), error: result.stderr.trim() };
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}

function writeExecutable(path: string, body: string): void {
  writeFileSync(path, `#!/usr/bin/bash\n${body}\n`);
  chmodSync(path, 0o755);
}

describe('tools/containers/engine.sh, the one choice of container engine', () => {
  it('takes Docker when its engine answers, even with Podman installed', () => {
    expect(choose({ docker: 'up', podman: true })).toEqual({ status: 0, engine: 'docker', error: '' });
  });

  it('takes Podman when the docker command has no engine behind it', () => {
    expect(choose({ docker: 'down', podman: true })).toMatchObject({ status: 0, engine: 'podman' });
  });

  it('obeys CONTAINER_ENGINE', () => {
    expect(choose({ docker: 'up', podman: true }, { CONTAINER_ENGINE: 'podman' })).toMatchObject({ status: 0, engine: 'podman' });
  });

  it.each([
    [{}, {}, /^no container engine found: install Docker, or Podman \(.*install-podman\.sh\)$/],
    [{ docker: 'down' as const }, {}, /^docker is installed but its engine does not answer/],
    [{ podman: true as const }, { CONTAINER_ENGINE: 'docker' }, /^CONTAINER_ENGINE=docker but docker is not on PATH/],
    [{ docker: 'down' as const, podman: true as const }, { CONTAINER_ENGINE: 'docker' }, /^CONTAINER_ENGINE=docker but docker's engine does not answer/],
    [{ podman: true as const }, { CONTAINER_ENGINE: 'containerd' }, /^CONTAINER_ENGINE must be docker or podman, not 'containerd'$/],
  ])('fails with one clear line: %j %j', (engines, env, message) => {
    const result = choose(engines, env);
    expect(result.status).toBe(1);
    expect(result.engine).toBe('');
    expect(result.error.split('\n')).toHaveLength(1);
    expect(result.error).toMatch(message);
  });
});

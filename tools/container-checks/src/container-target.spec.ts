import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const workspaceRoot = resolve(__dirname, '../../..');

interface ContainerTarget {
  executor: string;
  cache?: boolean;
  inputs: string[];
  options: { command: string };
}

describe.each(['backend', 'frontend'])('nx run %s:container', (service) => {
  const projectRoot = `apps/${service}`;
  const target = (JSON.parse(readFileSync(join(workspaceRoot, projectRoot, 'project.json'), 'utf8')) as {
    targets: { container: ContainerTarget };
  }).targets.container;
  let stubs: string;

  beforeAll(() => {
    // A `docker` that only reports its arguments: there is no Docker engine here.
    stubs = mkdtempSync(join(tmpdir(), 'docker-stub-'));
    writeFileSync(join(stubs, 'docker'), '#!/bin/sh\nfor arg in "$@"; do printf "%s\\n" "$arg"; done\n', { mode: 0o755 });
  });

  afterAll(() => rmSync(stubs, { recursive: true, force: true }));

  it('has its Dockerfile and ignore file among its inputs, so changing them affects the service', () => {
    expect(target.inputs).toEqual(
      expect.arrayContaining(['production', '{projectRoot}/Dockerfile', '{projectRoot}/Dockerfile.dockerignore']),
    );
    expect(target.cache).toBe(false);
  });

  it('builds the Dockerfile from the repository root, tagged with the full commit SHA', () => {
    const command = target.options.command.replaceAll('{projectRoot}', projectRoot);
    const run = (env: Record<string, string>) =>
      execFileSync('sh', ['-c', command], { cwd: workspaceRoot, encoding: 'utf8', env: { PATH: `${stubs}:${process.env['PATH']}`, ...env } })
        .trim()
        .split('\n');
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: workspaceRoot, encoding: 'utf8' }).trim();
    expect(run({})).toEqual(['buildx', 'build', '--file', `${projectRoot}/Dockerfile`, '--tag', `todo/${service}:${sha}`, '.']);
    expect(run({ IMAGE_REPOSITORY: 'registry.example/todo/x' })).toContain(`registry.example/todo/x:${sha}`);
    expect(sha).toMatch(/^[0-9a-f]{40}$/);
  });
});

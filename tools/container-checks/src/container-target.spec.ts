import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const workspaceRoot = resolve(__dirname, '../../..');

interface ContainerTarget {
  executor: string;
  dependsOn?: string[];
  cache?: boolean;
  inputs: string[];
  options: { command: string };
}

/** Every service: an app with a `container` target (what the deploy planner and the workflows read too). */
const services = readdirSync(join(workspaceRoot, 'apps')).flatMap((folder) => {
  const project = JSON.parse(readFileSync(join(workspaceRoot, 'apps', folder, 'project.json'), 'utf8')) as {
    name: string;
    targets?: { container?: ContainerTarget };
  };
  return project.targets?.container ? [{ name: project.name, root: `apps/${folder}`, target: project.targets.container }] : [];
});

/** The sources of the Dockerfile's COPY instructions (no `--from`: a stage copies from the context). */
function copiedPaths(dockerfile: string): string[] {
  return [...dockerfile.matchAll(/^COPY\s+((?:--\S+\s+)*)(.+)$/gm)].flatMap(([, flags = '', paths = '']) =>
    flags.includes('--from=') ? [] : paths.trim().split(/\s+/).slice(0, -1).map((path) => path.replace(/\/$/, '')),
  );
}

/** The official bases as tools/containers/base-images.sh declares them (the Node one from .nvmrc). */
const officialBases = Object.fromEntries(
  execFileSync('bash', ['-c', 'source tools/containers/base-images.sh && echo "NODE_IMAGE=$NODE_IMAGE" && echo "NGINX_IMAGE=$NGINX_IMAGE"'], { cwd: workspaceRoot, encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.split('=') as [string, string]),
);
const generatedDockerfile = readFileSync(join(workspaceRoot, 'tools/platform/src/generators/service/files/Dockerfile__tmpl__'), 'utf8');

/** `ARG <NAME>=<default>` lines of a Dockerfile. */
function baseImageDefaults(dockerfile: string): Record<string, string> {
  return Object.fromEntries([...dockerfile.matchAll(/^ARG ((?:NODE|NGINX)_IMAGE)=(\S+)$/gm)].map(([, name, value]) => [name, value]));
}

describe('base images', () => {
  it.each([...services.map(({ root }) => `${root}/Dockerfile`), 'the generator\'s Dockerfile template'])('%s defaults to the official base of tools/containers/base-images.sh', (file) => {
    const dockerfile = file.startsWith('apps/') ? readFileSync(join(workspaceRoot, file), 'utf8') : generatedDockerfile;
    const defaults = Object.entries(baseImageDefaults(dockerfile));
    expect(defaults.length).toBeGreaterThan(0);
    for (const [name, value] of defaults) expect({ [name]: value }).toEqual({ [name]: officialBases[name] });
  });

  it('takes the Node version pinned in .nvmrc', () => {
    const pinned = readFileSync(join(workspaceRoot, '.nvmrc'), 'utf8').trim();
    expect(officialBases['NODE_IMAGE']).toBe(`node:${pinned}-bookworm-slim`);
  });
});

describe('container targets', () => {
  it('exist for the backend and the frontend', () => {
    expect(services.map((service) => service.name).sort()).toEqual(expect.arrayContaining(['backend', 'frontend']));
  });

  describe.each(services)('nx run $name:container', ({ name, root, target }) => {
    const dockerfile = readFileSync(join(workspaceRoot, root, 'Dockerfile'), 'utf8');
    const ignored = readFileSync(join(workspaceRoot, root, 'Dockerfile.dockerignore'), 'utf8');
    const copied = copiedPaths(dockerfile);
    const fromRepository = copied.filter((path) => !path.startsWith(`${root}/dist`));

    it('packages what Nx built: depends on build, runs the one image script, and is never cached', () => {
      expect(target.dependsOn).toEqual(['build']);
      expect(target.options.command).toBe('bash tools/containers/build-image.sh {projectName}');
      expect(target.cache).toBe(false);
      expect(copied.some((path) => path.startsWith(`${root}/dist`))).toBe(true);
      // No install or compile in the image build: no such command in a RUN (as its first word or after ;, &&, ||).
      expect(dockerfile).not.toMatch(/^RUN\s+(.*[;&|]\s*)?(npm|npx|nx|yarn|pnpm|tsc|esbuild|vite)\s/m);
    });

    it('names as inputs exactly what the image copies from the repository besides the build output', () => {
      const inputs = fromRepository.map((path) => path.replace(root, '{projectRoot}'));
      expect([...target.inputs].sort()).toEqual(['{projectRoot}/Dockerfile', '{projectRoot}/Dockerfile.dockerignore', ...inputs].sort());
    });

    it('sends the engine only what the Dockerfile copies', () => {
      const included = ignored.split('\n').flatMap((line) => (line.startsWith('!') ? [line.slice(1).trim()] : []));
      expect(ignored.split('\n').filter((line) => line.trim() && !line.startsWith('#'))[0]).toBe('*');
      expect(included.sort()).toEqual([...copied].sort());
    });

    it('takes its base image through a build argument defaulting to the official image', () => {
      expect(dockerfile).toMatch(/^ARG (NODE|NGINX)_IMAGE=\S+\nFROM \$\{\1_IMAGE\}$/m);
      expect(name).toMatch(/^[a-z][a-z0-9-]*$/);
    });
  });
});

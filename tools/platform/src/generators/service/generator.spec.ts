import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addProjectConfiguration, readJson, readProjectConfiguration, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { serviceGenerator } from './generator';
import { ESLINT_CONFIG_PATH } from './module-boundaries';
import { NGINX_TEMPLATE_PATH } from './nginx-route';
import { REGISTRY_PATH, type ServiceEntry } from '@todo/service-registry';

const workspaceRoot = join(__dirname, '../../../../..');

/** A virtual workspace holding the real registry, lint config and nginx template, and the two services. */
function todoWorkspace(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  for (const path of [REGISTRY_PATH, ESLINT_CONFIG_PATH, NGINX_TEMPLATE_PATH]) tree.write(path, readFileSync(join(workspaceRoot, path), 'utf-8'));
  for (const name of ['frontend', 'backend']) addProjectConfiguration(tree, name, { root: `apps/${name}`, projectType: 'application' });
  addProjectConfiguration(tree, 'infra', { root: 'infra' });
  return tree;
}

/** Every file of the tree with its content. */
const snapshot = (tree: Tree) => tree.listChanges().map((c) => [c.path, c.type, c.content?.toString('utf-8')]);

const registry = (tree: Tree) => readJson<{ services: ServiceEntry[] }>(tree, REGISTRY_PATH).services;

describe('the service generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = todoWorkspace();
  });

  it('writes the app: Fastify sources and specs, Dockerfile, README, project with build, container and smoke', async () => {
    await serviceGenerator(tree, { name: 'stats' });
    const files = tree.listChanges().map((c) => c.path).filter((p) => p.startsWith('apps/stats/')).sort();
    expect(files).toEqual(
      [
        'Dockerfile',
        'Dockerfile.dockerignore',
        'README.md',
        'eslint.config.mjs',
        'jest.config.cjs',
        'jest.smoke.config.cjs',
        'project.json',
        'src/app.spec.ts',
        'src/app.ts',
        'src/bundle.smoke.ts',
        'src/config.spec.ts',
        'src/config.ts',
        'src/main.ts',
        'src/problem.ts',
        'src/routes/health.ts',
        'src/routes/service.ts',
        'tsconfig.app.json',
        'tsconfig.json',
      ].map((f) => `apps/stats/${f}`),
    );
    const project = readProjectConfiguration(tree, 'stats');
    expect(project.tags).toEqual(['type:app', 'scope:stats']);
    expect(Object.keys(project.targets ?? {}).sort()).toEqual(['build', 'container', 'smoke', 'typecheck']);
    expect(project.targets?.['container']).toMatchObject({ dependsOn: ['build'], options: { command: 'bash tools/containers/build-image.sh {projectName}' } });
    expect(project.targets?.['smoke']?.dependsOn).toEqual(['build']);
    expect(tree.read('apps/stats/Dockerfile', 'utf-8')).toContain('COPY --chmod=0444 apps/stats/dist/main.js ./main.js');
    expect(tree.read('apps/stats/Dockerfile.dockerignore', 'utf-8')).toContain('!apps/stats/dist/main.js');
    expect(tree.read('apps/stats/src/app.ts', 'utf-8')).toContain("export const API_PREFIX = '/api/stats';");
    expect(tree.read('apps/stats/src/config.ts', 'utf-8')).toContain("integer(env, 'PORT', 10001, 0, 65535)");
  });

  it('adds one registry entry with the next port after the backend and no store', async () => {
    const before = registry(tree);
    await serviceGenerator(tree, { name: 'stats', callers: 'backend' });
    expect(registry(tree)).toEqual([
      ...before,
      {
        name: 'stats',
        runtime: 'node',
        port: 10001,
        callers: ['backend'],
        resources: [],
        sizing: {
          development: { cpu: 256, memoryMiB: 512, desiredCount: 1, minCount: 1, maxCount: 2, targetCpuPercent: 70 },
          production: { cpu: 256, memoryMiB: 512, desiredCount: 2, minCount: 2, maxCount: 4, targetCpuPercent: 60 },
        },
      },
    ]);
  });

  it('extends the module boundaries with its own scope', async () => {
    await serviceGenerator(tree, { name: 'stats' });
    const config = tree.read(ESLINT_CONFIG_PATH, 'utf-8')!;
    expect(config).toContain("{ sourceTag: 'scope:stats', onlyDependOnLibsWithTags: ['scope:stats', 'scope:shared'] },");
    expect(config.indexOf('scope:stats')).toBeLessThan(config.indexOf("{ sourceTag: 'scope:shared'"));
  });

  it('leaves nginx alone without a public path', async () => {
    const template = tree.read(NGINX_TEMPLATE_PATH, 'utf-8');
    await serviceGenerator(tree, { name: 'stats' });
    expect(tree.read(NGINX_TEMPLATE_PATH, 'utf-8')).toBe(template);
  });

  it('routes a public path to the service by name, resolved per request like /api/', async () => {
    await serviceGenerator(tree, { name: 'stats', publicPath: '/api/stats', port: 10500 });
    const template = tree.read(NGINX_TEMPLATE_PATH, 'utf-8')!;
    const location = /location \/api\/stats\/ \{\n(.*\n)*? *\}\n/.exec(template)?.[0];
    expect(location).toContain('set $stats_upstream ${STATS_UPSTREAM};');
    expect(location).toContain('proxy_pass http://$stats_upstream;');
    expect(template.indexOf('location /api/stats/')).toBeLessThan(template.indexOf('location /api/ {'));
    expect(registry(tree).at(-1)).toMatchObject({ name: 'stats', port: 10500, publicPath: '/api/stats/' });
  });

  it('serves a public path other than /api/<name>/ under that path', async () => {
    await serviceGenerator(tree, { name: 'stats', publicPath: '/api/metrics/' });
    expect(tree.read('apps/stats/src/app.ts', 'utf-8')).toContain("export const API_PREFIX = '/api/metrics';");
  });

  it.each([
    ['a name with capitals', { name: 'Stats' }, /name "Stats" is not a DNS label/],
    ['a name with an underscore', { name: 'my_stats' }, /not a DNS label/],
    ['a name over 20 characters', { name: 'a'.repeat(21) }, /not a DNS label/],
    ['a name ending in a hyphen', { name: 'stats-' }, /not a DNS label/],
    ['a name starting with a digit', { name: '1stats' }, /not a DNS label/],
    ['frontend', { name: 'frontend' }, /name "frontend" is reserved/],
    ['backend', { name: 'backend' }, /name "backend" is reserved/],
    ['infra', { name: 'infra' }, /name "infra" is reserved/],
    ['a port taken by another service', { name: 'stats', port: 10000 }, /port 10000 is taken by backend/],
    ['a port below 1024', { name: 'stats', port: 80 }, /port 80 is not a port from 1024 to 65535/],
    ['an unknown caller', { name: 'stats', callers: 'backend,billing' }, /caller "billing" is not a service/],
    ['a public path outside /api/', { name: 'stats', publicPath: '/stats' }, /public path "\/stats" must be under \/api\//],
    ['the API root as public path', { name: 'stats', publicPath: '/api/' }, /must be under \/api\//],
  ])('refuses %s and changes no file', async (_, options, message) => {
    const before = snapshot(tree);
    await expect(serviceGenerator(tree, options)).rejects.toThrow(message);
    expect(snapshot(tree)).toEqual(before);
  });

  it('refuses a name that is already a project', async () => {
    addProjectConfiguration(tree, 'reports', { root: 'libs/reports' });
    const registryBefore = tree.read(REGISTRY_PATH, 'utf-8');
    await expect(serviceGenerator(tree, { name: 'reports' })).rejects.toThrow(/name "reports" is already a project/);
    expect(tree.read(REGISTRY_PATH, 'utf-8')).toBe(registryBefore);
  });

  it('refuses a public path another service has', async () => {
    await serviceGenerator(tree, { name: 'stats', publicPath: '/api/stats' });
    await expect(serviceGenerator(tree, { name: 'reports', publicPath: '/api/stats/' })).rejects.toThrow(/public path \/api\/stats\/ is taken by stats/);
  });

  it('lets a second generated service be called by the first', async () => {
    await serviceGenerator(tree, { name: 'stats' });
    await serviceGenerator(tree, { name: 'reports', callers: ['stats'] });
    expect(registry(tree).map((s) => [s.name, s.port, s.callers])).toEqual([
      ['frontend', 8080, []],
      ['backend', 10000, []],
      ['stats', 10001, []],
      ['reports', 10002, ['stats']],
    ]);
  });
});

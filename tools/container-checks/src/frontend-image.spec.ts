import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { nginxTemplateVariables } from '@todo/test-harness';
import { copies, environment, execForm, instructions, isRootUser, lastArgs } from './dockerfile';
import { buildImageFilesystem, type ImageFilesystem } from './image-filesystem';
import { collect, exitOf, freePort, imageUser, waitForHttp } from './processes';

const workspaceRoot = resolve(__dirname, '../../..');
const templateSource = 'apps/frontend/nginx/nginx.conf.template';
/** The variables the template names, which the entrypoint substitutes, and nothing else. */
const templateVariables = nginxTemplateVariables(readFileSync(resolve(workspaceRoot, templateSource), 'utf8'));

describe('frontend image (apps/frontend/Dockerfile)', () => {
  let image: ImageFilesystem;
  let user: string;
  let imageEnv: Record<string, string>;
  let entrypoint: string;
  let env: Record<string, string>;
  let port: number;

  // Builds what the image holds from its Docker context (the site, by the build stage's own
  // `nx run frontend:build`), and the environment the entrypoint sees, with the image's paths
  // mapped into that folder and the task definition's values on loopback.
  beforeAll(async () => {
    image = buildImageFilesystem(workspaceRoot, 'apps/frontend/Dockerfile');
    user = lastArgs(image.runtime, 'USER') ?? '';
    imageEnv = environment(image.runtime);
    entrypoint = image.path(execForm(lastArgs(image.runtime, 'ENTRYPOINT') ?? '')[0] ?? '');
    // The writable volume Fargate mounts under the read-only root filesystem.
    mkdirSync(image.path('/tmp'));
    chmodSync(image.path('/tmp'), 0o1777);
    port = await freePort();
    env = {
      PATH: '/usr/sbin:/usr/bin:/sbin:/bin',
      ...imageEnv,
      BACKEND_UPSTREAM: '127.0.0.1:9',
      LISTEN_PORT: String(port),
      NGINX_TEMPLATE: image.path(imageEnv['NGINX_TEMPLATE'] ?? ''),
      STATIC_ROOT: image.path(imageEnv['STATIC_ROOT'] ?? ''),
      NGINX_RUNTIME_DIR: image.path(imageEnv['NGINX_RUNTIME_DIR'] ?? ''),
    };
  }, 180_000);

  afterAll(() => image?.remove());

  // stdout is /dev/null: nginx reopens /dev/stdout for its access log, which fails on the socket
  // spawnSync gives a child even for 'ignore'; a container's stdout is a pipe or file.
  const runEntrypoint = (args: string[], environment: Record<string, string>) => {
    const devNull = openSync('/dev/null', 'w');
    try {
      return spawnSync('sh', [entrypoint, ...args], {
        env: environment,
        encoding: 'utf8',
        timeout: 20_000,
        stdio: ['ignore', devNull, 'pipe'],
        ...imageUser(user),
      });
    } finally {
      closeSync(devNull);
    }
  };

  it('runs unprivileged nginx, pinned, as a non-root user on port 8080', () => {
    expect(image.runtime.image).toMatch(/^nginxinc\/nginx-unprivileged:\d+\.\d+\.\d+-[\w-]+$/);
    expect(isRootUser(user)).toBe(false);
    expect(lastArgs(image.runtime, 'EXPOSE')).toBe('8080');
    expect(imageEnv['LISTEN_PORT']).toBe('8080');
  });

  it('holds the template unchanged, and the built site in STATIC_ROOT', () => {
    expect(readFileSync(env['NGINX_TEMPLATE'] ?? '', 'utf8')).toBe(readFileSync(resolve(workspaceRoot, templateSource), 'utf8'));
    expect(readFileSync(resolve(env['STATIC_ROOT'] ?? '', 'index.html'), 'utf8')).toContain('<script type="module"');
    // Nothing in the final stage runs a command that could edit them.
    expect(instructions(image.runtime, 'RUN')).toEqual([]);
    expect(copies(image.runtime).find(({ sources }) => sources.includes(templateSource))).toBeDefined();
  });

  it("renders over the template's own variables, so a public path's upstream is required and filled in", () => {
    expect(templateVariables).toEqual(['BACKEND_UPSTREAM', 'DNS_RESOLVER', 'LISTEN_PORT', 'NGINX_RUNTIME_DIR', 'STATIC_ROOT']);
    const withRoute = image.path('/tmp/with-route.conf.template');
    writeFileSync(withRoute, `${readFileSync(env['NGINX_TEMPLATE'] ?? '', 'utf8')}# \${STATS_UPSTREAM}\n`);
    const missing = runEntrypoint(['-t'], { ...env, NGINX_TEMPLATE: withRoute });
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('set STATS_UPSTREAM');
    const filled = runEntrypoint(['-t'], { ...env, NGINX_TEMPLATE: withRoute, STATS_UPSTREAM: 'stats.local.todo.local:10001' });
    expect(filled.status).toBe(0);
    expect(readFileSync(resolve(env['NGINX_RUNTIME_DIR'] ?? '', 'nginx.conf'), 'utf8')).toContain('# stats.local.todo.local:10001\n');
  });

  it('renders a configuration that nginx -t accepts, in the writable runtime folder', () => {
    const result = runEntrypoint(['-t'], env);
    expect(result.stderr).toContain('test is successful');
    expect(result.status).toBe(0);
    const rendered = readFileSync(resolve(env['NGINX_RUNTIME_DIR'] ?? '', 'nginx.conf'), 'utf8');
    for (const name of templateVariables) expect(rendered).not.toContain(`\${${name}}`);
    expect(rendered).toContain(`listen ${port} default_server;`);
    // nginx's own variables are left for nginx.
    expect(rendered).toContain('proxy_set_header Host $host;');
    expect(rendered).toContain('proxy_pass http://$backend_upstream;');
  });

  it('refuses to start without BACKEND_UPSTREAM', () => {
    const withoutUpstream = { ...env };
    delete withoutUpstream['BACKEND_UPSTREAM'];
    const result = runEntrypoint(['-t'], withoutUpstream);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('set BACKEND_UPSTREAM');
  });

  it('serves /healthz and the site when started as the image starts it', async () => {
    const nginx = spawn('sh', [entrypoint, ...execForm(lastArgs(image.runtime, 'CMD') ?? '[]')], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
      ...imageUser(user),
    });
    const stderr = collect(nginx.stderr);
    try {
      const health = await waitForHttp(`http://127.0.0.1:${port}/healthz`, nginx).catch((error: Error) => {
        throw new Error(`${error.message}\n${stderr()}`);
      });
      expect(health.status).toBe(200);
      expect(await health.text()).toBe('ok\n');
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toBe(readFileSync(resolve(env['STATIC_ROOT'] ?? '', 'index.html'), 'utf8'));
    } finally {
      nginx.kill('SIGQUIT');
      await exitOf(nginx);
    }
  });
});

import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { copies, environment, execForm, instructions, isRootUser, lastArgs, parseDockerfile } from './dockerfile';
import { collect, exitOf, freePort, imageUser, waitForHttp } from './processes';

const workspaceRoot = resolve(__dirname, '../../..');
const templateSource = 'apps/frontend/nginx/nginx.conf.template';
const stages = parseDockerfile(readFileSync(join(workspaceRoot, 'apps/frontend/Dockerfile'), 'utf8'));
const runtime = stages.at(-1)!;
const user = lastArgs(runtime, 'USER')!;
const imageEnv = environment(runtime);
const [entrypoint] = execForm(lastArgs(runtime, 'ENTRYPOINT')!);
const entrypointCopy = copies(runtime).find((copy) => copy.destination === entrypoint)!;
const script = Object.values(entrypointCopy?.heredocs ?? {})[0]!;
/** The variables the template's README says to substitute, and nothing else. */
const templateVariables = ['LISTEN_PORT', 'API_UPSTREAM', 'DNS_RESOLVER', 'STATIC_ROOT', 'NGINX_RUNTIME_DIR'];

describe('frontend image (apps/frontend/Dockerfile)', () => {
  it('runs unprivileged nginx, pinned, as a non-root user on port 8080', () => {
    expect(stages.map((stage) => stage.name)).toEqual(['build', 'runtime']);
    expect(runtime.image).toMatch(/^nginxinc\/nginx-unprivileged:\d+\.\d+\.\d+-[\w-]+$/);
    expect(isRootUser(user)).toBe(false);
    expect(lastArgs(runtime, 'EXPOSE')).toBe(imageEnv['LISTEN_PORT']);
  });

  it('copies the template unchanged to where the entrypoint reads it, and the built site to STATIC_ROOT', () => {
    const copied = copies(runtime);
    expect(copied.find((copy) => copy.sources.includes(templateSource))?.destination).toBe(imageEnv['NGINX_TEMPLATE']);
    expect(copied.find((copy) => copy.flags['from'] === 'build')?.destination.replace(/\/$/, '')).toBe(
      imageEnv['STATIC_ROOT'],
    );
    // Nothing in the image edits files: the only instructions that run commands are the build's.
    expect(instructions(runtime, 'RUN')).toEqual([]);
  });

  it('renders with envsubst over exactly the template variables, into the runtime folder', () => {
    expect(entrypointCopy?.flags['chmod']).toBe('0555');
    const listed = /envsubst '([^']*)'/.exec(script)?.[1];
    expect(listed?.split(/\s+/)).toEqual(templateVariables.map((name) => `\${${name}}`));
  });

  describe("the entrypoint's work, outside a container", () => {
    let root: string;
    let env: Record<string, string>;
    let port: number;

    beforeAll(async () => {
      // The image's paths, in a temp folder that the image's user (when we are root) may use.
      root = mkdtempSync(join(tmpdir(), 'frontend-image-'));
      chmodSync(root, 0o755);
      const template = join(root, 'nginx.conf.template');
      copyFileSync(join(workspaceRoot, templateSource), template);
      const staticRoot = join(root, 'html');
      mkdirSync(staticRoot, { mode: 0o755 });
      writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><title>todo</title>\n');
      const runtimeDir = join(root, 'run');
      mkdirSync(runtimeDir, { mode: 0o755 });
      const { uid, gid } = imageUser(user);
      if (uid !== undefined && gid !== undefined) chownSync(runtimeDir, uid, gid);
      writeFileSync(join(root, 'entrypoint.sh'), script, { mode: 0o555 });
      port = await freePort();
      env = {
        PATH: '/usr/sbin:/usr/bin:/sbin:/bin',
        ...imageEnv,
        // The task definition's values, with loopback and temp paths instead of AWS ones.
        API_UPSTREAM: '127.0.0.1:9',
        LISTEN_PORT: String(port),
        NGINX_TEMPLATE: template,
        STATIC_ROOT: staticRoot,
        NGINX_RUNTIME_DIR: join(runtimeDir, 'nginx'),
      };
    });

    afterAll(() => rmSync(root, { recursive: true, force: true }));

    // stdout is /dev/null: nginx reopens /dev/stdout for its access log, which fails on the socket
    // spawnSync gives a child even for 'ignore'; a container's stdout is a pipe or file.
    const run = (...args: string[]) => {
      const devNull = openSync('/dev/null', 'w');
      try {
        return spawnSync('sh', [join(root, 'entrypoint.sh'), ...args], {
          env,
          encoding: 'utf8',
          timeout: 20_000,
          stdio: ['ignore', devNull, 'pipe'],
          ...imageUser(user),
        });
      } finally {
        closeSync(devNull);
      }
    };

    it('renders a configuration that nginx -t accepts', () => {
      const result = run('-t');
      expect(result.stderr).toContain('test is successful');
      expect(result.status).toBe(0);
      const rendered = readFileSync(join(env['NGINX_RUNTIME_DIR']!, 'nginx.conf'), 'utf8');
      for (const name of templateVariables) expect(rendered).not.toContain(`\${${name}}`);
      expect(rendered).toContain(`listen ${port} default_server;`);
      // nginx's own variables are left for nginx.
      expect(rendered).toContain('$host');
      expect(rendered).toContain('proxy_pass http://$api_upstream;');
    });

    it('refuses to start without API_UPSTREAM', () => {
      const withoutUpstream = { ...env };
      delete withoutUpstream['API_UPSTREAM'];
      const result = spawnSync('sh', [join(root, 'entrypoint.sh'), '-t'], { env: withoutUpstream, encoding: 'utf8' });
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('set API_UPSTREAM');
    });

    it('serves /healthz from nginx itself when started as the image starts it', async () => {
      const nginx = spawn('sh', [join(root, 'entrypoint.sh'), ...execForm(lastArgs(runtime, 'CMD')!)], {
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
        ...imageUser(user),
      });
      const stderr = collect(nginx.stderr);
      try {
        const response = await waitForHttp(`http://127.0.0.1:${port}/healthz`, nginx).catch((error: Error) => {
          throw new Error(`${error.message}\n${stderr()}`);
        });
        expect(response.status).toBe(200);
        expect(await response.text()).toBe('ok\n');
      } finally {
        nginx.kill('SIGQUIT');
        await exitOf(nginx);
      }
    });
  });
});

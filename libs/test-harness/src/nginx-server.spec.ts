import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from './free-port';
import { nginxTemplateVariables, renderNginxConfig, startNginx } from './nginx-server';

// A minimal template using every variable; the frontend's real one is tested next to it.
const template = `daemon off;
pid \${NGINX_RUNTIME_DIR}/nginx.pid;
error_log stderr;
events {}
http {
  access_log off;
  client_body_temp_path \${NGINX_RUNTIME_DIR}/body;
  proxy_temp_path \${NGINX_RUNTIME_DIR}/proxy;
  fastcgi_temp_path \${NGINX_RUNTIME_DIR}/fastcgi;
  uwsgi_temp_path \${NGINX_RUNTIME_DIR}/uwsgi;
  scgi_temp_path \${NGINX_RUNTIME_DIR}/scgi;
  server {
    listen \${LISTEN_PORT};
    root \${STATIC_ROOT};
    resolver \${DNS_RESOLVER};
    location = /healthz { return 200 "ok"; }
    location = /upstream { return 200 "\${BACKEND_UPSTREAM} $uri"; }
  }
}
`;

describe('nginx helpers', () => {
  let folder: string;
  let templatePath: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'nginx-spec-'));
    templatePath = join(folder, 'nginx.conf.template');
    await writeFile(templatePath, template);
    await writeFile(join(folder, 'index.html'), 'hello');
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('renders only the listed variables, leaving nginx variables in place', async () => {
    const config = await renderNginxConfig(templatePath, {
      LISTEN_PORT: '8080',
      BACKEND_UPSTREAM: 'backend.development.todo.local:10000',
      DNS_RESOLVER: '169.254.169.253',
      STATIC_ROOT: '/srv/site',
      NGINX_RUNTIME_DIR: '/tmp/nginx',
    });
    expect(config).toContain('listen 8080;');
    expect(config).toContain('return 200 "backend.development.todo.local:10000 $uri";');
    expect(config).not.toContain('${');
  });

  it("lists a template's upper-case variables once each, never nginx's own", () => {
    expect(nginxTemplateVariables('listen ${LISTEN_PORT}; set $u ${STATS_UPSTREAM}; proxy_pass http://$u$uri; # ${LISTEN_PORT}')).toEqual([
      'LISTEN_PORT',
      'STATS_UPSTREAM',
    ]);
  });

  it('refuses to render with a variable missing', async () => {
    await expect(
      renderNginxConfig(templatePath, { LISTEN_PORT: '8080', BACKEND_UPSTREAM: '', DNS_RESOLVER: 'x', STATIC_ROOT: 'x', NGINX_RUNTIME_DIR: 'x' }),
    ).rejects.toThrow('BACKEND_UPSTREAM');
  });

  it('starts nginx on a free port, serves, and stops it', async () => {
    const nginx = await startNginx({ templatePath, staticRoot: folder, backendUpstream: '127.0.0.1:9' });
    try {
      expect(await (await fetch(`${nginx.url}/index.html`)).text()).toBe('hello');
      expect(await (await fetch(`${nginx.url}/upstream`)).text()).toBe('127.0.0.1:9 /upstream');
    } finally {
      await nginx.stop();
    }
    expect((await nginx.exited).code).toBe(0);
    await expect(fetch(`${nginx.url}/healthz`)).rejects.toThrow();
  });

  it('reports nginx refusing its config, with its own words', async () => {
    const port = await findFreePort();
    const broken = join(folder, 'broken.conf.template');
    await writeFile(broken, template.replace('events {}', 'events { nonsense; }'));
    await expect(startNginx({ templatePath: broken, staticRoot: folder, backendUpstream: 'x:1', port })).rejects.toThrow(/unknown directive "nonsense"/);
  });
});

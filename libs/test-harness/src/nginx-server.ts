import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChild, waitForHttp, type ChildExit, type RunningChild } from './child-process';
import { findFreePort } from './free-port';
import { workspacePaths } from './workspace-paths';

/**
 * The variables a template names, `${UPPER_CASE}` (nginx's own are lower case: `$host`, `$uri`);
 * envsubst replaces these and nothing else. The image's entrypoint lists them the same way.
 */
export function nginxTemplateVariables(template: string): string[] {
  return [...new Set([...template.matchAll(/\$\{([A-Z][A-Z0-9_]*)\}/g)].map((match) => match[1]!))].sort();
}

/**
 * Renders an nginx config template with `envsubst`, as the container does, over the template's own
 * variables so that nginx's `$host`, `$uri`… stay in place. Every variable must have a value.
 */
export async function renderNginxConfig(templatePath: string, variables: Record<string, string>): Promise<string> {
  const template = await readFile(templatePath, 'utf8');
  const names = nginxTemplateVariables(template);
  for (const name of names) {
    if (!variables[name]) throw new Error(`nginx template variable ${name} has no value`);
  }
  const shellFormat = names.map((name) => `\${${name}}`).join(' ');
  return new Promise<string>((resolve, reject) => {
    const envsubst = spawn('envsubst', [shellFormat], { env: { PATH: process.env['PATH'], ...variables }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    envsubst.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    envsubst.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    envsubst.once('error', reject);
    envsubst.once('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`envsubst exited with ${code}: ${stderr}`))));
    envsubst.stdin.end(template);
  });
}

export interface NginxOptions {
  /** The config template. @default the frontend's production `nginx/nginx.conf.template` */
  templatePath?: string;
  /** Folder of the built site (`STATIC_ROOT`). @default the frontend's `dist` */
  staticRoot?: string;
  /** `host:port` of the backend (`BACKEND_UPSTREAM`); a name is resolved through `dnsResolver`. */
  backendUpstream: string;
  /** `<NAME>_UPSTREAM` of every other service the template routes a public path to. @default none */
  upstreams?: Record<string, string>;
  /** `host[:port]` of the DNS server nginx asks (`DNS_RESOLVER`). @default '127.0.0.1' */
  dnsResolver?: string;
  /** @default a free port on 127.0.0.1 */
  port?: number;
  /** How long to wait for `/healthz`. @default 15000 */
  startTimeoutMs?: number;
  /**
   * `false` sends the access log (nginx's stdout) to /dev/null, so a load generated from this
   * process does not also pay for reading it. @default true
   */
  accessLog?: boolean;
}

export interface RunningNginx {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** The temp folder holding the rendered config, the pid file, nginx's temp paths and its log. */
  readonly runtimeDir: string;
  readonly configPath: string;
  readonly exited: Promise<ChildExit>;
  /** nginx's error log (stderr) and access log (stdout, unless dropped), as written to `nginx.log` in the runtime dir. */
  output(): string;
  /** Stops nginx (SIGTERM: quick shutdown) and removes the temp folder. */
  stop(): Promise<void>;
}

/**
 * Starts the real nginx in the foreground from a rendered template, with a temp folder as prefix and
 * runtime dir, and waits until `/healthz` answers.
 */
export async function startNginx(options: NginxOptions): Promise<RunningNginx> {
  const port = options.port ?? (await findFreePort());
  const runtimeDir = await mkdtemp(join(tmpdir(), 'todo-nginx-'));
  let running: RunningChild | undefined;
  try {
    const config = await renderNginxConfig(options.templatePath ?? workspacePaths.nginxTemplate, {
      ...options.upstreams,
      LISTEN_PORT: String(port),
      BACKEND_UPSTREAM: options.backendUpstream,
      DNS_RESOLVER: options.dnsResolver ?? '127.0.0.1',
      STATIC_ROOT: options.staticRoot ?? workspacePaths.frontendDist,
      NGINX_RUNTIME_DIR: runtimeDir,
    });
    const configPath = join(runtimeDir, 'nginx.conf');
    await writeFile(configPath, config);
    // As root, nginx would run its workers as `nobody`, who may not read the checkout or write the
    // temp folder; in the container it runs as one non-root user, which `user root` mirrors here.
    const asRoot = process.getuid?.() === 0 ? ['-g', 'user root;'] : [];
    running = startChild('nginx', ['-e', 'stderr', '-p', runtimeDir, '-c', configPath, ...asRoot], {
      env: { PATH: process.env['PATH'] },
      logFile: join(runtimeDir, 'nginx.log'),
      stdout: options.accessLog === false ? 'ignore' : 'pipe',
    });
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(`${url}/healthz`, running, { name: 'nginx', timeoutMs: options.startTimeoutMs ?? 15_000 });
    const child = running;
    return {
      url,
      port,
      runtimeDir,
      configPath,
      exited: child.exited,
      output: child.output,
      async stop() {
        await child.stop('SIGTERM', 5_000);
        await rm(runtimeDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await running?.stop('SIGTERM', 5_000);
    await rm(runtimeDir, { recursive: true, force: true });
    throw error;
  }
}

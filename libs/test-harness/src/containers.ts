import { containerEngine, engine } from './container-engine';

export interface ContainerNetwork {
  readonly name: string;
  /** The host's address on the network (Podman brings the host's side up when a container attaches). */
  gateway(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Creates a container network with its own DNS, where a container answers to each of its `aliases`
 * from other containers. Removes what a crashed run left stopped; refuses, saying so, while
 * containers still run on a network of that name (another run of the same site).
 */
export async function startContainerNetwork(name: string): Promise<ContainerNetwork> {
  const running = await engine(['ps', '--quiet', '--filter', `network=${name}`]).catch(() => '');
  if (running) {
    throw new Error(`containers still run on the network ${name} (another run?): stop that run, or remove them with '${containerEngine()} network rm -f ${name}'`);
  }
  await removeNetwork(name);
  await engine(['network', 'create', name]);
  const gateway = async () => {
    const format = containerEngine() === 'podman' ? '{{range .Subnets}}{{.Gateway}}{{end}}' : '{{range .IPAM.Config}}{{.Gateway}}{{end}}';
    return engine(['network', 'inspect', '--format', format, name]);
  };
  return { name, gateway, stop: () => removeNetwork(name) };
}

async function removeNetwork(name: string): Promise<void> {
  const attached = await engine(['ps', '--all', '--quiet', '--filter', `network=${name}`]).catch(() => '');
  if (attached) await engine(['rm', '--force', ...attached.split('\n')]);
  await engine(['network', 'rm', name]).catch(() => undefined);
}

export interface ContainerOptions {
  image: string;
  name: string;
  network: string;
  /** DNS names the container answers to on the network. */
  aliases?: string[];
  env?: Record<string, string>;
  /** Publishes the container's port on the host's loopback: `{ [containerPort]: hostPort }`. */
  publish?: Record<number, number>;
  /** Seconds `stop()` waits after SIGTERM before SIGKILL, as ECS's stop timeout. @default 30 */
  stopTimeoutSeconds?: number;
}

export interface RunningContainer {
  readonly name: string;
  /** The container's address on its network. */
  address(): Promise<string>;
  /** Everything it wrote to stdout and stderr. */
  logs(): Promise<string>;
  /** Runs the image's own HEALTHCHECK command in the container; resolves with its exit code. */
  checkHealth(): Promise<number>;
  /** `docker inspect` of the running container. */
  inspect(): Promise<ContainerInspection>;
  /** SIGTERM, then SIGKILL after the stop timeout; resolves with the exit code. Then removes it. */
  stop(): Promise<number>;
  /** SIGKILL at once (a crashed task), then removes it. */
  kill(): Promise<void>;
}

export interface ContainerInspection {
  Config: { User: string; Healthcheck?: { Test?: string[] } };
  HostConfig: { ReadonlyRootfs: boolean; CapDrop: string[] | null; SecurityOpt: string[] | null };
  State: { Status: string; ExitCode: number };
}

/**
 * Starts a container as production runs it: read-only root filesystem (a small tmpfs on /tmp for
 * runtime files), every capability dropped, no privilege escalation, as the image's non-root user.
 */
export async function startContainer(options: ContainerOptions): Promise<RunningContainer> {
  const { name } = options;
  await engine(['rm', '--force', name]).catch(() => undefined);
  const args = ['run', '--detach', '--name', name, '--network', options.network];
  for (const alias of options.aliases ?? []) args.push('--network-alias', alias);
  for (const [key, value] of Object.entries(options.env ?? {})) args.push('--env', `${key}=${value}`);
  for (const [port, hostPort] of Object.entries(options.publish ?? {})) args.push('--publish', `127.0.0.1:${hostPort}:${port}`);
  args.push('--read-only', '--tmpfs', '/tmp:rw,nosuid,nodev,size=16m', '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges');
  args.push('--stop-timeout', String(options.stopTimeoutSeconds ?? 30), options.image);
  await engine(args);

  const inspect = async () => JSON.parse(await engine(['inspect', '--type', 'container', name]))[0] as ContainerInspection;
  const remove = () => engine(['rm', '--force', '--volumes', name]).then(() => undefined);
  return {
    name,
    address: () => engine(['inspect', '--type', 'container', '--format', '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', name]),
    // `logs` replays the container's stderr on its own stderr.
    logs: () => engine(['logs', name], { withStderr: true }),
    async checkHealth() {
      const test = (await inspect()).Config.Healthcheck?.Test ?? [];
      if (test[0] !== 'CMD' && test[0] !== 'CMD-SHELL') throw new Error(`${options.image} defines no HEALTHCHECK command`);
      const command = test[0] === 'CMD' ? test.slice(1) : ['sh', '-c', test[1] ?? ''];
      return engine(['exec', name, ...command]).then(
        () => 0,
        () => 1,
      );
    },
    inspect,
    async stop() {
      await engine(['stop', name], { timeoutMs: ((options.stopTimeoutSeconds ?? 30) + 30) * 1000 });
      const exitCode = (await inspect()).State.ExitCode;
      await remove();
      return exitCode;
    },
    async kill() {
      await engine(['kill', name]).catch(() => undefined);
      await remove();
    },
  };
}

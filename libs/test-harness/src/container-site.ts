import {
  dependencyVariables,
  names,
  publicEntry,
  serviceRegistry,
  type DiscoveryEnvironment,
  type ServiceEntry,
} from '@todo/service-registry';
import { startCloudMapDnsServer, type CloudMapDnsServer } from './cloud-map-dns-server';
import { engine } from './container-engine';
import { startContainer, startContainerNetwork, type ContainerNetwork, type RunningContainer } from './containers';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from './embedded-dynamodb';
import { findFreePort } from './free-port';

export interface ContainerSiteOptions {
  /** Prefix of the network's and the containers' names, so two sites never collide. @default 'todo-local' */
  name?: string;
  /** The environment in the service-discovery names, `<service>.<environment>.todo.local`. @default 'local' */
  environment?: DiscoveryEnvironment;
  /** The services to run, each from its image `todo/<service>:<tag>`. @default the committed registry */
  services?: readonly ServiceEntry[];
  /** Image tag of every service, as `tools/containers/build-image.sh` tags them. @default 'local' */
  tag?: string;
  /** The host's loopback port of the site. @default a free port */
  sitePort?: number;
  /** Where the store keeps its data; in memory when omitted. */
  storePath?: string;
  tableName: string;
  /** Creates what the backend needs in the store (the table), before the backend starts. */
  prepareStore: (store: EmbeddedDynamoDb) => Promise<void>;
  /** The backend's (the table owner's) own configuration variables, e.g. `{ RATE_LIMIT_PER_MINUTE: '0' }`. */
  backendEnv?: Record<string, string>;
  /** How many backend containers answer under the backend's one name. @default 1 */
  backendReplicas?: number;
  /** Seconds each container gets between SIGTERM and SIGKILL. @default 30 */
  stopTimeoutSeconds?: number;
}

export interface ContainerSite {
  /** nginx, serving the site and proxying `/api`: `http://127.0.0.1:<sitePort>` */
  readonly url: string;
  readonly store: EmbeddedDynamoDb;
  readonly network: ContainerNetwork;
  /**
   * The DNS nginx's `resolver` asks, answering each service's name with its ready containers (the
   * backends not being stopped). (Containers find each other by their network aliases instead.)
   */
  readonly discovery: CloudMapDnsServer;
  readonly frontend: RunningContainer;
  /** The registry's other services (neither the site nor the backend), one container each, by name. */
  readonly services: ReadonlyMap<string, RunningContainer>;
  /** The backend containers started so far and not stopped through the site. */
  readonly backends: RunningContainer[];
  /** `backend.<environment>.todo.local:<port>`, the name nginx proxies to. */
  readonly backendName: string;
  /**
   * Starts one more backend container and, once it is ready, adds it to the backend's name. A
   * backend's `stop()` takes it off the name before SIGTERM, as ECS deregisters a stopping task from
   * Cloud Map; `kill()` (a crash) takes it off only once it is gone.
   */
  startBackend(): Promise<RunningContainer>;
  /** Stops every container (SIGTERM), the network and the store. */
  stop(): Promise<void>;
}

/**
 * Runs the production image of every service of the registry as in AWS: the containers on one
 * network, a DNS server in this process playing Cloud Map's `<service>.<environment>.todo.local`, the
 * frontend's nginx finding the services through it, every container given the variables the ECS
 * task definition sets (`<NAME>_URL`, nginx's `<NAME>_UPSTREAM`). The store (dynalite) and the DNS
 * server listen on the host's address on the network, so only the containers reach them.
 */
export async function startContainerSite(options: ContainerSiteOptions): Promise<ContainerSite> {
  const prefix = options.name ?? 'todo-local';
  const environment = options.environment ?? 'local';
  const tag = options.tag ?? 'local';
  const stopTimeoutSeconds = options.stopTimeoutSeconds ?? 30;
  const services = options.services ?? serviceRegistry;
  const site = publicEntry(services);
  const api = services.find((service) => service.resources.includes('todo-table'));
  if (!api) throw new Error('the service registry has no service owning the todo table (the backend)');
  const others = services.filter((service) => service !== site && service !== api);
  const image = (service: ServiceEntry) => `${names.repository(service.name)}:${tag}`;
  const ports = new Map<ServiceEntry, number>();
  for (const service of services) ports.set(service, await exposedPort(image(service), service.name));
  const port = (service: ServiceEntry) => ports.get(service)!;
  const dependencies = (caller: ServiceEntry) =>
    dependencyVariables(caller, services, (service) => `${names.discoveryName(environment, service.name)}:${port(service)}`);
  const sitePort = options.sitePort ?? (await findFreePort());
  const backendName = names.discoveryName(environment, api.name);
  const network = await startContainerNetwork(prefix);
  const started: RunningContainer[] = [];
  let store: EmbeddedDynamoDb | undefined;
  let discovery: CloudMapDnsServer | undefined;
  const stopAll = async () => {
    // A copy: stopping a backend takes it off `started`.
    await Promise.all([...started].map((container) => container.stop().catch(() => container.kill())));
    await network.stop();
    await discovery?.stop();
    await store?.stop();
  };

  try {
    // nginx first: it starts before the backend's name resolves, and attaching it brings up the
    // host's side of the network, where the DNS server and the store then listen.
    const gateway = await network.gateway();
    // Found free on the loopback, bound on the gateway once it is up: another process could take it
    // in between, and the DNS server's start then fails loudly.
    const dnsPort = await findFreePort('127.0.0.1', 'udp');
    const frontend = await startContainer({
      image: image(site),
      name: `${prefix}-${site.name}`,
      network: network.name,
      aliases: [names.discoveryName(environment, site.name)],
      env: { ...dependencies(site), DNS_RESOLVER: `${gateway}:${dnsPort}` },
      publish: { [port(site)]: sitePort },
      stopTimeoutSeconds,
    });
    started.push(frontend);
    const url = `http://127.0.0.1:${sitePort}`;
    await waitUntil(`${url}/healthz`, () => frontend.logs());

    const dns = await startCloudMapDnsServer({ host: gateway, port: dnsPort });
    discovery = dns;
    store = await startEmbeddedDynamoDb({ host: gateway, path: options.storePath });
    await options.prepareStore(store);
    const storeEndpoint = store.endpoint;

    // The services the backend may call answer before it starts, as they would in AWS.
    const running = new Map<string, RunningContainer>();
    for (const service of others) {
      const container = await startContainer({
        image: image(service),
        name: `${prefix}-${service.name}`,
        network: network.name,
        aliases: [names.discoveryName(environment, service.name)],
        env: dependencies(service),
        stopTimeoutSeconds,
      });
      started.push(container);
      const address = await container.address();
      await waitUntil(`http://${address}:${port(service)}/ready`, () => container.logs());
      dns.setAddresses(names.discoveryName(environment, service.name), [address]);
      running.set(service.name, container);
    }

    const backends: RunningContainer[] = [];
    const registered = new Map<RunningContainer, string>();
    const publish = () => dns.setAddresses(backendName, [...registered.values()]);
    const forget = (container: RunningContainer) => {
      for (const list of [backends, started]) if (list.includes(container)) list.splice(list.indexOf(container), 1);
      registered.delete(container);
      publish();
    };
    let replica = 0;
    const startBackend = async () => {
      replica += 1;
      const backend = await startContainer({
        image: image(api),
        name: `${prefix}-${api.name}-${replica}`,
        network: network.name,
        aliases: [backendName],
        env: {
          TODOTABLE_NAME: options.tableName,
          AWS_ENDPOINT_URL_DYNAMODB: storeEndpoint,
          // A local store takes any credentials; fixed ones keep a developer's real profile out.
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          ...dependencies(api),
          ...options.backendEnv,
        },
        stopTimeoutSeconds,
      });
      // Stopped or killed through the site: no longer one of its backends.
      const tracked: RunningContainer = {
        ...backend,
        stop: () => (forget(tracked), backend.stop()),
        kill: () => backend.kill().finally(() => forget(tracked)),
      };
      started.push(tracked);
      const address = await backend.address();
      await waitUntil(`http://${address}:${port(api)}/ready`, () => backend.logs());
      backends.push(tracked);
      registered.set(tracked, address);
      publish();
      return tracked;
    };
    for (let count = 0; count < (options.backendReplicas ?? 1); count += 1) await startBackend();
    await waitUntil(`${url}/api/todos?limit=1`, () => frontend.logs());

    return {
      url,
      store,
      network,
      discovery: dns,
      frontend,
      services: running,
      backends,
      backendName: `${backendName}:${port(api)}`,
      startBackend,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** The port an image EXPOSEs (its first). */
async function exposedPort(image: string, project: string): Promise<number> {
  const inspected = await engine(['image', 'inspect', '--format', '{{json .Config.ExposedPorts}}', image]).catch(() => {
    throw new Error(`the image ${image} is missing: build it with \`npx nx run ${project}:container\``);
  });
  const ports = JSON.parse(inspected) as Record<string, unknown> | null;
  const port = Number.parseInt(Object.keys(ports ?? {})[0] ?? '', 10);
  if (!Number.isInteger(port)) throw new Error(`${image} EXPOSEs no port`);
  return port;
}

async function waitUntil(url: string, logs: () => Promise<string>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s; the container wrote:\n${(await logs().catch(() => '')).slice(-4000)}`);
}

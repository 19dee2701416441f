import { Duration } from 'aws-cdk-lib';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type { EnvironmentConfig } from '../config/environment-config';
import { VPC_DNS_RESOLVER } from '../naming';
import { names, type ServiceEntry } from '@todo/service-registry';

/** How a runtime's container runs: its non-root user, its own settings, its health check. */
export interface ServiceRuntime {
  /** Non-root `uid:gid`: must own nothing but the writable volumes. */
  readonly user: string;
  readonly environment: Record<string, string>;
  readonly healthCheck?: ecs.HealthCheck;
  /** Whether it writes the API metrics of `@todo/api-metrics`, which its alarms then watch. */
  readonly writesApiMetrics: boolean;
}

/** Where nginx keeps its pid file and temp paths: the root filesystem is read-only. */
const NGINX_RUNTIME_DIR = '/tmp/nginx';

/** `host:port` of a service inside the VPC: its Cloud Map record. */
export function serviceAddress(service: ServiceEntry, config: EnvironmentConfig): string {
  return `${names.discoveryName(config.name, service.name)}:${service.port}`;
}

export function serviceRuntime(service: ServiceEntry): ServiceRuntime {
  if (service.runtime === 'nginx') {
    return {
      // The `nginx` user of the official nginx images.
      user: '101:101',
      environment: { LISTEN_PORT: String(service.port), DNS_RESOLVER: VPC_DNS_RESOLVER, NGINX_RUNTIME_DIR },
      writesApiMetrics: false,
    };
  }
  // Liveness probe run inside the container with the image's own node: the image needs no curl.
  const probe = `fetch('http://127.0.0.1:${service.port}/ishealthy').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`;
  return {
    // The `node` user of the official Node.js images.
    user: '1000:1000',
    environment: {
      PORT: String(service.port),
      HOST: '0.0.0.0',
      NODE_ENV: 'production',
      // On SIGTERM keep serving while Cloud Map (TTL 10 s) and nginx (valid=5s) forget this task,
      // then let requests in flight finish: 15 s + 10 s stays inside ECS's 30 s stop timeout.
      SHUTDOWN_DRAIN_DELAY_MS: '15000',
      SHUTDOWN_TIMEOUT_MS: '10000',
    },
    // The Fastify services' route-metrics plugin (`@todo/route-metrics`, in the backend and every generated service) writes them.
    writesApiMetrics: true,
    healthCheck: {
      command: ['CMD', 'node', '-e', probe],
      interval: Duration.seconds(15),
      timeout: Duration.seconds(5),
      retries: 3,
      startPeriod: Duration.seconds(20),
    },
  };
}

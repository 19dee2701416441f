import { Type, type Static } from '@sinclair/typebox';
import { environmentNames } from './environments';

const Sizing = Type.Object(
  {
    cpu: Type.Integer({ description: 'Task CPU units (256 = 0.25 vCPU).' }),
    memoryMiB: Type.Integer({ description: 'Task memory in MiB, valid for `cpu` on Fargate.' }),
    desiredCount: Type.Integer({ description: 'Tasks to run once a first image has been released.' }),
    minCount: Type.Integer({ description: 'Lower bound of CPU target-tracking auto scaling.' }),
    maxCount: Type.Integer({ description: 'Upper bound of CPU target-tracking auto scaling.' }),
    targetCpuPercent: Type.Integer({ minimum: 1, maximum: 100, description: 'Average CPU utilization auto scaling keeps.' }),
  },
  { additionalProperties: false },
);

/** A DNS label of at most 20 characters: it names the project, image, ECS service, Cloud Map record and pipeline. */
export const SERVICE_NAME_PATTERN = '^[a-z]([a-z0-9-]{0,18}[a-z0-9])?$';

/** A path prefix under `/api/` ending in `/`; `/api/` itself is the backend's. */
export const PUBLIC_PATH_PATTERN = '^/api/([a-z0-9-]+/)*$';

export const ServiceEntrySchema = Type.Object(
  {
    name: Type.String({ pattern: SERVICE_NAME_PATTERN }),
    /** `node`: a Node.js server image; `nginx`: the site's nginx image. */
    runtime: Type.Union([Type.Literal('node'), Type.Literal('nginx')]),
    port: Type.Integer({ minimum: 1024, maximum: 65535 }),
    /** Services whose tasks may connect to this one; each gets `<NAME>_URL`. */
    callers: Type.Array(Type.String()),
    /** Path prefix the public entry's nginx routes to this service, e.g. `/api/stats/`. */
    publicPath: Type.Optional(Type.String({ pattern: PUBLIC_PATH_PATTERN })),
    /** Resources the service owns beyond its ECS service: its table, or the public load balancer. */
    resources: Type.Array(Type.Union([Type.Literal('todo-table'), Type.Literal('load-balancer')])),
    sizing: Type.Object(
      Object.fromEntries(environmentNames.map((env) => [env, Sizing])) as Record<(typeof environmentNames)[number], typeof Sizing>,
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export type ServiceEntry = Static<typeof ServiceEntrySchema>;
export type ServiceSizing = Static<typeof Sizing>;
export type ServiceName = string;

/** Smallest Fargate size, one task in development and two in production: what a new service starts with. */
const starterSizing: ServiceEntry['sizing'] = {
  development: { cpu: 256, memoryMiB: 512, desiredCount: 1, minCount: 1, maxCount: 2, targetCpuPercent: 70 },
  production: { cpu: 256, memoryMiB: 512, desiredCount: 2, minCount: 2, maxCount: 4, targetCpuPercent: 60 },
};

/** The entry of a new Node service, as the service generator adds it: no resources of its own, the starter sizing. */
export function newServiceEntry(entry: Pick<ServiceEntry, 'name' | 'port' | 'callers' | 'publicPath'>): ServiceEntry {
  return {
    name: entry.name,
    runtime: 'node',
    port: entry.port,
    callers: entry.callers,
    ...(entry.publicPath ? { publicPath: entry.publicPath } : {}),
    resources: [],
    sizing: starterSizing,
  };
}

import type { EnvironmentName, ServiceEntry } from '@todo/service-registry';

/** When an alarm fires: each alarm is breached for all of `evaluationMinutes` one-minute periods in a row. */
export interface AlarmThresholds {
  /** Percent of requests answered 5xx, at the load balancer and at the backend. */
  readonly serverErrorPercent: number;
  /** p99 latency in milliseconds, at the load balancer's targets and at the backend. */
  readonly latencyP99Ms: number;
  /** Consecutive one-minute periods over a threshold before the alarm fires. */
  readonly evaluationMinutes: number;
  /** Consecutive minutes with fewer running tasks than desired before that alarm fires. */
  readonly tasksBelowDesiredMinutes: number;
}

/** How a new release of the site takes over the load balancer's traffic (ECS canary deployment). */
export interface SiteRollout {
  /** Percent of traffic the new tasks get first. */
  readonly canaryPercent: number;
  /** Minutes at that percent, alarms watching, before all traffic shifts. */
  readonly canaryMinutes: number;
  /** Minutes the old tasks are kept after the shift, alarms still watching, so a rollback is instant. */
  readonly bakeMinutes: number;
}

/** Everything that differs between environments. */
export interface EnvironmentConfig {
  readonly name: EnvironmentName;
  /** 12-digit AWS account id. */
  readonly account: string;
  /** AWS region, e.g. `eu-west-1`. */
  readonly region: string;
  /** NAT gateways for the private subnets: 1 is cheaper, 2 survives the loss of one zone. Tasks need at least 1 to pull images and reach AWS APIs. */
  readonly natGateways: number;
  /** Whether stateful resources (the table, log groups) may be destroyed with the stack. Never in production. */
  readonly destroyData: boolean;
  /** How long service and flow logs are kept, in days. */
  readonly logRetentionDays: number;
  /** ACM certificate for HTTPS on the load balancer; without it the load balancer serves plain HTTP. */
  readonly certificateArn?: string;
  readonly alarms: AlarmThresholds;
  readonly siteRollout: SiteRollout;
  /** Address subscribed to the environment's alarm topic. @default no subscription */
  readonly alarmEmail?: string;
}

/** Where the per-service pipelines and image repositories live. */
export interface DeliveryConfig {
  readonly account: string;
  readonly region: string;
  /** Images kept per repository by the ECR lifecycle rule. */
  readonly imagesKept: number;
}

export interface TodoConfig {
  /** Prefix of every stack and resource name. */
  readonly app: 'todo';
  readonly environments: Readonly<Record<EnvironmentName, EnvironmentConfig>>;
  readonly delivery: DeliveryConfig;
  /** Every service, with its sizing per environment: the service registry (`@todo/service-registry`). */
  readonly services: readonly ServiceEntry[];
}

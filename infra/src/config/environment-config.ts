/** The environments this app deploys, in promotion order. */
export const environmentNames = ['development', 'production'] as const;
export type EnvironmentName = (typeof environmentNames)[number];

/** The two services, each with its own image, ECS service and pipeline. */
export const serviceNames = ['frontend', 'backend'] as const;
export type ServiceName = (typeof serviceNames)[number];

/** Size, count and scaling bounds of one Fargate service. */
export interface ServiceSizing {
  /** Task CPU units (256 = 0.25 vCPU). */
  readonly cpu: number;
  /** Task memory in MiB, valid for `cpu` on Fargate. */
  readonly memoryMiB: number;
  /** Tasks to run once a first image has been released. */
  readonly desiredCount: number;
  /** Lower bound of CPU target-tracking auto scaling. */
  readonly minCount: number;
  /** Upper bound of CPU target-tracking auto scaling. */
  readonly maxCount: number;
  /** Average CPU utilization, in percent, that auto scaling keeps. */
  readonly targetCpuPercent: number;
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
  readonly services: Readonly<Record<ServiceName, ServiceSizing>>;
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
}

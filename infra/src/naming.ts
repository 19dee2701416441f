import type { EnvironmentName } from './config/environment-config';
import type { ServiceName } from './services/service-registry';

/** Every stack and resource name derives from the app name, the environment and the service. */
export const APP = 'todo';

export const names = {
  environmentStack: (env: EnvironmentName) => `${APP}-${env}-environment`,
  serviceStack: (env: EnvironmentName, service: ServiceName) => `${APP}-${env}-${service}`,
  pipelineStack: (service: ServiceName) => `${APP}-${service}-pipeline`,
  cluster: (env: EnvironmentName) => `${APP}-${env}`,
  /** Unique within its cluster, so the bare service name. */
  ecsService: (service: ServiceName) => service,
  namespace: (env: EnvironmentName) => `${env}.${APP}.local`,
  table: (env: EnvironmentName) => `${APP}-${env}-todos`,
  logGroup: (env: EnvironmentName, service: ServiceName) => `/${APP}/${env}/${service}`,
  repository: (service: ServiceName) => `${APP}/${service}`,
  pipeline: (service: ServiceName) => `${APP}-${service}`,
  /** The pipeline's release project, push trigger and its logs. */
  releaseProject: (service: ServiceName) => `${APP}-${service}-release`,
  releaseTrigger: (service: ServiceName) => `${APP}-${service}-on-push`,
  releaseTriggerLogGroup: (service: ServiceName) => `/aws/vendedlogs/states/${APP}-${service}-on-push`,
  flowLogGroup: (env: EnvironmentName) => `/${APP}/${env}/vpc-flow-logs`,
  /** Load balancer and target group names allow 32 characters: `todo-production-frontend` has 24. */
  loadBalancer: (env: EnvironmentName) => `${APP}-${env}-frontend`,
  /**
   * The site's two target groups, which a canary deployment moves traffic between. Neither takes the
   * load balancer's own name: the target group of the first release had it, and CloudFormation
   * creates a replacement before it deletes the old one, so reusing the name would fail the update.
   */
  primaryTargetGroup: (env: EnvironmentName) => `${APP}-${env}-frontend-main`,
  alternateTargetGroup: (env: EnvironmentName) => `${APP}-${env}-frontend-alt`,
  /** Alarms: `todo-<env>-<service>-<what>`; `todo-<env>-` prefixes every alarm of an environment (`npm run status` reads them). */
  alarm: (env: EnvironmentName, service: ServiceName, what: string) => `${APP}-${env}-${service}-${what}`,
  alarmTopic: (env: EnvironmentName) => `${APP}-${env}-alarms`,
  dashboard: (env: EnvironmentName) => `${APP}-${env}`,
  /** The SSM parameter holding the image tag a service runs in an environment; the pipeline writes it. */
  imageTagParameter: (env: EnvironmentName, service: ServiceName) => `/${APP}/${env}/${service}/image-tag`,
} as const;

/** The value of an image-tag parameter before the service's first image has been released. */
export const BOOTSTRAP_IMAGE_TAG = 'bootstrap';

/** The Amazon-provided DNS resolver, reachable from every VPC at this link-local address. */
export const VPC_DNS_RESOLVER = '169.254.169.253';

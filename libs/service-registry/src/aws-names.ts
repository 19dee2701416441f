import type { EnvironmentName } from './environments';
import type { ServiceName } from './service-entry';

/** The app's name: the prefix of every stack and of every resource name that is unique in an account. */
export const APP = 'todo';

/** Where a service runs: an AWS environment, or `local` for the containers on a developer's machine. */
export type DiscoveryEnvironment = EnvironmentName | 'local';

/** What every alarm of an environment starts with (`npm run status` lists them by it). */
const environmentAlarmPrefix = (env: EnvironmentName) => `${APP}-${env}-`;
/** What every alarm of a service starts with. */
const alarmPrefix = (env: EnvironmentName, service: ServiceName) => `${environmentAlarmPrefix(env)}${service}-`;

/** Every stack and resource name derives from the app name, the environment and the service; the infra creates them, the release tools look them up. */
export const names = {
  environmentStack: (env: EnvironmentName) => `${APP}-${env}-environment`,
  serviceStack: (env: EnvironmentName, service: ServiceName) => `${APP}-${env}-${service}`,
  pipelineStack: (service: ServiceName) => `${APP}-${service}-pipeline`,
  cluster: (env: EnvironmentName) => `${APP}-${env}`,
  /** Unique within its cluster, so the bare service name. */
  ecsService: (service: ServiceName) => service,
  /** The Cloud Map private namespace. */
  namespace: (env: DiscoveryEnvironment) => `${env}.${APP}.local`,
  /** A service's Cloud Map record: `<service>.<env>.todo.local`. */
  discoveryName: (env: DiscoveryEnvironment, service: ServiceName) => `${service}.${names.namespace(env)}`,
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
  /** Alarms: `todo-<env>-<service>-<what>`. */
  alarm: (env: EnvironmentName, service: ServiceName, what: string) => `${alarmPrefix(env, service)}${what}`,
  alarmPrefix,
  environmentAlarmPrefix,
  alarmTopic: (env: EnvironmentName) => `${APP}-${env}-alarms`,
  dashboard: (env: EnvironmentName) => `${APP}-${env}`,
  /** The SSM parameter holding the image tag a service runs in an environment; the pipeline writes it. */
  imageTagParameter: (env: EnvironmentName, service: ServiceName) => `/${APP}/${env}/${service}/image-tag`,
} as const;

/** The parts of a service's pipeline that `npm run release` drives by name. */
export const pipelineParts = {
  /** The stage releasing to an environment. */
  releaseStage: (env: EnvironmentName) => (env === 'development' ? 'Development' : 'Production'),
  /** The manual approval between the two. */
  approvalStage: 'Approval',
  approvalAction: 'PromoteToProduction',
  /** The source action, which the push trigger and a release pin to an image digest. */
  sourceAction: 'Image',
  /** The pipeline variable carrying the released image's tag (a full commit SHA). */
  tagVariable: 'IMAGE_TAG',
} as const;

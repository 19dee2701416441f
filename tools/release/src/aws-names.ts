/**
 * The AWS names the commands look up, as the infra's `infra/src/naming.ts` declares them (a tool may
 * import libraries only, not the infra project): `todo-<env>` clusters, `todo-<service>` pipelines,
 * `todo/<service>` repositories, `todo-<env>-<service>-*` alarms. Change both together.
 */
export const environmentNames = ['development', 'production'] as const;
export type EnvironmentName = (typeof environmentNames)[number];

const APP = 'todo';

export const awsNames = {
  cluster: (env: EnvironmentName) => `${APP}-${env}`,
  ecsService: (service: string) => service,
  pipeline: (service: string) => `${APP}-${service}`,
  repository: (service: string) => `${APP}/${service}`,
  environmentAlarmPrefix: (env: EnvironmentName) => `${APP}-${env}-`,
  alarmPrefix: (env: EnvironmentName, service: string) => `${APP}-${env}-${service}-`,
  /** The pipeline's stage releasing to an environment, and the approval between them. */
  releaseStage: (env: EnvironmentName) => (env === 'development' ? 'Development' : 'Production'),
  approvalStage: 'Approval',
  approvalAction: 'PromoteToProduction',
  /** The source action the push trigger pins to the pushed digest, and the tag variable. */
  sourceAction: 'Image',
  tagVariable: 'IMAGE_TAG',
} as const;

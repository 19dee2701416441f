import { App, Tags, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { environmentNames, serviceNames, type EnvironmentName, type ServiceName, type TodoConfig } from './config/environment-config';
import { acknowledgeNagFindings } from './nag-acknowledgements';
import { names } from './naming';
import { BackendStack } from './stacks/backend-stack';
import { EnvironmentStack } from './stacks/environment-stack';
import { FrontendStack } from './stacks/frontend-stack';
import { PipelineStack } from './stacks/pipeline-stack';

export interface EnvironmentStacks {
  readonly environment: EnvironmentStack;
  readonly backend: BackendStack;
  readonly frontend: FrontendStack;
}

export interface TodoStacks {
  readonly environments: Record<EnvironmentName, EnvironmentStacks>;
  readonly pipelines: Record<ServiceName, PipelineStack>;
}

/** Feature flags the app is written against, set in code so tests and the CLI synthesize alike. */
export const featureFlags = {
  // Cross-stack references are CloudFormation exports that protect their producer from deletion.
  '@aws-cdk/core:defaultCrossStackReferences': 'strong',
} as const;

/** A CDK app with this project's feature flags. */
export function createApp(props: AppProps = {}): App {
  return new App({ ...props, context: { ...featureFlags, ...props.context } });
}

/**
 * Declares every stack of the todo platform in `app`, with cdk-nag's AwsSolutions checks on all of them.
 *
 * Deploy order (each stack only reads what the ones before it created):
 * environment stacks, pipeline stacks (repositories and image-tag parameters), frontend stacks,
 * backend stacks (which admit the frontend's security group).
 */
export function buildTodoApp(app: App, config: TodoConfig): TodoStacks {
  Tags.of(app).add('app', config.app);

  const pipelines = Object.fromEntries(
    serviceNames.map((service) => [
      service,
      new PipelineStack(app, names.pipelineStack(service), {
        env: { account: config.delivery.account, region: config.delivery.region },
        description: `${config.app}: ${service} image repository and release pipeline`,
        service,
        imagesKept: config.delivery.imagesKept,
      }),
    ]),
  ) as Record<ServiceName, PipelineStack>;

  const environments = Object.fromEntries(
    environmentNames.map((name) => {
      const envConfig = config.environments[name];
      const env = { account: envConfig.account, region: envConfig.region };
      const environment = new EnvironmentStack(app, names.environmentStack(name), {
        env,
        config: envConfig,
        description: `${config.app} ${name}: network, ECS cluster, service discovery`,
      });
      const frontend = new FrontendStack(app, names.serviceStack(name, 'frontend'), {
        env,
        config: envConfig,
        cluster: environment.cluster,
        description: `${config.app} ${name}: load balancer and nginx`,
      });
      const backend = new BackendStack(app, names.serviceStack(name, 'backend'), {
        env,
        config: envConfig,
        cluster: environment.cluster,
        namespace: environment.namespace,
        frontendSecurityGroup: frontend.service.securityGroup,
        description: `${config.app} ${name}: backend API and its table`,
      });
      // Service stacks read the image-tag parameters and repositories the pipeline stacks create.
      backend.addStackDependency(pipelines.backend);
      frontend.addStackDependency(pipelines.frontend);
      for (const stack of [environment, backend, frontend]) Tags.of(stack).add('environment', name);
      return [name, { environment, backend, frontend }];
    }),
  ) as Record<EnvironmentName, EnvironmentStacks>;

  for (const [service, stack] of Object.entries(pipelines)) Tags.of(stack).add('service', service);
  for (const stacks of Object.values(environments)) {
    Tags.of(stacks.backend).add('service', 'backend');
    Tags.of(stacks.frontend).add('service', 'frontend');
  }

  acknowledgeNagFindings({ environments, pipelines });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { environments, pipelines };
}

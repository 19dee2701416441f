import { App, Tags, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { TodoConfig } from './config/environment-config';
import { acknowledgeNagFindings } from './nag-acknowledgements';
import { EnvironmentStack } from './stacks/environment-stack';
import { PipelineStack } from './stacks/pipeline-stack';
import { ServiceStack } from './stacks/service-stack';
import { callersFirst, effectiveCallers, type EnvironmentName, environmentNames, names, type ServiceName } from '@todo/service-registry';

export interface EnvironmentStacks {
  readonly environment: EnvironmentStack;
  /** One stack per registry entry. */
  readonly services: Readonly<Record<ServiceName, ServiceStack>>;
}

export interface TodoStacks {
  readonly environments: Record<EnvironmentName, EnvironmentStacks>;
  readonly pipelines: Readonly<Record<ServiceName, PipelineStack>>;
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
 * Declares every stack of the todo platform in `app`, one pipeline and one service stack per
 * environment for each entry of `config.services`, with cdk-nag's AwsSolutions checks on all of them.
 *
 * Deploy order (each stack only reads what the ones before it created):
 * environment stacks, pipeline stacks (repositories and image-tag parameters), then the service
 * stacks, callers before the services they call (a service admits its callers' security groups).
 */
export function buildTodoApp(app: App, config: TodoConfig): TodoStacks {
  Tags.of(app).add('app', config.app);
  const services = callersFirst(config.services);

  const pipelines: Record<ServiceName, PipelineStack> = {};
  for (const { name } of services) {
    pipelines[name] = new PipelineStack(app, names.pipelineStack(name), {
      env: { account: config.delivery.account, region: config.delivery.region },
      description: `${config.app}: ${name} image repository and release pipeline`,
      service: name,
      imagesKept: config.delivery.imagesKept,
    });
    Tags.of(pipelines[name]).add('service', name);
  }

  const environments = Object.fromEntries(
    environmentNames.map((envName) => {
      const envConfig = config.environments[envName];
      const env = { account: envConfig.account, region: envConfig.region };
      const environment = new EnvironmentStack(app, names.environmentStack(envName), {
        env,
        config: envConfig,
        description: `${config.app} ${envName}: network, ECS cluster, service discovery`,
      });
      Tags.of(environment).add('environment', envName);
      const stacks: Record<ServiceName, ServiceStack> = {};
      for (const service of services) {
        const stack = new ServiceStack(app, names.serviceStack(envName, service.name), {
          env,
          config: envConfig,
          service,
          services: config.services,
          cluster: environment.cluster,
          namespace: environment.namespace,
          alarmTopic: environment.alarmTopic.topic,
          description: `${config.app} ${envName}: the ${service.name} service`,
        });
        stack.admitCallers(effectiveCallers(service, config.services).map((caller) => stacks[caller]!));
        // Service stacks read the image-tag parameters and repositories the pipeline stacks create.
        stack.addStackDependency(pipelines[service.name]!);
        Tags.of(stack).add('environment', envName);
        Tags.of(stack).add('service', service.name);
        stacks[service.name] = stack;
      }
      environment.addDashboard(Object.values(stacks).flatMap((stack) => stack.alarms.alarmNames));
      return [envName, { environment, services: stacks }];
    }),
  ) as Record<EnvironmentName, EnvironmentStacks>;

  acknowledgeNagFindings({ environments, pipelines });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { environments, pipelines };
}

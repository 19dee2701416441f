import { DescribeAlarmsCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ListPipelineExecutionsCommand, type CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, type ECSClient, type Service } from '@aws-sdk/client-ecs';
import { type EnvironmentName, environmentNames, names } from '@todo/service-registry';

export interface StatusClients {
  ecs: ECSClient;
  codepipeline: CodePipelineClient;
  cloudwatch: CloudWatchClient;
}

export interface ServiceStatus {
  service: string;
  environment: EnvironmentName;
  /** Whether the ECS service exists (its stack is deployed). */
  deployed: boolean;
  /** The running image's tag: its commit, or `bootstrap` before the first release. */
  commit?: string;
  /** When ECS started the deployment that runs it. */
  releasedAt?: Date;
  desired?: number;
  running?: number;
  /** The current deployment's rollout state: COMPLETED, IN_PROGRESS or FAILED. */
  rollout?: string;
  lastPipelineExecution?: { status: string; startedAt?: Date; id: string };
  /** Names of this service's alarms in ALARM in this environment. */
  alarms: string[];
}

/**
 * The service an alarm belongs to: the one with the longest matching `todo-<env>-<service>-` prefix,
 * so `backend-stats`' alarms are not listed under `backend` too.
 */
function ownerOf(alarm: string, environment: EnvironmentName, services: readonly string[]): string | undefined {
  return services
    .filter((service) => alarm.startsWith(names.alarmPrefix(environment, service)))
    .sort((a, b) => b.length - a.length)[0];
}

/** What runs where: per environment and service, from ECS, CodePipeline and CloudWatch (read-only calls). */
export async function collectStatus(services: readonly string[], clients: StatusClients): Promise<ServiceStatus[]> {
  const pipelines = new Map(await Promise.all(services.map(async (service) => [service, await lastExecution(clients.codepipeline, service)] as const)));
  const rows = await Promise.all(
    environmentNames.map(async (environment) => {
      const [running, alarms] = await Promise.all([ecsServices(clients.ecs, environment, services), alarmsInAlarm(clients.cloudwatch, environment)]);
      return Promise.all(
        services.map(async (service): Promise<ServiceStatus> => {
          const base = {
            service,
            environment,
            lastPipelineExecution: pipelines.get(service),
            alarms: alarms.filter((name) => ownerOf(name, environment, services) === service),
          };
          const ecsService = running.get(names.ecsService(service));
          if (!ecsService) return { ...base, deployed: false };
          const primary = ecsService.deployments?.find((d) => d.status === 'PRIMARY');
          return {
            ...base,
            deployed: true,
            commit: await imageTag(clients.ecs, primary?.taskDefinition ?? ecsService.taskDefinition),
            releasedAt: primary?.createdAt,
            desired: ecsService.desiredCount,
            running: ecsService.runningCount,
            rollout: primary?.rolloutState,
          };
        }),
      );
    }),
  );
  return rows.flat();
}

async function ecsServices(ecs: ECSClient, environment: EnvironmentName, services: readonly string[]): Promise<Map<string, Service>> {
  const found = new Map<string, Service>();
  // DescribeServices takes at most 10 services per call.
  for (let i = 0; i < services.length; i += 10) {
    try {
      const answer = await ecs.send(
        new DescribeServicesCommand({ cluster: names.cluster(environment), services: services.slice(i, i + 10).map(names.ecsService) }),
      );
      for (const service of answer.services ?? []) if (service.serviceName && service.status !== 'INACTIVE') found.set(service.serviceName, service);
    } catch (error) {
      // No cluster: the environment is not deployed, which status reports rather than fails on.
      if ((error as Error).name !== 'ClusterNotFoundException') throw error;
    }
  }
  return found;
}

async function imageTag(ecs: ECSClient, taskDefinition: string | undefined): Promise<string | undefined> {
  if (!taskDefinition) return undefined;
  const answer = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition }));
  const image = answer.taskDefinition?.containerDefinitions?.[0]?.image;
  return image?.slice(image.lastIndexOf(':') + 1);
}

async function alarmsInAlarm(cloudwatch: CloudWatchClient, environment: EnvironmentName): Promise<string[]> {
  const inAlarm: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNamePrefix: names.environmentAlarmPrefix(environment), StateValue: 'ALARM', NextToken: nextToken }),
    );
    for (const alarm of [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])]) if (alarm.AlarmName) inAlarm.push(alarm.AlarmName);
    nextToken = page.NextToken;
  } while (nextToken);
  return inAlarm.sort();
}

async function lastExecution(codepipeline: CodePipelineClient, service: string): Promise<ServiceStatus['lastPipelineExecution']> {
  try {
    const answer = await codepipeline.send(new ListPipelineExecutionsCommand({ pipelineName: names.pipeline(service), maxResults: 1 }));
    const last = answer.pipelineExecutionSummaries?.[0];
    return last?.pipelineExecutionId ? { status: last.status ?? 'Unknown', startedAt: last.startTime, id: last.pipelineExecutionId } : undefined;
  } catch (error) {
    if ((error as Error).name !== 'PipelineNotFoundException') throw error;
    return undefined;
  }
}

const time = (date: Date | undefined) => (date ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '-');

/** One aligned line per service and environment. */
export function formatStatus(rows: readonly ServiceStatus[]): string {
  const header = ['service', 'environment', 'commit', 'released', 'tasks', 'rollout', 'last pipeline run', 'alarms in ALARM'];
  const cells = rows.map((row) => {
    const pipeline = row.lastPipelineExecution ? `${row.lastPipelineExecution.status} ${time(row.lastPipelineExecution.startedAt)}` : 'none';
    const alarms = row.alarms.length ? row.alarms.join(', ') : '-';
    if (!row.deployed) return [row.service, row.environment, 'not deployed', '-', '-', '-', pipeline, alarms];
    const commit = row.commit && /^[0-9a-f]{40}$/.test(row.commit) ? row.commit.slice(0, 12) : (row.commit ?? '-');
    return [row.service, row.environment, commit, time(row.releasedAt), `${row.running ?? '?'}/${row.desired ?? '?'}`, row.rollout ?? '-', pipeline, alarms];
  });
  const widths = header.map((_, i) => Math.max(...[header, ...cells].map((line) => (line[i] ?? '').length)));
  return [header, ...cells].map((line) => line.map((cell, i) => (i === line.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')).join('\n');
}

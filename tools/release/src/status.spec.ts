import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CodePipelineClient, ListPipelineExecutionsCommand, PipelineNotFoundException } from '@aws-sdk/client-codepipeline';
import { ClusterNotFoundException, DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { collectStatus, formatStatus } from './status';

const ecs = mockClient(ECSClient);
const codepipeline = mockClient(CodePipelineClient);
const cloudwatch = mockClient(CloudWatchClient);

const BACKEND_SHA = '0123456789abcdef0123456789abcdef01234567';
const FRONTEND_SHA = 'fedcba9876543210fedcba9876543210fedcba98';
const clients = () => ({
  ecs: new ECSClient({ region: 'eu-west-1' }),
  codepipeline: new CodePipelineClient({ region: 'eu-west-1' }),
  cloudwatch: new CloudWatchClient({ region: 'eu-west-1' }),
});

beforeEach(() => {
  ecs.reset();
  codepipeline.reset();
  cloudwatch.reset();
  ecs.on(DescribeServicesCommand, { cluster: 'todo-development' }).resolves({
    services: [
      {
        serviceName: 'backend',
        status: 'ACTIVE',
        desiredCount: 1,
        runningCount: 1,
        taskDefinition: 'arn:td/development-backend:4',
        deployments: [{ status: 'PRIMARY', taskDefinition: 'arn:td/development-backend:4', rolloutState: 'COMPLETED', createdAt: new Date('2026-12-01T20:14:09Z') }],
      },
      {
        serviceName: 'frontend',
        status: 'ACTIVE',
        desiredCount: 1,
        runningCount: 2,
        taskDefinition: 'arn:td/development-frontend:9',
        deployments: [
          { status: 'PRIMARY', taskDefinition: 'arn:td/development-frontend:9', rolloutState: 'IN_PROGRESS', createdAt: new Date('2026-12-01T21:02:45Z') },
          { status: 'ACTIVE', taskDefinition: 'arn:td/development-frontend:8', rolloutState: 'COMPLETED' },
        ],
      },
    ],
  });
  ecs.on(DescribeServicesCommand, { cluster: 'todo-production' }).rejects(new ClusterNotFoundException({ message: 'Cluster not found.', $metadata: {} }));
  ecs.on(DescribeTaskDefinitionCommand, { taskDefinition: 'arn:td/development-backend:4' }).resolves({
    taskDefinition: { containerDefinitions: [{ image: `111111111111.dkr.ecr.eu-west-1.amazonaws.com/todo/backend:${BACKEND_SHA}` }] },
  });
  ecs.on(DescribeTaskDefinitionCommand, { taskDefinition: 'arn:td/development-frontend:9' }).resolves({
    taskDefinition: { containerDefinitions: [{ image: `111111111111.dkr.ecr.eu-west-1.amazonaws.com/todo/frontend:${FRONTEND_SHA}` }] },
  });
  codepipeline.on(ListPipelineExecutionsCommand, { pipelineName: 'todo-backend' }).resolves({
    pipelineExecutionSummaries: [{ pipelineExecutionId: 'e-1', status: 'InProgress', startTime: new Date('2026-12-01T20:05:00Z') }],
  });
  codepipeline.on(ListPipelineExecutionsCommand, { pipelineName: 'todo-frontend' }).rejects(new PipelineNotFoundException({ message: 'no', $metadata: {} }));
  cloudwatch
    .on(DescribeAlarmsCommand, { AlarmNamePrefix: 'todo-development-', NextToken: undefined })
    .resolves({ MetricAlarms: [{ AlarmName: 'todo-development-backend-latency-p99' }], NextToken: 'page-2' });
  cloudwatch
    .on(DescribeAlarmsCommand, { AlarmNamePrefix: 'todo-development-', NextToken: 'page-2' })
    .resolves({ MetricAlarms: [{ AlarmName: 'todo-development-backend-5xx-rate' }] });
  cloudwatch.on(DescribeAlarmsCommand, { AlarmNamePrefix: 'todo-production-' }).resolves({ MetricAlarms: [] });
});

describe('status', () => {
  it('asks ECS, CodePipeline and CloudWatch only read-only questions, once per environment or service', async () => {
    await collectStatus(['backend', 'frontend'], clients());
    expect(ecs).toHaveReceivedCommandTimes(DescribeServicesCommand, 2);
    expect(ecs).toHaveReceivedCommandWith(DescribeServicesCommand, { cluster: 'todo-development', services: ['backend', 'frontend'] });
    expect(ecs).toHaveReceivedCommandTimes(DescribeTaskDefinitionCommand, 2);
    expect(codepipeline).toHaveReceivedCommandWith(ListPipelineExecutionsCommand, { pipelineName: 'todo-backend', maxResults: 1 });
    // Every page of alarms in ALARM, per environment.
    expect(cloudwatch).toHaveReceivedCommandTimes(DescribeAlarmsCommand, 3);
    expect(cloudwatch).toHaveReceivedCommandWith(DescribeAlarmsCommand, { AlarmNamePrefix: 'todo-production-', StateValue: 'ALARM' });
  });

  it('prints per service and environment the running commit, when, tasks, rollout, the last pipeline run and alarms in ALARM', async () => {
    const output = formatStatus(await collectStatus(['backend', 'frontend'], clients()));
    expect(output.split('\n')).toEqual([
      'service   environment  commit        released              tasks  rollout      last pipeline run                alarms in ALARM',
      'backend   development  0123456789ab  2026-12-01 20:14 UTC  1/1    COMPLETED    InProgress 2026-12-01 20:05 UTC  todo-development-backend-5xx-rate, todo-development-backend-latency-p99',
      'frontend  development  fedcba987654  2026-12-01 21:02 UTC  2/1    IN_PROGRESS  none                             -',
      'backend   production   not deployed  -                     -      -            InProgress 2026-12-01 20:05 UTC  -',
      'frontend  production   not deployed  -                     -      -            none                             -',
    ]);
  });

  it("lists an alarm under its own service only, not under a service whose name starts the same", async () => {
    cloudwatch
      .on(DescribeAlarmsCommand, { AlarmNamePrefix: 'todo-production-' })
      .resolves({ MetricAlarms: [{ AlarmName: 'todo-production-backend-stats-5xx-rate' }, { AlarmName: 'todo-production-backend-5xx-rate' }] });
    codepipeline.on(ListPipelineExecutionsCommand, { pipelineName: 'todo-backend-stats' }).rejects(new PipelineNotFoundException({ message: 'no', $metadata: {} }));
    const rows = await collectStatus(['backend', 'backend-stats'], clients());
    const alarmsOf = (service: string) => rows.find((row) => row.service === service && row.environment === 'production')?.alarms;
    expect(alarmsOf('backend')).toEqual(['todo-production-backend-5xx-rate']);
    expect(alarmsOf('backend-stats')).toEqual(['todo-production-backend-stats-5xx-rate']);
  });

  it('lets a real failure through (credentials, permissions) instead of reporting "not deployed"', async () => {
    ecs.on(DescribeServicesCommand, { cluster: 'todo-production' }).rejects(Object.assign(new Error('The security token included in the request is invalid.'), { name: 'UnrecognizedClientException' }));
    await expect(collectStatus(['backend', 'frontend'], clients())).rejects.toThrow('security token');
  });
});

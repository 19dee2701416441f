import { Match } from 'aws-cdk-lib/assertions';
import { todoTableDefinition } from '@todo/todo-table';
import { synthTodoApp, type SynthesizedTodoApp } from '../testing/synth-todo-app';
import { TODO_INDEX_ACTIONS, TODO_TABLE_ACTIONS } from './owned-table';
import { environmentNames } from '@todo/service-registry';

let synthesized: SynthesizedTodoApp;
beforeAll(() => {
  synthesized = synthTodoApp();
});
afterAll(() => synthesized.dispose());

/** The one resource of a type in a template, with its logical id. */
function only(resources: Record<string, { Properties?: Record<string, unknown> } & Record<string, unknown>>) {
  const entries = Object.entries(resources);
  expect(entries).toHaveLength(1);
  const [id, resource] = entries[0]!;
  return { id, resource, props: resource.Properties as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe.each(environmentNames)('the %s backend stack', (name) => {
  const template = () => synthesized.template(synthesized.stacks.environments[name].services['backend']!);
  const config = () => synthesized.config.environments[name];
  const sizing = () => synthesized.config.services.find((s) => s.name === 'backend')!.sizing[name];
  const table = () => only(template().findResources('AWS::DynamoDB::Table'));
  const container = () => only(template().findResources('AWS::ECS::TaskDefinition')).props.ContainerDefinitions[0];

  describe('its table', () => {
    it('has the key schema and creation index of the shared table definition', () => {
      const { props } = table();
      const index = todoTableDefinition.creationIndex;
      expect(props.KeySchema).toEqual([{ AttributeName: todoTableDefinition.partitionKey.name, KeyType: 'HASH' }]);
      expect(props.AttributeDefinitions).toEqual(
        expect.arrayContaining([
          { AttributeName: todoTableDefinition.partitionKey.name, AttributeType: todoTableDefinition.partitionKey.type },
          { AttributeName: index.partitionKey.name, AttributeType: index.partitionKey.type },
          { AttributeName: index.sortKey.name, AttributeType: index.sortKey.type },
        ]),
      );
      expect(props.GlobalSecondaryIndexes).toEqual([
        {
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
            { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ]);
    });

    it('is on-demand, encrypted, with point-in-time recovery and a derived name', () => {
      expect(table().props).toMatchObject({
        TableName: `todo-${name}-todos`,
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      });
    });

    it(name === 'production' ? 'is retained and protected from deletion' : 'may be destroyed, as the config allows', () => {
      const { resource, props } = table();
      const keep = !config().destroyData;
      expect(resource.DeletionPolicy).toBe(keep ? 'Retain' : 'Delete');
      expect(resource.UpdateReplacePolicy).toBe(keep ? 'Retain' : 'Delete');
      expect(props.DeletionProtectionEnabled).toBe(keep);
    });
  });

  describe('its container', () => {
    it('listens on 10000, gets the table name from the table and drains before stopping', () => {
      expect(container().PortMappings).toEqual([expect.objectContaining({ ContainerPort: 10000, Protocol: 'tcp' })]);
      expect(container().Environment).toEqual(
        expect.arrayContaining([
          { Name: 'TODOTABLE_NAME', Value: { Ref: table().id } },
          { Name: 'PORT', Value: '10000' },
          { Name: 'SHUTDOWN_DRAIN_DELAY_MS', Value: '15000' },
          { Name: 'SHUTDOWN_TIMEOUT_MS', Value: '10000' },
        ]),
      );
    });

    it('checks /ishealthy with node, needing no curl in the image', () => {
      const command: string[] = container().HealthCheck.Command;
      expect(command.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
      expect(command[3]).toContain("fetch('http://127.0.0.1:10000/ishealthy')");
      expect(command.join(' ')).not.toMatch(/curl|wget/);
    });

    it('runs as a non-root user on a read-only root filesystem, with a writable /tmp', () => {
      expect(container().User).toBe('1000:1000');
      expect(container().ReadonlyRootFilesystem).toBe(true);
      expect(container().MountPoints).toEqual([{ ContainerPath: '/tmp', ReadOnly: false, SourceVolume: 'scratch-0' }]);
    });

    it('logs to its own log group with the configured retention', () => {
      const logGroup = only(template().findResources('AWS::Logs::LogGroup'));
      expect(logGroup.props).toMatchObject({ LogGroupName: `/todo/${name}/backend`, RetentionInDays: config().logRetentionDays });
      expect(container().LogConfiguration).toMatchObject({
        LogDriver: 'awslogs',
        Options: { 'awslogs-group': { Ref: logGroup.id } },
      });
    });

    it("runs the image tag the backend pipeline released to this environment", () => {
      const parameters = template().toJSON().Parameters as Record<string, { Type: string; Default: string }>;
      const [tagParameter] = Object.entries(parameters).find(([, p]) => p.Default === `/todo/${name}/backend/image-tag`)!;
      expect(parameters[tagParameter]!.Type).toBe('AWS::SSM::Parameter::Value<String>');
      expect(JSON.stringify(container().Image)).toContain('/todo/backend:');
      expect(JSON.stringify(container().Image)).toContain(`{"Ref":"${tagParameter}"}`);
    });
  });

  describe('its service', () => {
    const service = () => only(template().findResources('AWS::ECS::Service')).props;

    it('runs in private subnets without public addresses', () => {
      const network = service().NetworkConfiguration.AwsvpcConfiguration;
      expect(network.AssignPublicIp).toBe('DISABLED');
      expect(JSON.stringify(network.Subnets)).toMatch(/privateSubnet1/);
      expect(JSON.stringify(network.Subnets)).not.toMatch(/publicSubnet/);
    });

    it('rolls back a failing deployment with the circuit breaker', () => {
      expect(service().DeploymentConfiguration.DeploymentCircuitBreaker).toEqual({ Enable: true, Rollback: true });
    });

    it('runs no task before a first image is released, then the configured count', () => {
      const [condition] = Object.keys(template().toJSON().Conditions);
      expect(service().DesiredCount).toEqual({ 'Fn::If': [condition, 0, sizing().desiredCount] });
      template().hasCondition(condition!, { 'Fn::Equals': [{ Ref: Match.anyValue() }, 'bootstrap'] });
    });

    it('scales on CPU within the configured bounds', () => {
      const bounds = sizing();
      const [condition] = Object.keys(template().toJSON().Conditions);
      template().hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
        MinCapacity: { 'Fn::If': [condition, 0, bounds.minCount] },
        MaxCapacity: { 'Fn::If': [condition, 0, bounds.maxCount] },
        ScalableDimension: 'ecs:service:DesiredCount',
      });
      template().hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
          TargetValue: bounds.targetCpuPercent,
        },
      });
    });

    it('registers as backend.<environment>.todo.local with A records and a TTL of at most 10 s', () => {
      const { id, props: discovery } = only(template().findResources('AWS::ServiceDiscovery::Service'));
      expect(discovery.Name).toBe('backend');
      expect(JSON.stringify(discovery.NamespaceId)).toContain(`todo-${name}-environment`);
      expect(discovery.DnsConfig.DnsRecords).toHaveLength(1);
      expect(discovery.DnsConfig.DnsRecords[0].Type).toBe('A');
      expect(discovery.DnsConfig.DnsRecords[0].TTL).toBeLessThanOrEqual(10);
      expect(service().ServiceRegistries).toEqual([{ RegistryArn: { 'Fn::GetAtt': [id, 'Arn'] } }]);
    });
  });

  it('admits port 10000 from the frontend service security group only', () => {
    const group = only(template().findResources('AWS::EC2::SecurityGroup'));
    expect(group.props.SecurityGroupIngress).toBeUndefined();
    const ingress = Object.values(template().findResources('AWS::EC2::SecurityGroupIngress')).map((r) => r.Properties);
    expect(ingress).toEqual([
      {
        Description: 'frontend to backend',
        GroupId: { 'Fn::GetAtt': [group.id, 'GroupId'] },
        IpProtocol: 'tcp',
        FromPort: 10000,
        ToPort: 10000,
        SourceSecurityGroupId: { 'Fn::ImportValue': expect.stringMatching(`^todo-${name}-frontend:.*FrontendSecurityGroup`) },
      },
    ]);
  });

  it('lets the task role perform exactly the backend DynamoDB actions, on its table and index only', () => {
    const role = only(
      template().findResources('AWS::IAM::Role', {
        Properties: { AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: 'ecs-tasks.amazonaws.com' } }] }, Description: Match.anyValue() },
      }),
    );
    const policies = Object.values(template().findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes(role.id),
    );
    expect(policies).toHaveLength(1);
    const tableArn = { 'Fn::GetAtt': [table().id, 'Arn'] };
    expect(policies[0]!.Properties.PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: [...TODO_TABLE_ACTIONS], Resource: tableArn },
      {
        Effect: 'Allow',
        Action: TODO_INDEX_ACTIONS[0],
        Resource: { 'Fn::Join': ['', [tableArn, `/index/${todoTableDefinition.creationIndex.name}`]] },
      },
    ]);
    expect([...TODO_TABLE_ACTIONS, ...TODO_INDEX_ACTIONS].sort()).toEqual(
      ['BatchWriteItem', 'DeleteItem', 'GetItem', 'PutItem', 'Query', 'Scan', 'UpdateItem'].map((a) => `dynamodb:${a}`),
    );
  });

  it('rolls task by task with the circuit breaker and the alarms a release can cause, rolling back on either', () => {
    template().hasResourceProperties('AWS::ECS::Service', {
      ServiceName: 'backend',
      DeploymentConfiguration: {
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
        Alarms: { AlarmNames: [`todo-${name}-backend-5xx-rate`, `todo-${name}-backend-latency-p99`], Enable: true, Rollback: true },
        MaximumPercent: 200,
        MinimumHealthyPercent: 100,
      },
    });
    const [service] = Object.values(template().findResources('AWS::ECS::Service'));
    // Found through Cloud Map: no load balancer to shift traffic on, so neither canary nor bake settings.
    expect(service!.Properties.DeploymentConfiguration.Strategy).toBeUndefined();
    expect(service!.Properties.DeploymentConfiguration.BakeTimeInMinutes).toBeUndefined();
    // ECS reads the alarms when a deployment starts: they exist before the service.
    const alarmIds = Object.keys(template().findResources('AWS::CloudWatch::Alarm'));
    expect(service!.DependsOn).toEqual(expect.arrayContaining(alarmIds));
  });

  it('names its environment in the metrics it writes', () => {
    const [definition] = Object.values(template().findResources('AWS::ECS::TaskDefinition'));
    expect(definition!.Properties.ContainerDefinitions[0].Environment).toEqual(
      expect.arrayContaining([{ Name: 'DEPLOY_ENVIRONMENT', Value: name }]),
    );
  });
});

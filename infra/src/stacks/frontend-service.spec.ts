import { Match } from 'aws-cdk-lib/assertions';
import { loadConfig } from '../config/load-config';
import { synthTodoApp, type SynthesizedTodoApp } from '../testing/synth-todo-app';

const CERTIFICATE = 'arn:aws:acm:eu-west-1:111111111111:certificate/00000000-0000-0000-0000-000000000000';

// One synth covers both listener shapes: production has a certificate here, development has none.
let synthesized: SynthesizedTodoApp;
beforeAll(() => {
  synthesized = synthTodoApp(loadConfig((key) => (key === 'productionCertificateArn' ? CERTIFICATE : undefined)));
});
afterAll(() => synthesized.dispose());

const template = (name: 'development' | 'production') => synthesized.template(synthesized.stacks.environments[name].services['frontend']!);

function logicalIdOf(name: 'development' | 'production', type: string, props: Record<string, unknown>): string {
  const ids = Object.keys(template(name).findResources(type, { Properties: props }));
  expect(ids).toHaveLength(1);
  return ids[0]!;
}

describe.each(['development', 'production'] as const)('the %s frontend stack', (name) => {
  const config = () => synthesized.config.environments[name];
  const albGroup = () => logicalIdOf(name, 'AWS::EC2::SecurityGroup', { GroupDescription: `${name} public load balancer` });
  const taskGroup = () => logicalIdOf(name, 'AWS::EC2::SecurityGroup', { GroupDescription: `${name} frontend tasks` });
  const container = () => {
    const definitions = Object.values(template(name).findResources('AWS::ECS::TaskDefinition'));
    expect(definitions).toHaveLength(1);
    return definitions[0]!.Properties.ContainerDefinitions[0];
  };

  it('puts an internet-facing load balancer in the public subnets', () => {
    template(name).hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Name: `todo-${name}-frontend`,
      Scheme: 'internet-facing',
      Type: 'application',
      Subnets: Match.arrayWith([{ 'Fn::ImportValue': Match.stringLikeRegexp('publicSubnet1') }]),
      SecurityGroups: [{ 'Fn::GetAtt': [albGroup(), 'GroupId'] }],
    });
  });

  it("checks targets on nginx's own /healthz on port 8080", () => {
    template(name).hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Name: `todo-${name}-frontend-main`,
      Port: 8080,
      Protocol: 'HTTP',
      TargetType: 'ip',
      HealthCheckPath: '/healthz',
      Matcher: { HttpCode: '200' },
    });
  });

  it('admits the internet to the load balancer, and nginx only from the load balancer', () => {
    const alb = template(name).findResources('AWS::EC2::SecurityGroup')[albGroup()]!.Properties;
    const ports = (alb.SecurityGroupIngress as { CidrIp: string; FromPort: number }[]).map((r) => [r.CidrIp, r.FromPort]);
    expect(ports.sort()).toEqual(config().certificateArn ? [['0.0.0.0/0', 443], ['0.0.0.0/0', 80]] : [['0.0.0.0/0', 80]]);
    const tasks = template(name).findResources('AWS::EC2::SecurityGroup')[taskGroup()]!.Properties;
    expect(tasks.SecurityGroupIngress).toBeUndefined();
    const ingress = Object.values(template(name).findResources('AWS::EC2::SecurityGroupIngress')).map((r) => r.Properties);
    expect(ingress).toEqual([
      expect.objectContaining({
        GroupId: { 'Fn::GetAtt': [taskGroup(), 'GroupId'] },
        SourceSecurityGroupId: { 'Fn::GetAtt': [albGroup(), 'GroupId'] },
        IpProtocol: 'tcp',
        FromPort: 8080,
        ToPort: 8080,
      }),
    ]);
  });

  it('exports the task security group that the backend admits', () => {
    const outputs = template(name).toJSON().Outputs as Record<string, { Value: unknown; Export?: { Name: string } }>;
    const exported = Object.values(outputs).find((o) => JSON.stringify(o.Value) === JSON.stringify({ 'Fn::GetAtt': [taskGroup(), 'GroupId'] }));
    expect(exported?.Export?.Name).toMatch(new RegExp(`^todo-${name}-frontend:.*FrontendSecurityGroup`));
  });

  it("gives nginx the backend's Cloud Map name, the VPC resolver and its port", () => {
    expect(container().Environment).toEqual(
      expect.arrayContaining([
        { Name: 'BACKEND_UPSTREAM', Value: `backend.${name}.todo.local:10000` },
        { Name: 'DNS_RESOLVER', Value: '169.254.169.253' },
        { Name: 'LISTEN_PORT', Value: '8080' },
        { Name: 'NGINX_RUNTIME_DIR', Value: '/tmp/nginx' },
      ]),
    );
    expect(container().PortMappings).toEqual([expect.objectContaining({ ContainerPort: 8080 })]);
  });

  it('runs nginx as a non-root user on a read-only root filesystem, with a writable /tmp', () => {
    expect(container().User).toBe('101:101');
    expect(container().ReadonlyRootFilesystem).toBe(true);
    expect(container().MountPoints).toEqual([{ ContainerPath: '/tmp', ReadOnly: false, SourceVolume: 'scratch-0' }]);
  });

  it('runs in private subnets behind the load balancer, with a circuit breaker and CPU auto scaling', () => {
    const sizing = synthesized.config.services.find((s) => s.name === 'frontend')!.sizing[name];
    template(name).hasResourceProperties('AWS::ECS::Service', {
      LaunchType: 'FARGATE',
      ServiceName: 'frontend',
      // No task before the first release: nothing to pull yet.
      DesiredCount: { 'Fn::If': [Match.anyValue(), 0, sizing.desiredCount] },
      DeploymentConfiguration: Match.objectLike({ DeploymentCircuitBreaker: { Enable: true, Rollback: true } }),
      LoadBalancers: [Match.objectLike({ ContainerName: 'frontend', ContainerPort: 8080 })],
      NetworkConfiguration: {
        AwsvpcConfiguration: Match.objectLike({
          AssignPublicIp: 'DISABLED',
          Subnets: Match.arrayWith([{ 'Fn::ImportValue': Match.stringLikeRegexp('privateSubnet1') }]),
        }),
      },
    });
    template(name).hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: { 'Fn::If': [Match.anyValue(), 0, sizing.minCount] },
      MaxCapacity: { 'Fn::If': [Match.anyValue(), 0, sizing.maxCount] },
    });
    template(name).hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({ TargetValue: sizing.targetCpuPercent }),
    });
  });
});

describe.each(['development', 'production'] as const)('the %s site rollout', (name) => {
  const rollout = () => synthesized.config.environments[name].siteRollout;

  it('shifts traffic progressively: ECS canary with a bake time, the circuit breaker and the deployment alarms rolling back', () => {
    template(name).hasResourceProperties('AWS::ECS::Service', {
      ServiceName: 'frontend',
      DeploymentConfiguration: {
        Strategy: 'CANARY',
        CanaryConfiguration: { CanaryPercent: rollout().canaryPercent, CanaryBakeTimeInMinutes: rollout().canaryMinutes },
        BakeTimeInMinutes: rollout().bakeMinutes,
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
        Alarms: {
          AlarmNames: [`todo-${name}-frontend-load-balancer-5xx-rate`, `todo-${name}-frontend-target-p99`],
          Enable: true,
          Rollback: true,
        },
        MaximumPercent: 200,
        MinimumHealthyPercent: 100,
      },
    });
  });

  it('gives ECS the idle target group and the site rule whose weights it moves', () => {
    const primary = logicalIdOf(name, 'AWS::ElasticLoadBalancingV2::TargetGroup', { Name: `todo-${name}-frontend-main` });
    const alternate = logicalIdOf(name, 'AWS::ElasticLoadBalancingV2::TargetGroup', { Name: `todo-${name}-frontend-alt` });
    const rule = logicalIdOf(name, 'AWS::ElasticLoadBalancingV2::ListenerRule', { Priority: 1 });
    template(name).hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }],
      Actions: [
        {
          Type: 'forward',
          ForwardConfig: { TargetGroups: [{ TargetGroupArn: { Ref: primary }, Weight: 100 }, { TargetGroupArn: { Ref: alternate }, Weight: 0 }] },
        },
      ],
    });
    template(name).hasResourceProperties('AWS::ECS::Service', {
      LoadBalancers: [
        {
          ContainerName: 'frontend',
          ContainerPort: 8080,
          TargetGroupArn: { Ref: primary },
          AdvancedConfiguration: { AlternateTargetGroupArn: { Ref: alternate }, ProductionListenerRule: { Ref: rule }, RoleArn: Match.anyValue() },
        },
      ],
    });
    template(name).hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { Name: `todo-${name}-frontend-alt`, Port: 8080, HealthCheckPath: '/healthz' });
  });
});

it('rolls production out more cautiously than development: 10% for 10 minutes, then 10 minutes of bake', () => {
  expect(synthesized.config.environments.production.siteRollout).toEqual({ canaryPercent: 10, canaryMinutes: 10, bakeMinutes: 10 });
  expect(synthesized.config.environments.development.siteRollout).toEqual({ canaryPercent: 20, canaryMinutes: 3, bakeMinutes: 3 });
});

describe('the load balancer listeners', () => {
  it('serve plain HTTP where no certificate is configured', () => {
    const listeners = Object.values(template('development').findResources('AWS::ElasticLoadBalancingV2::Listener'));
    expect(listeners.map((l) => l.Properties)).toEqual([
      expect.objectContaining({ Port: 80, Protocol: 'HTTP', DefaultActions: [expect.objectContaining({ Type: 'fixed-response' })] }),
    ]);
  });

  it('serve HTTPS with the configured certificate, and redirect HTTP to it', () => {
    const listeners = Object.values(template('production').findResources('AWS::ElasticLoadBalancingV2::Listener')).map(
      (l) => l.Properties,
    );
    expect(listeners).toHaveLength(2);
    expect(listeners).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Port: 443,
          Protocol: 'HTTPS',
          Certificates: [{ CertificateArn: CERTIFICATE }],
          DefaultActions: [expect.objectContaining({ Type: 'fixed-response' })],
        }),
        expect.objectContaining({
          Port: 80,
          Protocol: 'HTTP',
          DefaultActions: [
            { Type: 'redirect', RedirectConfig: { Port: '443', Protocol: 'HTTPS', StatusCode: 'HTTP_301' } },
          ],
        }),
      ]),
    );
  });
});

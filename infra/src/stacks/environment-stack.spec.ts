import { Match } from 'aws-cdk-lib/assertions';
import { synthTodoApp, type SynthesizedTodoApp } from '../testing/synth-todo-app';
import { environmentNames } from '@todo/service-registry';

let synthesized: SynthesizedTodoApp;
beforeAll(() => {
  synthesized = synthTodoApp();
});
afterAll(() => synthesized.dispose());

describe.each(environmentNames)('the %s environment stack', (name) => {
  const stackOf = () => synthesized.stacks.environments[name].environment;
  const template = () => synthesized.template(stackOf());
  const config = () => synthesized.config.environments[name];

  it('spreads public and private subnets over two availability zones', () => {
    const subnets = Object.values(template().findResources('AWS::EC2::Subnet')).map((s) => s.Properties);
    const publicSubnets = subnets.filter((s) => s.MapPublicIpOnLaunch === true);
    const privateSubnets = subnets.filter((s) => s.MapPublicIpOnLaunch === false);
    expect(publicSubnets).toHaveLength(2);
    expect(privateSubnets).toHaveLength(2);
    expect(new Set(publicSubnets.map((s) => s.AvailabilityZone)).size).toBe(2);
    expect(new Set(privateSubnets.map((s) => s.AvailabilityZone)).size).toBe(2);
  });

  it('has as many NAT gateways as configured, and private routes through them', () => {
    template().resourceCountIs('AWS::EC2::NatGateway', config().natGateways);
    template().resourcePropertiesCountIs(
      'AWS::EC2::Route',
      { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: Match.anyValue() },
      2,
    );
  });

  it('reaches DynamoDB through a gateway endpoint on the private route tables, not through NAT', () => {
    const [endpoint] = Object.values(template().findResources('AWS::EC2::VPCEndpoint')).map((e) => e.Properties);
    expect(endpoint.VpcEndpointType).toBe('Gateway');
    expect(JSON.stringify(endpoint.ServiceName)).toContain('.dynamodb');
    const privateRouteTables = Object.keys(template().findResources('AWS::EC2::RouteTable')).filter((id) => id.includes('private'));
    expect(endpoint.RouteTableIds).toEqual(expect.arrayContaining(privateRouteTables.map((id) => ({ Ref: id }))));
    expect(privateRouteTables).toHaveLength(2);
  });

  it('logs all VPC traffic to a log group with the configured retention', () => {
    template().hasResourceProperties('AWS::EC2::FlowLog', {
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
    });
    template().hasResource('AWS::Logs::LogGroup', {
      Properties: Match.objectLike({ LogGroupName: `/todo/${name}/vpc-flow-logs`, RetentionInDays: config().logRetentionDays }),
      DeletionPolicy: config().destroyData ? 'Delete' : 'Retain',
    });
  });

  it('runs an ECS cluster named for the environment, with Container Insights', () => {
    template().hasResourceProperties('AWS::ECS::Cluster', {
      ClusterName: `todo-${name}`,
      ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }],
    });
  });

  it('declares the private DNS namespace <environment>.todo.local in its VPC', () => {
    template().hasResourceProperties('AWS::ServiceDiscovery::PrivateDnsNamespace', {
      Name: `${name}.todo.local`,
      Vpc: { Ref: Match.stringLikeRegexp('^Vpc') },
    });
  });

  it('exposes the VPC, the cluster and the namespace as typed fields', () => {
    const stack = stackOf();
    expect(stack.vpc.privateSubnets).toHaveLength(2);
    expect(stack.vpc.publicSubnets).toHaveLength(2);
    expect(stack.cluster.vpc).toBe(stack.vpc);
    expect(stack.namespace.namespaceName).toBe(`${name}.todo.local`);
  });
});

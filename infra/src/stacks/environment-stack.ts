import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/environment-config';
import { AlarmTopic } from '../constructs/alarm-topic';
import { EnvironmentDashboard } from '../constructs/environment-dashboard';
import { names } from '@todo/service-registry';

export interface EnvironmentStackProps extends StackProps {
  readonly config: EnvironmentConfig;
}

/**
 * What every service of one environment shares: the network, the ECS cluster, the private
 * DNS namespace the services find each other in, the topic their alarms notify, and the dashboard.
 */
export class EnvironmentStack extends Stack {
  /** Two zones; public subnets for the load balancer, private subnets (with NAT egress) for tasks. */
  public readonly vpc: ec2.IVpc;
  /** Fargate cluster with Container Insights. */
  public readonly cluster: ecs.ICluster;
  /** `<environment>.todo.local`, so the backend is `backend.<environment>.todo.local`. */
  public readonly namespace: servicediscovery.IPrivateDnsNamespace;
  /** `todo-<environment>-alarms`, with the configured email subscribed. */
  public readonly alarmTopic: AlarmTopic;

  private readonly config: EnvironmentConfig;

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.config = config;

    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: config.natGateways,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
      ],
      // Locking down the default security group needs a custom-resource Lambda; nothing here uses that group.
      restrictDefaultSecurityGroup: false,
    });
    const flowLogGroup = new logs.LogGroup(this, 'FlowLogs', {
      logGroupName: names.flowLogGroup(config.name),
      retention: config.logRetentionDays,
      removalPolicy: config.destroyData ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
    vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogGroup),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
    // DynamoDB traffic stays on AWS's network and skips the NAT gateways' per-GB charge.
    vpc.addGatewayEndpoint('DynamoDb', { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB });
    this.vpc = vpc;

    this.cluster = new ecs.Cluster(this, 'Cluster', {
      vpc,
      clusterName: names.cluster(config.name),
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });

    this.namespace = new servicediscovery.PrivateDnsNamespace(this, 'Namespace', {
      name: names.namespace(config.name),
      vpc,
      description: `Service discovery for the ${config.name} environment`,
    });

    this.alarmTopic = new AlarmTopic(this, 'Alarms', { topicName: names.alarmTopic(config.name), email: config.alarmEmail });
  }

  /** The environment's dashboard, once its services (and so their alarms) are declared. */
  public addDashboard(alarmNames: readonly string[]): EnvironmentDashboard {
    return new EnvironmentDashboard(this, 'Dashboard', { environment: this.config.name, alarmNames });
  }
}

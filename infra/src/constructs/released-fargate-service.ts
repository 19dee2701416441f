import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as applicationautoscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/environment-config';
import { ReleasedImage } from './released-image';
import type { ServiceAlarms } from './service-alarms';
import { names, type ServiceName, type ServiceSizing } from '@todo/service-registry';

export interface ReleasedFargateServiceProps {
  readonly config: EnvironmentConfig;
  readonly service: ServiceName;
  /** Size and scaling bounds in this environment, from the service's registry entry. */
  readonly sizing: ServiceSizing;
  readonly cluster: ecs.ICluster;
  readonly containerPort: number;
  /** Non-root `uid:gid` the container runs as; must own nothing but the writable volumes. */
  readonly user: string;
  readonly environment: Record<string, string>;
  /** Writable scratch folders, as the root filesystem is read-only. @default none */
  readonly writablePaths?: string[];
  /** Container-level health check. @default none (the load balancer's check suffices) */
  readonly healthCheck?: ecs.HealthCheck;
  /** Task role. @default a role with no permissions */
  readonly taskRole?: iam.IRole;
  /** Cloud Map registration. @default none */
  readonly cloudMapOptions?: ecs.CloudMapOptions;
  /** How ECS replaces tasks: progressive traffic shifting behind a load balancer. @default rolling */
  readonly rollout?: Pick<ecs.BaseServiceOptions, 'deploymentStrategy' | 'canaryConfiguration' | 'linearConfiguration' | 'bakeTime'>;
}

/**
 * One service's Fargate service in private subnets, hardened the same way for every service:
 * released image (see `ReleasedImage`), non-root, read-only root filesystem, logs with retention,
 * circuit breaker with rollback, CPU target tracking within the configured bounds. `watchDuringDeployments`
 * adds the alarms that roll a misbehaving release back.
 */
export class ReleasedFargateService extends Construct {
  public readonly service: ecs.FargateService;
  public readonly container: ecs.ContainerDefinition;
  public readonly securityGroup: ec2.SecurityGroup;
  public readonly releasedImage: ReleasedImage;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ReleasedFargateServiceProps) {
    super(scope, id);
    const { config, service, sizing } = props;

    this.releasedImage = new ReleasedImage(this, 'Image', {
      repositoryName: names.repository(service),
      tagParameterName: names.imageTagParameter(config.name, service),
    });

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: names.logGroup(config.name, service),
      retention: config.logRetentionDays,
      removalPolicy: config.destroyData ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });

    const taskDefinition = new ecs.FargateTaskDefinition(this, 'Task', {
      cpu: sizing.cpu,
      memoryLimitMiB: sizing.memoryMiB,
      family: `${config.name}-${service}`,
      taskRole: props.taskRole,
      runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.X86_64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
    });
    this.container = taskDefinition.addContainer(service, {
      containerName: service,
      image: this.releasedImage.image,
      user: props.user,
      readonlyRootFilesystem: true,
      environment: props.environment,
      portMappings: [{ containerPort: props.containerPort, name: service }],
      healthCheck: props.healthCheck,
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: service }),
    });
    for (const [index, containerPath] of (props.writablePaths ?? []).entries()) {
      const name = `scratch-${index}`;
      // A volume without a host is task-local ephemeral storage: writable, gone with the task.
      taskDefinition.addVolume({ name });
      this.container.addMountPoints({ sourceVolume: name, containerPath, readOnly: false });
    }

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.cluster.vpc,
      description: `${config.name} ${service} tasks`,
      allowAllOutbound: true,
    });

    this.service = new ecs.FargateService(this, 'Service', {
      cluster: props.cluster,
      serviceName: names.ecsService(service),
      taskDefinition,
      desiredCount: sizing.desiredCount,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      assignPublicIp: false,
      securityGroups: [this.securityGroup],
      circuitBreaker: { enable: true, rollback: true },
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      cloudMapOptions: props.cloudMapOptions,
      ...props.rollout,
    });

    const scaling = this.service.autoScaleTaskCount({ minCapacity: sizing.minCount, maxCapacity: sizing.maxCount });
    scaling.scaleOnCpuUtilization('Cpu', {
      targetUtilizationPercent: sizing.targetCpuPercent,
      scaleInCooldown: Duration.minutes(5),
      scaleOutCooldown: Duration.minutes(1),
    });

    // Before the first image exists, run nothing: there is nothing to pull yet.
    const image = this.releasedImage;
    (this.service.node.defaultChild as ecs.CfnService).addPropertyOverride(
      'DesiredCount',
      image.whileBootstrapping(0, sizing.desiredCount),
    );
    const target = scaling.node.findChild('Target').node.defaultChild as applicationautoscaling.CfnScalableTarget;
    target.addPropertyOverride('MinCapacity', image.whileBootstrapping(0, sizing.minCount));
    target.addPropertyOverride('MaxCapacity', image.whileBootstrapping(0, sizing.maxCount));
  }

  /**
   * ECS watches these alarms during every deployment (and its bake time) and rolls back when one
   * fires, besides the circuit breaker, which only sees tasks that fail to start or to pass health checks.
   */
  public watchDuringDeployments(alarms: ServiceAlarms): void {
    this.service.enableDeploymentAlarms(alarms.deploymentAlarmNames, { behavior: ecs.AlarmBehavior.ROLLBACK_ON_ALARM });
    // ECS looks the alarms up by name when the deployment starts: create them first.
    this.service.node.addDependency(alarms);
  }
}

import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/environment-config';
import { ReleasedFargateService } from '../constructs/released-fargate-service';
import { ServiceAlarms } from '../constructs/service-alarms';
import { addOwnedTable, TODO_INDEX_ACTIONS, TODO_TABLE_ACTIONS, type OwnedTable } from './owned-table';
import { addPublicLoadBalancer, type PublicLoadBalancer } from './public-load-balancer';
import { serviceAddress, serviceRuntime } from './service-runtime';
import { dependencyVariables, names, type ServiceEntry } from '@todo/service-registry';

export interface ServiceStackProps extends StackProps {
  readonly config: EnvironmentConfig;
  readonly service: ServiceEntry;
  /** The whole registry: who calls this service and whom it calls. */
  readonly services: readonly ServiceEntry[];
  readonly cluster: ecs.ICluster;
  readonly namespace: servicediscovery.IPrivateDnsNamespace;
  /** The environment's alarm topic. */
  readonly alarmTopic: sns.ITopic;
}

/** The table's operations as CloudWatch names them, for its alarms. */
const TODO_TABLE_OPERATIONS = [...TODO_TABLE_ACTIONS, ...TODO_INDEX_ACTIONS].map((action) => action.replace('dynamodb:', '') as dynamodb.Operation);

/** `stats` → `Stats`, `todo-stats` → `TodoStats`: the construct id of a service, stable across synths. */
function constructId(name: string): string {
  return name.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

/**
 * One service of one environment, entirely from its registry entry: its task role, Fargate service
 * (circuit breaker, autoscaling, log group), Cloud Map record `<name>.<env>.todo.local` unless the
 * public load balancer fronts it, its dependencies' `<NAME>_URL`, and the resources it owns.
 * Ingress from its callers is added by `admitCallers` once every caller's stack exists.
 * Its alarms roll a misbehaving release back; behind the load balancer, releases are ECS canaries.
 */
export class ServiceStack extends Stack {
  public readonly entry: ServiceEntry;
  public readonly service: ReleasedFargateService;
  public readonly taskRole: iam.Role;
  /** Set for a service that owns the todo table. */
  public readonly table?: OwnedTable;
  /** Set for the service behind the public load balancer. */
  public readonly loadBalancer?: PublicLoadBalancer;
  public readonly alarms: ServiceAlarms;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { config, service } = props;
    this.entry = service;
    const runtime = serviceRuntime(service);
    const isPublicEntry = service.resources.includes('load-balancer');

    this.taskRole = new iam.Role(this, 'TaskRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: `${config.name} ${service.name}: its own resources only`,
    });

    this.service = new ReleasedFargateService(this, constructId(service.name), {
      config,
      service: service.name,
      sizing: service.sizing[config.name],
      cluster: props.cluster,
      containerPort: service.port,
      user: runtime.user,
      taskRole: this.taskRole,
      // DEPLOY_ENVIRONMENT: the `Environment` dimension of the metrics a service writes.
      environment: { ...runtime.environment, DEPLOY_ENVIRONMENT: config.name, ...dependencyVariables(service, props.services, (called) => serviceAddress(called, config)) },
      writablePaths: ['/tmp'],
      healthCheck: runtime.healthCheck,
      cloudMapOptions: isPublicEntry
        ? undefined
        : {
            name: service.name,
            cloudMapNamespace: props.namespace,
            dnsRecordType: servicediscovery.DnsRecordType.A,
            // Callers and nginx re-resolve this name; a short TTL keeps them on live tasks after a deploy.
            dnsTtl: Duration.seconds(10),
          },
      // Behind the load balancer, traffic shifts progressively; found by DNS, the service rolls.
      rollout: isPublicEntry
        ? {
            deploymentStrategy: ecs.DeploymentStrategy.CANARY,
            canaryConfiguration: {
              stepPercent: config.siteRollout.canaryPercent,
              stepBakeTime: Duration.minutes(config.siteRollout.canaryMinutes),
            },
            bakeTime: Duration.minutes(config.siteRollout.bakeMinutes),
          }
        : undefined,
    });

    if (service.resources.includes('todo-table')) this.table = addOwnedTable(this, config, this.service, this.taskRole);
    if (isPublicEntry) this.loadBalancer = addPublicLoadBalancer(this, config, this.service, service.port);

    this.alarms = new ServiceAlarms(this, 'Alarms', {
      environment: config.name,
      service: service.name,
      thresholds: config.alarms,
      topic: props.alarmTopic,
      ecs: { clusterName: names.cluster(config.name), serviceName: names.ecsService(service.name) },
      loadBalancer: this.loadBalancer?.loadBalancer,
      writesApiMetrics: runtime.writesApiMetrics,
      table: this.table ? { table: this.table.table, operations: TODO_TABLE_OPERATIONS } : undefined,
    });
    this.service.watchDuringDeployments(this.alarms);
  }

  /** Admits each caller's tasks to this service's port, and nothing else. */
  admitCallers(callers: readonly ServiceStack[]): void {
    for (const caller of callers) {
      this.service.securityGroup.addIngressRule(
        caller.service.securityGroup,
        ec2.Port.tcp(this.entry.port),
        `${caller.entry.name} to ${this.entry.name}`,
      );
    }
  }
}

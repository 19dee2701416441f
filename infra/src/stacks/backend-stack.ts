import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/environment-config';
import { ReleasedFargateService } from '../constructs/released-fargate-service';
import { TodoTable } from '../constructs/todo-table';
import { BACKEND_PORT, names } from '../naming';

export interface BackendStackProps extends StackProps {
  readonly config: EnvironmentConfig;
  readonly cluster: ecs.ICluster;
  readonly namespace: servicediscovery.IPrivateDnsNamespace;
  /** The frontend tasks' group: the only source admitted to the backend's port. */
  readonly frontendSecurityGroup: ec2.ISecurityGroup;
}

/** The DynamoDB actions the backend performs, and nothing else (see apps/backend). */
export const BACKEND_TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:Scan',
  'dynamodb:BatchWriteItem',
] as const;
export const BACKEND_INDEX_ACTIONS = ['dynamodb:Query'] as const;

/** Liveness probe run inside the container with the image's own node: the image needs no curl. */
const HEALTH_PROBE = `fetch('http://127.0.0.1:${BACKEND_PORT}/ishealthy').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`;

/** The todo API: its table, its Fargate service and its Cloud Map name `backend.<env>.todo.local`. */
export class BackendStack extends Stack {
  public readonly service: ReleasedFargateService;
  public readonly table: TodoTable;

  constructor(scope: Construct, id: string, props: BackendStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.table = new TodoTable(this, 'Todos', { tableName: names.table(config.name), destroyData: config.destroyData });
    const table = this.table.table;

    const taskRole = new iam.Role(this, 'TaskRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: `${config.name} backend: its own table only`,
    });
    taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: [...BACKEND_TABLE_ACTIONS], resources: [table.tableArn] }),
    );
    taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [...BACKEND_INDEX_ACTIONS],
        resources: [`${table.tableArn}/index/${this.table.creationIndexName}`],
      }),
    );

    this.service = new ReleasedFargateService(this, 'Backend', {
      config,
      service: 'backend',
      cluster: props.cluster,
      containerPort: BACKEND_PORT,
      // The `node` user of the official Node.js images.
      user: '1000:1000',
      taskRole,
      environment: {
        PORT: String(BACKEND_PORT),
        HOST: '0.0.0.0',
        TODOTABLE_NAME: table.tableName,
        NODE_ENV: 'production',
        // On SIGTERM keep serving while Cloud Map (TTL 10 s) and nginx (valid=5s) forget this task,
        // then let requests in flight finish: 15 s + 10 s stays inside ECS's 30 s stop timeout.
        SHUTDOWN_DRAIN_DELAY_MS: '15000',
        SHUTDOWN_TIMEOUT_MS: '10000',
      },
      writablePaths: ['/tmp'],
      healthCheck: {
        command: ['CMD', 'node', '-e', HEALTH_PROBE],
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(20),
      },
      cloudMapOptions: {
        name: 'backend',
        cloudMapNamespace: props.namespace,
        dnsRecordType: servicediscovery.DnsRecordType.A,
        // nginx re-resolves this name; a short TTL keeps it on live tasks after a deploy.
        dnsTtl: Duration.seconds(10),
      },
    });
    this.service.securityGroup.addIngressRule(
      props.frontendSecurityGroup,
      ec2.Port.tcp(BACKEND_PORT),
      'frontend nginx to the backend API',
    );
  }
}

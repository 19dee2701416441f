import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { apiMetrics } from '@todo/api-metrics';
import { Construct } from 'constructs';
import type { AlarmThresholds } from '../config/environment-config';
import { type EnvironmentName, names, type ServiceName } from '@todo/service-registry';

export interface ServiceAlarmsProps {
  readonly environment: EnvironmentName;
  readonly service: ServiceName;
  readonly thresholds: AlarmThresholds;
  /** Where every alarm and its recovery are sent. */
  readonly topic: sns.ITopic;
  /**
   * The ECS service, by its cluster and service names: plain names, not the service's tokens, so
   * the service can depend on these alarms (its deployment alarms) without a cycle.
   */
  readonly ecs: { readonly clusterName: string; readonly serviceName: string };
  /** The public load balancer in front of the service: its 5xx rate and its targets' p99. */
  readonly loadBalancer?: elbv2.IApplicationLoadBalancer;
  /** Whether the service writes the API metrics of `@todo/api-metrics`: its own 5xx rate and p99. */
  readonly writesApiMetrics?: boolean;
  /** The service's table, and the operations it calls (an alarm's expression takes at most 10 metrics). */
  readonly table?: { readonly table: dynamodb.ITable; readonly operations: dynamodb.Operation[] };
}

const MINUTE = Duration.minutes(1);

/**
 * One service's alarms in one environment, every one notifying the environment's topic.
 * `deploymentAlarms` are those a release can cause (errors, latency): ECS watches them during a
 * deployment and its bake time and rolls back when one fires.
 */
export class ServiceAlarms extends Construct {
  public readonly alarms: cloudwatch.Alarm[] = [];
  public readonly deploymentAlarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, private readonly props: ServiceAlarmsProps) {
    super(scope, id);
    const { thresholds } = props;
    const periods = thresholds.evaluationMinutes;

    this.add('tasks-below-desired', {
      description: `Fewer ${props.service} tasks run than desired for ${thresholds.tasksBelowDesiredMinutes} minutes`,
      metric: new cloudwatch.MathExpression({
        label: 'desired - running tasks',
        expression: 'desired - running',
        usingMetrics: { desired: this.taskCount('DesiredTaskCount'), running: this.taskCount('RunningTaskCount') },
        period: MINUTE,
      }),
      threshold: 0,
      evaluationPeriods: thresholds.tasksBelowDesiredMinutes,
    });

    if (props.loadBalancer) {
      const lb = props.loadBalancer.metrics;
      const sum = { period: MINUTE, statistic: cloudwatch.Stats.SUM };
      this.add('load-balancer-5xx-rate', {
        description: `Over ${thresholds.serverErrorPercent}% of the load balancer's answers are 5xx (its own and its targets')`,
        metric: new cloudwatch.MathExpression({
          label: '5xx %',
          expression: '100 * (FILL(elb, 0) + FILL(target, 0)) / requests',
          usingMetrics: {
            elb: lb.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, sum),
            target: lb.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, sum),
            requests: lb.requestCount(sum),
          },
          period: MINUTE,
        }),
        threshold: thresholds.serverErrorPercent,
        evaluationPeriods: periods,
        deployment: true,
      });
      this.add('target-p99', {
        description: `The load balancer's targets answer slower than ${thresholds.latencyP99Ms} ms at p99`,
        metric: lb.targetResponseTime({ period: MINUTE, statistic: cloudwatch.Stats.percentile(99) }),
        threshold: thresholds.latencyP99Ms / 1000,
        evaluationPeriods: periods,
        deployment: true,
      });
    }

    if (props.writesApiMetrics) {
      this.add('5xx-rate', {
        description: `Over ${thresholds.serverErrorPercent}% of the ${props.service}'s own answers are 5xx`,
        metric: new cloudwatch.MathExpression({
          label: '5xx %',
          expression: '100 * errors / requests',
          usingMetrics: {
            errors: this.apiMetric(apiMetrics.names.serverErrors, cloudwatch.Stats.SUM),
            requests: this.apiMetric(apiMetrics.names.requests, cloudwatch.Stats.SUM),
          },
          period: MINUTE,
        }),
        threshold: thresholds.serverErrorPercent,
        evaluationPeriods: periods,
        deployment: true,
      });
      this.add('latency-p99', {
        description: `The ${props.service} answers slower than ${thresholds.latencyP99Ms} ms at p99`,
        metric: this.apiMetric(apiMetrics.names.latency, cloudwatch.Stats.percentile(99)),
        threshold: thresholds.latencyP99Ms,
        evaluationPeriods: periods,
        deployment: true,
      });
    }

    if (props.table) {
      this.add('table-throttles', {
        description: `The ${props.service}'s table throttled requests`,
        metric: props.table.table.metricThrottledRequestsForOperations({ operations: props.table.operations, period: MINUTE }),
        threshold: 0,
        evaluationPeriods: periods,
      });
      this.add('table-system-errors', {
        description: `DynamoDB answered the ${props.service}'s table with system errors`,
        metric: props.table.table.metricSystemErrorsForOperations({ operations: props.table.operations, period: MINUTE }),
        threshold: 0,
        evaluationPeriods: periods,
      });
    }
  }

  /** Every alarm's name: plain strings, so other stacks can show the alarms without cross-stack references. */
  public get alarmNames(): string[] {
    return this.alarms.map((alarm) => this.nameOf(alarm));
  }

  /** The names of the alarms a release can cause, for `enableDeploymentAlarms`. */
  public get deploymentAlarmNames(): string[] {
    return this.deploymentAlarms.map((alarm) => this.nameOf(alarm));
  }

  private nameOf(alarm: cloudwatch.Alarm): string {
    return names.alarm(this.props.environment, this.props.service, alarm.node.id);
  }

  private add(
    what: string,
    options: { description: string; metric: cloudwatch.IMetric; threshold: number; evaluationPeriods: number; deployment?: boolean },
  ): void {
    const alarm = new cloudwatch.Alarm(this, what, {
      alarmName: names.alarm(this.props.environment, this.props.service, what),
      alarmDescription: options.description,
      metric: options.metric,
      threshold: options.threshold,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: options.evaluationPeriods,
      datapointsToAlarm: options.evaluationPeriods,
      // No traffic, no tasks yet: nothing is wrong.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const notify = new actions.SnsAction(this.props.topic);
    alarm.addAlarmAction(notify);
    alarm.addOkAction(notify);
    this.alarms.push(alarm);
    if (options.deployment) this.deploymentAlarms.push(alarm);
  }

  private taskCount(metricName: string): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'ECS/ContainerInsights',
      metricName,
      dimensionsMap: { ClusterName: this.props.ecs.clusterName, ServiceName: this.props.ecs.serviceName },
      statistic: cloudwatch.Stats.AVERAGE,
      period: MINUTE,
    });
  }

  private apiMetric(metricName: string, statistic: string): cloudwatch.Metric {
    const { dimensions } = apiMetrics;
    return new cloudwatch.Metric({
      namespace: apiMetrics.namespace,
      metricName,
      dimensionsMap: { [dimensions.service]: this.props.service, [dimensions.environment]: this.props.environment },
      statistic,
      period: MINUTE,
    });
  }
}

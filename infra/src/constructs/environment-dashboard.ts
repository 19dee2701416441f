import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { apiMetrics } from '@todo/api-metrics';
import { Construct } from 'constructs';
import { type EnvironmentName, names } from '@todo/service-registry';

export interface EnvironmentDashboardProps {
  readonly environment: EnvironmentName;
  /**
   * Every service's alarms, by name (`ServiceAlarms.alarmNames`): the dashboard shows their states
   * and their graphs. Names, not the alarms themselves, so the services' stacks export nothing to it.
   */
  readonly alarmNames: readonly string[];
}

/** One CloudWatch dashboard per environment: alarm states, each alarm's metric, and the API per route. */
export class EnvironmentDashboard extends Construct {
  public readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: EnvironmentDashboardProps) {
    super(scope, id);
    const alarms = props.alarmNames.map((name) => cloudwatch.Alarm.fromAlarmName(this, name, name));
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: names.dashboard(props.environment) });
    this.dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms, width: 24 }));
    this.dashboard.addWidgets(
      ...alarms.map((alarm) => new cloudwatch.AlarmWidget({ title: alarm.alarmName, alarm, width: 8, height: 6 })),
    );
    this.dashboard.addWidgets(
      this.perRoute(props.environment, 'Requests per route', apiMetrics.names.requests, 'Sum'),
      this.perRoute(props.environment, '5xx per route', apiMetrics.names.serverErrors, 'Sum'),
      this.perRoute(props.environment, 'Latency p99 per route (ms)', apiMetrics.names.latency, 'p99'),
    );
  }

  /** Every route the API metrics name, found by a search expression: routes are data, not code. */
  private perRoute(environment: EnvironmentName, title: string, metricName: string, statistic: string): cloudwatch.GraphWidget {
    const { namespace, dimensions } = apiMetrics;
    const schema = `{${namespace},${dimensions.service},${dimensions.environment},${dimensions.route}}`;
    return new cloudwatch.GraphWidget({
      title,
      width: 8,
      left: [
        new cloudwatch.MathExpression({
          expression: `SEARCH('${schema} ${dimensions.environment}="${environment}" MetricName="${metricName}"', '${statistic}', 60)`,
          label: '',
        }),
      ],
    });
  }
}

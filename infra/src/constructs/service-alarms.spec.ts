import { Match } from 'aws-cdk-lib/assertions';
import { loadConfig } from '../config/load-config';
import { synthTodoApp, type SynthesizedTodoApp } from '../testing/synth-todo-app';
import { type EnvironmentName, environmentNames } from '@todo/service-registry';

// Production gets an alarm email here, development none: one synth covers both topic shapes.
const EMAIL = 'oncall@example.com';
let synthesized: SynthesizedTodoApp;
beforeAll(() => {
  synthesized = synthTodoApp(loadConfig((key) => (key === 'productionAlarmEmail' ? EMAIL : undefined)));
});
afterAll(() => synthesized.dispose());

type Alarm = { Properties: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- template JSON
const stacksOf = (env: EnvironmentName) => synthesized.stacks.environments[env];
const alarmsIn = (env: EnvironmentName, service: 'frontend' | 'backend'): Record<string, Alarm> => {
  const resources = synthesized.template(stacksOf(env).services[service]!).findResources('AWS::CloudWatch::Alarm');
  return Object.fromEntries(Object.values(resources).map((alarm) => [alarm.Properties.AlarmName as string, alarm as Alarm]));
};
const topicImport = (env: EnvironmentName) => ({ 'Fn::ImportValue': expect.stringMatching(`^todo-${env}-environment:ExportsOutputRefAlarmsTopic`) });
const metricIds = (alarm: Alarm) => (alarm.Properties.Metrics as { Id: string }[]).map((m) => m.Id).sort();

describe.each(environmentNames)('the %s alarms', (env) => {
  const thresholds = () => synthesized.config.environments[env].alarms;

  it('names every alarm todo-<env>-<service>-<what>: the frontend 3, the backend 5', () => {
    expect(Object.keys(alarmsIn(env, 'frontend')).sort()).toEqual(
      ['load-balancer-5xx-rate', 'target-p99', 'tasks-below-desired'].map((what) => `todo-${env}-frontend-${what}`),
    );
    expect(Object.keys(alarmsIn(env, 'backend')).sort()).toEqual(
      ['5xx-rate', 'latency-p99', 'table-system-errors', 'table-throttles', 'tasks-below-desired'].map((what) => `todo-${env}-backend-${what}`),
    );
  });

  it('notifies the environment topic on alarm and on recovery, and treats no data as fine', () => {
    for (const alarm of [...Object.values(alarmsIn(env, 'frontend')), ...Object.values(alarmsIn(env, 'backend'))]) {
      expect(alarm.Properties).toMatchObject({
        AlarmActions: [topicImport(env)],
        OKActions: [topicImport(env)],
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
      });
      expect(alarm.Properties['DatapointsToAlarm']).toBe(alarm.Properties['EvaluationPeriods']);
    }
  });

  it("alarms on the load balancer's 5xx rate, its own and its targets', over the configured percent", () => {
    const alarm = alarmsIn(env, 'frontend')[`todo-${env}-frontend-load-balancer-5xx-rate`]!;
    expect(alarm.Properties).toMatchObject({ Threshold: thresholds().serverErrorPercent, EvaluationPeriods: thresholds().evaluationMinutes });
    expect(metricIds(alarm)).toEqual(['elb', 'expr_1', 'requests', 'target']);
    const names = (alarm.Properties.Metrics as { MetricStat?: { Metric: { MetricName: string; Namespace: string } } }[])
      .flatMap((m) => (m.MetricStat ? [`${m.MetricStat.Metric.Namespace}/${m.MetricStat.Metric.MetricName}`] : []))
      .sort();
    expect(names).toEqual(['AWS/ApplicationELB/HTTPCode_ELB_5XX_Count', 'AWS/ApplicationELB/HTTPCode_Target_5XX_Count', 'AWS/ApplicationELB/RequestCount']);
  });

  it("alarms on the targets' p99 response time, in seconds", () => {
    expect(alarmsIn(env, 'frontend')[`todo-${env}-frontend-target-p99`]!.Properties).toMatchObject({
      Namespace: 'AWS/ApplicationELB',
      MetricName: 'TargetResponseTime',
      ExtendedStatistic: 'p99',
      Period: 60,
      Threshold: thresholds().latencyP99Ms / 1000,
    });
  });

  it("alarms on the backend's own 5xx rate and p99 latency, from the metrics it writes", () => {
    const alarms = alarmsIn(env, 'backend');
    const rate = alarms[`todo-${env}-backend-5xx-rate`]!;
    expect(rate.Properties).toMatchObject({ Threshold: thresholds().serverErrorPercent });
    expect(rate.Properties.Metrics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Expression: '100 * errors / requests' }),
        expect.objectContaining({
          Id: 'errors',
          MetricStat: expect.objectContaining({
            Metric: { Namespace: 'todo', MetricName: '5xx', Dimensions: [{ Name: 'Environment', Value: env }, { Name: 'Service', Value: 'backend' }] },
            Stat: 'Sum',
          }),
        }),
      ]),
    );
    expect(alarms[`todo-${env}-backend-latency-p99`]!.Properties).toMatchObject({
      Namespace: 'todo',
      MetricName: 'Latency',
      ExtendedStatistic: 'p99',
      Threshold: thresholds().latencyP99Ms,
      Dimensions: [{ Name: 'Environment', Value: env }, { Name: 'Service', Value: 'backend' }],
    });
  });

  it("alarms on any throttled request or system error of the backend's table, across the operations it calls", () => {
    const alarms = alarmsIn(env, 'backend');
    for (const [what, metric] of [['table-throttles', 'ThrottledRequests'], ['table-system-errors', 'SystemErrors']] as const) {
      const alarm = alarms[`todo-${env}-backend-${what}`]!;
      expect(alarm.Properties.Threshold).toBe(0);
      const operations = (alarm.Properties.Metrics as { MetricStat?: { Metric: { MetricName: string; Dimensions: { Name: string; Value: unknown }[] } } }[])
        .flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric] : []))
        .map((m) => {
          expect(m.MetricName).toBe(metric);
          return m.Dimensions.find((d) => d.Name === 'Operation')!.Value;
        })
        .sort();
      expect(operations).toEqual(['BatchWriteItem', 'DeleteItem', 'GetItem', 'PutItem', 'Query', 'Scan', 'UpdateItem']);
    }
  });

  it('alarms when fewer tasks run than desired, per service, from Container Insights', () => {
    for (const service of ['frontend', 'backend'] as const) {
      const alarm = alarmsIn(env, service)[`todo-${env}-${service}-tasks-below-desired`]!;
      expect(alarm.Properties).toMatchObject({ Threshold: 0, EvaluationPeriods: thresholds().tasksBelowDesiredMinutes });
      expect(alarm.Properties.Metrics).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ Expression: 'desired - running' }),
          expect.objectContaining({
            Id: 'running',
            MetricStat: expect.objectContaining({
              Metric: {
                Namespace: 'ECS/ContainerInsights',
                MetricName: 'RunningTaskCount',
                Dimensions: [{ Name: 'ClusterName', Value: `todo-${env}` }, { Name: 'ServiceName', Value: service }],
              },
            }),
          }),
        ]),
      );
    }
  });

  it('has one alarm topic, encrypted with a rotated key CloudWatch may use, email-subscribed only where configured', () => {
    const template = synthesized.template(stacksOf(env).environment);
    template.hasResourceProperties('AWS::SNS::Topic', { TopicName: `todo-${env}-alarms`, KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
        ]),
      }),
    });
    const subscriptions = Object.values(template.findResources('AWS::SNS::Subscription')).map((s) => s.Properties);
    expect(subscriptions).toEqual(env === 'production' ? [expect.objectContaining({ Protocol: 'email', Endpoint: EMAIL })] : []);
  });

  it('shows every alarm, and the API per route, on the todo-<env> dashboard', () => {
    const template = synthesized.template(stacksOf(env).environment);
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    expect(dashboard!.Properties.DashboardName).toBe(`todo-${env}`);
    const body = JSON.stringify(dashboard!.Properties.DashboardBody);
    for (const name of [...Object.keys(alarmsIn(env, 'frontend')), ...Object.keys(alarmsIn(env, 'backend'))]) {
      expect(body).toContain(`:alarm:${name}`);
    }
    for (const metric of ['Requests', '5xx', 'Latency']) {
      expect(body).toContain(`SEARCH('{todo,Service,Environment,Route} Environment=\\\\\\"${env}\\\\\\" MetricName=\\\\\\"${metric}\\\\\\"'`);
    }
  });
});

it('uses the committed thresholds: 1% and 1 s in production, 5% and 2 s in development, three minutes each', () => {
  const { development, production } = synthesized.config.environments;
  expect(production.alarms).toEqual({ serverErrorPercent: 1, latencyP99Ms: 1000, evaluationMinutes: 3, tasksBelowDesiredMinutes: 5 });
  expect(development.alarms).toEqual({ serverErrorPercent: 5, latencyP99Ms: 2000, evaluationMinutes: 3, tasksBelowDesiredMinutes: 10 });
});

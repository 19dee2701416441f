import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { defaultConfig } from './defaults';
import { environmentNames, type EnvironmentName } from '@todo/service-registry';
import type { EnvironmentConfig, TodoConfig } from './environment-config';

/**
 * Reads one override: CDK context (`cdk synth -c account=123456789012`) first, then the environment
 * variable `TODO_<KEY>` in upper snake case (`TODO_ACCOUNT`, `TODO_PRODUCTION_CERTIFICATE_ARN`).
 */
export type OverrideReader = (key: string) => string | undefined;

export function overrideReader(context: (key: string) => unknown, env: NodeJS.ProcessEnv): OverrideReader {
  return (key) => {
    const fromContext = context(key);
    if (typeof fromContext === 'string' && fromContext !== '') return fromContext;
    const envName = `TODO_${key.replace(/([A-Z])/g, '_$1').toUpperCase()}`;
    return env[envName] || undefined;
  };
}

/**
 * The committed defaults with overrides applied, validated.
 * Keys: `account` and `region` (everything), `<environment>Account`, `<environment>Region`,
 * `<environment>CertificateArn`, `<environment>AlarmEmail`.
 */
export function loadConfig(read: OverrideReader, base: TodoConfig = defaultConfig): TodoConfig {
  const account = read('account');
  const region = read('region');
  const environment = (name: EnvironmentName): EnvironmentConfig => {
    const env = base.environments[name];
    const certificateArn = read(`${name}CertificateArn`) ?? env.certificateArn;
    const alarmEmail = read(`${name}AlarmEmail`) ?? env.alarmEmail;
    return {
      ...env,
      account: read(`${name}Account`) ?? account ?? env.account,
      region: read(`${name}Region`) ?? region ?? env.region,
      ...(certificateArn ? { certificateArn } : {}),
      ...(alarmEmail ? { alarmEmail } : {}),
    };
  };
  const config: TodoConfig = {
    ...base,
    environments: { development: environment('development'), production: environment('production') },
    delivery: { ...base.delivery, account: account ?? base.delivery.account, region: region ?? base.delivery.region },
  };
  validateConfig(config);
  return config;
}

/** Throws on a configuration that would deploy something broken or unsafe. */
export function validateConfig(config: TodoConfig): void {
  const problems: string[] = [];
  const accountPattern = /^\d{12}$/;
  if (!accountPattern.test(config.delivery.account)) problems.push(`delivery account "${config.delivery.account}" is not 12 digits`);
  for (const name of environmentNames) {
    const env = config.environments[name];
    if (!accountPattern.test(env.account)) problems.push(`${name}: account "${env.account}" is not 12 digits`);
    // The pipelines deploy by updating the service stacks in place: same account and region, no cross-account roles.
    if (env.account !== config.delivery.account || env.region !== config.delivery.region) {
      problems.push(`${name}: must share the pipelines' account and region (${config.delivery.account}/${config.delivery.region})`);
    }
    // Tasks in private subnets reach ECR, DynamoDB and CloudWatch Logs through NAT.
    if (env.natGateways < 1 || env.natGateways > 2) problems.push(`${name}: natGateways must be 1 or 2 (two zones)`);
    if (name === 'production' && env.destroyData) problems.push('production: destroyData must be false');
    if (!Object.values(RetentionDays).includes(env.logRetentionDays)) {
      problems.push(`${name}: logRetentionDays ${env.logRetentionDays} is not a CloudWatch Logs retention period`);
    }
    if (env.alarmEmail !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(env.alarmEmail)) {
      problems.push(`${name}: alarmEmail "${env.alarmEmail}" is not an email address`);
    }
    const { alarms, siteRollout } = env;
    if (!(alarms.serverErrorPercent > 0 && alarms.serverErrorPercent <= 100)) problems.push(`${name}: alarms.serverErrorPercent must be in (0, 100]`);
    if (!(alarms.latencyP99Ms > 0)) problems.push(`${name}: alarms.latencyP99Ms must be positive`);
    if (!(Number.isInteger(alarms.evaluationMinutes) && alarms.evaluationMinutes >= 1)) problems.push(`${name}: alarms.evaluationMinutes must be a whole number >= 1`);
    if (!(Number.isInteger(alarms.tasksBelowDesiredMinutes) && alarms.tasksBelowDesiredMinutes >= 1)) {
      problems.push(`${name}: alarms.tasksBelowDesiredMinutes must be a whole number >= 1`);
    }
    // ECS's canary limits: 0.1..100 percent, 0..1440 minutes.
    if (!(siteRollout.canaryPercent >= 0.1 && siteRollout.canaryPercent <= 100)) {
      problems.push(`${name}: siteRollout.canaryPercent must be from 0.1 to 100`);
    }
    for (const key of ['canaryMinutes', 'bakeMinutes'] as const) {
      const minutes = siteRollout[key];
      if (!(Number.isInteger(minutes) && minutes >= 0 && minutes <= 1440)) problems.push(`${name}: siteRollout.${key} must be a whole number from 0 to 1440`);
    }
    for (const service of config.services) {
      const s = service.sizing[name];
      if (!(s.minCount >= 1 && s.minCount <= s.desiredCount && s.desiredCount <= s.maxCount)) {
        problems.push(`${name}/${service.name}: need 1 <= minCount <= desiredCount <= maxCount`);
      }
    }
  }
  if (problems.length > 0) throw new Error(`Invalid infra configuration:\n- ${problems.join('\n- ')}`);
}

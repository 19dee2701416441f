import { defaultConfig, PLACEHOLDER_ACCOUNT } from './defaults';
import { loadConfig, overrideReader } from './load-config';

const none = () => undefined;

describe('loadConfig', () => {
  it('keeps the committed defaults without overrides: placeholder account, data kept in production', () => {
    const config = loadConfig(none);
    expect(config).toEqual(defaultConfig);
    expect(config.environments.development.account).toBe(PLACEHOLDER_ACCOUNT);
    expect(config.environments.production.destroyData).toBe(false);
    expect(config.environments.production.certificateArn).toBeUndefined();
  });

  it('applies an account and region to both environments and the pipelines', () => {
    const values: Record<string, string> = { account: '123456789012', region: 'us-east-2' };
    const config = loadConfig((key) => values[key]);
    for (const target of [config.environments.development, config.environments.production, config.delivery]) {
      expect(target).toMatchObject({ account: '123456789012', region: 'us-east-2' });
    }
  });

  it('reads CDK context first, then TODO_* environment variables', () => {
    const context: Record<string, string> = { account: '123456789012' };
    const read = overrideReader((key) => context[key], {
      TODO_ACCOUNT: '999999999999',
      TODO_PRODUCTION_CERTIFICATE_ARN: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc',
    });
    expect(read('account')).toBe('123456789012');
    expect(read('productionCertificateArn')).toBe('arn:aws:acm:eu-west-1:123456789012:certificate/abc');
    expect(read('developmentCertificateArn')).toBeUndefined();
  });

  it('subscribes an alarm email for one environment only, and refuses one that is not an address', () => {
    const config = loadConfig((key) => (key === 'developmentAlarmEmail' ? 'dev-team@example.com' : undefined));
    expect(config.environments.development.alarmEmail).toBe('dev-team@example.com');
    expect(config.environments.production.alarmEmail).toBeUndefined();
    expect(() => loadConfig((key) => (key === 'productionAlarmEmail' ? 'oncall' : undefined))).toThrow(
      'production: alarmEmail "oncall" is not an email address',
    );
  });

  it('refuses alarm thresholds and a site rollout that ECS or CloudWatch could not use', () => {
    const development = defaultConfig.environments.development;
    const broken = {
      ...defaultConfig,
      environments: {
        ...defaultConfig.environments,
        development: {
          ...development,
          alarms: { ...development.alarms, serverErrorPercent: 0, evaluationMinutes: 1.5 },
          siteRollout: { canaryPercent: 0, canaryMinutes: 2000, bakeMinutes: -1 },
        },
      },
    };
    expect(() => loadConfig(none, broken)).toThrow(
      /serverErrorPercent must be in \(0, 100\][\s\S]*evaluationMinutes must be a whole number[\s\S]*canaryPercent must be from 0.1 to 100[\s\S]*canaryMinutes must be a whole number from 0 to 1440[\s\S]*bakeMinutes must be/,
    );
  });

  it('sets a certificate for one environment only', () => {
    const config = loadConfig((key) => (key === 'productionCertificateArn' ? 'arn:cert' : undefined));
    expect(config.environments.production.certificateArn).toBe('arn:cert');
    expect(config.environments.development.certificateArn).toBeUndefined();
  });

  it.each([
    ['an account that is not 12 digits', { account: '1234' }, /not 12 digits/],
    ['environments in another account than the pipelines', { productionAccount: '222222222222' }, /must share the pipelines' account/],
  ])('rejects %s', (_, values: Record<string, string>, message) => {
    expect(() => loadConfig((key) => values[key])).toThrow(message);
  });

  it('rejects destroyable production data, missing NAT and inverted scaling bounds', () => {
    const production = defaultConfig.environments.production;
    const broken = {
      ...defaultConfig,
      environments: {
        ...defaultConfig.environments,
        production: {
          ...production,
          destroyData: true,
          natGateways: 0,
          logRetentionDays: 42,
        },
      },
      services: defaultConfig.services.map((s) =>
        s.name === 'backend' ? { ...s, sizing: { ...s.sizing, production: { ...s.sizing.production, minCount: 5, maxCount: 3 } } } : s,
      ),
    };
    expect(() => loadConfig(none, broken)).toThrow(
      /production: natGateways must be 1 or 2[\s\S]*production: destroyData must be false[\s\S]*production: logRetentionDays 42[\s\S]*production\/backend: need 1 <= minCount/,
    );
  });
});

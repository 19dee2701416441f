import type { TodoConfig } from './environment-config';
import { serviceRegistry } from '@todo/service-registry';

/**
 * Placeholder account: synth works offline with it (its availability zones are in cdk.context.json).
 * Real accounts come from the environment or CDK context, see `load-config.ts`.
 */
export const PLACEHOLDER_ACCOUNT = '111111111111';
export const DEFAULT_REGION = 'eu-west-1';

/** The committed configuration: one account and region for both environments and the pipelines, the committed services. */
export const defaultConfig: TodoConfig = {
  app: 'todo',
  environments: {
    development: {
      name: 'development',
      account: PLACEHOLDER_ACCOUNT,
      region: DEFAULT_REGION,
      natGateways: 1,
      destroyData: true,
      logRetentionDays: 14,
      alarms: { serverErrorPercent: 5, latencyP99Ms: 2000, evaluationMinutes: 3, tasksBelowDesiredMinutes: 10 },
      siteRollout: { canaryPercent: 20, canaryMinutes: 3, bakeMinutes: 3 },
    },
    production: {
      name: 'production',
      account: PLACEHOLDER_ACCOUNT,
      region: DEFAULT_REGION,
      natGateways: 2,
      destroyData: false,
      logRetentionDays: 90,
      alarms: { serverErrorPercent: 1, latencyP99Ms: 1000, evaluationMinutes: 3, tasksBelowDesiredMinutes: 5 },
      siteRollout: { canaryPercent: 10, canaryMinutes: 10, bakeMinutes: 10 },
    },
  },
  delivery: { account: PLACEHOLDER_ACCOUNT, region: DEFAULT_REGION, imagesKept: 30 },
  services: serviceRegistry,
};

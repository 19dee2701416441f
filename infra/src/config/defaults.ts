import type { ServiceSizing, TodoConfig } from './environment-config';

/**
 * Placeholder account: synth works offline with it (its availability zones are in cdk.context.json).
 * Real accounts come from the environment or CDK context, see `load-config.ts`.
 */
export const PLACEHOLDER_ACCOUNT = '111111111111';
export const DEFAULT_REGION = 'eu-west-1';

const small: ServiceSizing = { cpu: 256, memoryMiB: 512, desiredCount: 1, minCount: 1, maxCount: 2, targetCpuPercent: 70 };

/** The committed configuration: one account and region for both environments and the pipelines. */
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
      services: { frontend: small, backend: small },
    },
    production: {
      name: 'production',
      account: PLACEHOLDER_ACCOUNT,
      region: DEFAULT_REGION,
      natGateways: 2,
      destroyData: false,
      logRetentionDays: 90,
      services: {
        frontend: { cpu: 256, memoryMiB: 512, desiredCount: 2, minCount: 2, maxCount: 6, targetCpuPercent: 60 },
        backend: { cpu: 512, memoryMiB: 1024, desiredCount: 2, minCount: 2, maxCount: 8, targetCpuPercent: 60 },
      },
    },
  },
  delivery: { account: PLACEHOLDER_ACCOUNT, region: DEFAULT_REGION, imagesKept: 30 },
};

/** The environments this app deploys, in promotion order. */
export const environmentNames = ['development', 'production'] as const;
export type EnvironmentName = (typeof environmentNames)[number];

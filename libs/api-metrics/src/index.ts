export * from './api-metrics';

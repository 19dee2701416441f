export { RouteMetrics, type RouteMetricsOptions } from './route-metrics';
export { default as routeMetricsPlugin, type RouteMetricsPluginOptions } from './route-metrics-plugin';
export { metricLinesDuring, type MetricLine } from './metric-lines';

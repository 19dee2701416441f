/** One embedded-metric-format line: the `_aws` directive, then each dimension and metric by name. */
export interface MetricLine {
  _aws: { Timestamp: number; CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
  [key: string]: unknown;
}

/**
 * The metric lines written to stdout (where `RouteMetrics` writes them) while `run` runs, by their
 * `Route`: for specs of the services that register the plugin. Stdout is captured, not printed.
 */
export async function metricLinesDuring(run: () => Promise<void>): Promise<Map<string, MetricLine>> {
  const lines: string[] = [];
  const log = console.log;
  console.log = (line: unknown) => void lines.push(String(line));
  try {
    await run();
  } finally {
    console.log = log;
  }
  const parsed = lines.map((line) => JSON.parse(line) as MetricLine);
  return new Map(parsed.map((line) => [line['Route'] as string, line]));
}

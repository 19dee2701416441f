import { apiMetrics } from '@todo/api-metrics';
// The modules themselves, not the package's index: loading the index starts its environment
// detection, which probes the EC2 instance metadata address (169.254.169.254) in every process
// that merely imports it. This class supplies its own environment and never needs that.
import type { IEnvironment } from 'aws-embedded-metrics/lib/environment/IEnvironment';
import { MetricsLogger } from 'aws-embedded-metrics/lib/logger/MetricsLogger';
import { StorageResolution } from 'aws-embedded-metrics/lib/logger/StorageResolution';
import { Unit } from 'aws-embedded-metrics/lib/logger/Unit';
import { LogSerializer } from 'aws-embedded-metrics/lib/serializers/LogSerializer';
import { ConsoleSink } from 'aws-embedded-metrics/lib/sinks/ConsoleSink';
import type { ISink } from 'aws-embedded-metrics/lib/sinks/Sink';

const { names, dimensions } = apiMetrics;

export interface RouteMetricsOptions {
  /** The `Service` dimension. */
  service: string;
  /** The `Environment` dimension (`development`, `production`, `local`). */
  environment: string;
  /**
   * Where the lines go: a service that writes its logs to stdout through a writer of its own (in
   * batches) passes that writer, so log and metric lines never interleave inside one write.
   * @default stdout, through `console.log`
   */
  output?: { write(text: string): unknown };
}

/** Writes each metric line to `output`, whole. */
function lineSink(output: NonNullable<RouteMetricsOptions['output']>): ISink {
  const serializer = new LogSerializer();
  return {
    name: 'LineSink',
    accept: async (context) => {
      for (const line of serializer.serialize(context)) output.write(`${line}\n`);
    },
  };
}

/**
 * Per-route request counts, 4xx, 5xx and latency in CloudWatch embedded metric format.
 *
 * Lines go to stdout, where the awslogs driver takes them to CloudWatch Logs, which extracts the
 * metrics: no agent, no sidecar. Each request only appends values in memory; `flush` writes one
 * line per route seen since the last flush (the library packs up to 100 values per metric and line).
 */
export class RouteMetrics {
  private readonly loggers = new Map<string, { logger: MetricsLogger; pending: number }>();
  // Our own environment: the library's detection would pick the agent sink on ECS, and there is no agent.
  private readonly environment: IEnvironment;

  constructor(private readonly options: RouteMetricsOptions) {
    const sink = options.output ? lineSink(options.output) : new ConsoleSink();
    this.environment = {
      probe: async () => true,
      getName: () => options.service,
      getType: () => 'ECS',
      getLogGroupName: () => '',
      configureContext: () => undefined,
      getSink: () => sink,
    };
  }

  /** Records one answered request. `route` is the route's pattern (`GET /api/todos/:id`), never the raw path. */
  record(route: string, statusCode: number, latencyMs: number): void {
    const entry = this.loggerFor(route);
    entry.pending += 1;
    entry.logger
      .putMetric(names.requests, 1, Unit.Count, StorageResolution.Standard)
      .putMetric(names.clientErrors, statusCode >= 400 && statusCode < 500 ? 1 : 0, Unit.Count)
      .putMetric(names.serverErrors, statusCode >= 500 ? 1 : 0, Unit.Count)
      .putMetric(names.latency, latencyMs, Unit.Milliseconds);
  }

  /** Writes what was recorded since the last flush. */
  async flush(): Promise<void> {
    const due = [...this.loggers.values()].filter((entry) => entry.pending > 0);
    for (const entry of due) entry.pending = 0;
    await Promise.all(due.map((entry) => entry.logger.flush()));
  }

  private loggerFor(route: string): { logger: MetricsLogger; pending: number } {
    let entry = this.loggers.get(route);
    if (!entry) {
      const logger = new MetricsLogger(async () => this.environment);
      const service = { [dimensions.service]: this.options.service, [dimensions.environment]: this.options.environment };
      // Per service (what the alarms watch) and per route (what the dashboard breaks down).
      logger.setNamespace(apiMetrics.namespace).setDimensions([service, { ...service, [dimensions.route]: route }], false);
      entry = { logger, pending: 0 };
      this.loggers.set(route, entry);
    }
    return entry;
  }
}

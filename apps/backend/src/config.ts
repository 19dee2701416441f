import { defaultClientSettings, type DynamoDbClientSettings } from '@todo/todo-table';

/** The backend's settings, read once from the environment at start-up. */
export interface BackendConfig {
  /** TCP port to listen on (`PORT`). @default 10000 */
  port: number;
  /** Address to bind (`HOST`); a container needs all interfaces. @default '0.0.0.0' */
  host: string;
  /** DynamoDB table holding the todos (`TODOTABLE_NAME`, required). */
  tableName: string;
  /** pino level (`LOG_LEVEL`). @default 'info' */
  logLevel: string;
  /** Fastify `trustProxy` (`TRUST_PROXY`): which peers may set X-Forwarded-For. @default 'loopback,linklocal,uniquelocal' */
  trustProxy: boolean | string;
  /** Requests per client address per minute on `/api` (`RATE_LIMIT_PER_MINUTE`); 0 turns it off. @default 600 */
  rateLimitPerMinute: number;
  /** Event-loop delay in ms above which requests are shed with 503 (`MAX_EVENT_LOOP_DELAY_MS`); 0 turns it off. @default 1000 */
  maxEventLoopDelayMs: number;
  /** Time between SIGTERM and closing the listener, while `/ready` says 503 (`SHUTDOWN_DRAIN_DELAY_MS`). @default 0 */
  drainDelayMs: number;
  /** Longest wait for in-flight requests after closing before exiting anyway (`SHUTDOWN_TIMEOUT_MS`). @default 20000 */
  shutdownTimeoutMs: number;
  /**
   * DynamoDB client timeouts and attempts: `DYNAMODB_CONNECT_TIMEOUT_MS`, `DYNAMODB_REQUEST_TIMEOUT_MS`
   * and the SDK's own `AWS_MAX_ATTEMPTS`; defaults in `@todo/todo-table`'s `defaultClientSettings`.
   */
  dynamoDb: DynamoDbClientSettings;
  /** Per-route metrics in CloudWatch embedded metric format. */
  metrics: MetricsConfig;
}

export interface MetricsConfig {
  /** The `Environment` dimension (`DEPLOY_ENVIRONMENT`): `development` or `production` in AWS. @default 'local' */
  environment: string;
  /** How often metric lines are written (`METRICS_FLUSH_INTERVAL_MS`); 0 turns metrics off. @default 10000 */
  flushIntervalMs: number;
}

/** A setting is missing or malformed; the message is one line meant for the operator. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/** Reads and checks every setting; throws a `ConfigError` naming the first bad variable. */
export function readConfig(env: Env = process.env): BackendConfig {
  const tableName = env['TODOTABLE_NAME']?.trim();
  if (!tableName) throw new ConfigError('TODOTABLE_NAME is required: set it to the name of the DynamoDB todo table');
  return {
    port: integer(env, 'PORT', 10000, 0, 65535),
    host: env['HOST']?.trim() || '0.0.0.0',
    tableName,
    logLevel: logLevel(env),
    trustProxy: trustProxy(env['TRUST_PROXY']),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 600, 0, 1_000_000),
    maxEventLoopDelayMs: integer(env, 'MAX_EVENT_LOOP_DELAY_MS', 1000, 0, 60_000),
    drainDelayMs: integer(env, 'SHUTDOWN_DRAIN_DELAY_MS', 0, 0, 600_000),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 20_000, 0, 600_000),
    dynamoDb: {
      connectTimeoutMs: integer(env, 'DYNAMODB_CONNECT_TIMEOUT_MS', defaultClientSettings.connectTimeoutMs, 1, 60_000),
      requestTimeoutMs: integer(env, 'DYNAMODB_REQUEST_TIMEOUT_MS', defaultClientSettings.requestTimeoutMs, 1, 60_000),
      maxAttempts: integer(env, 'AWS_MAX_ATTEMPTS', defaultClientSettings.maxAttempts, 1, 10),
    },
    metrics: {
      environment: deployEnvironment(env),
      flushIntervalMs: integer(env, 'METRICS_FLUSH_INTERVAL_MS', 10_000, 0, 3_600_000),
    },
  };
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function deployEnvironment(env: Env): string {
  const name = env['DEPLOY_ENVIRONMENT']?.trim() || 'local';
  // A CloudWatch dimension value: keep it a plain name.
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(name)) {
    throw new ConfigError(`DEPLOY_ENVIRONMENT must be a lowercase name like "production", got "${name}"`);
  }
  return name;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function logLevel(env: Env): string {
  const level = env['LOG_LEVEL']?.trim() || 'info';
  if (!LOG_LEVELS.includes(level)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`);
  return level;
}

/**
 * Only a proxy in front of us (nginx on loopback locally, in the VPC's private ranges in AWS) may
 * say who the client is; anyone else could dodge the rate limit with a forged X-Forwarded-For.
 */
function trustProxy(raw: string | undefined): boolean | string {
  const value = raw?.trim();
  if (!value) return 'loopback,linklocal,uniquelocal';
  if (value === 'false' || value === 'none') return false;
  if (value === 'true') return true;
  return value;
}

import { ConfigError, readConfig } from './config';

describe('readConfig', () => {
  it('applies the documented defaults', () => {
    expect(readConfig({ TODOTABLE_NAME: 'todos' })).toEqual({
      port: 10000,
      host: '0.0.0.0',
      tableName: 'todos',
      logLevel: 'info',
      trustProxy: 'loopback,linklocal,uniquelocal',
      rateLimitPerMinute: 600,
      maxEventLoopDelayMs: 1000,
      drainDelayMs: 0,
      shutdownTimeoutMs: 20000,
      dynamoDb: { connectTimeoutMs: 1000, requestTimeoutMs: 2000, maxAttempts: 2 },
      metrics: { environment: 'local', flushIntervalMs: 10000 },
    });
  });

  it('reads every variable', () => {
    const config = readConfig({
      TODOTABLE_NAME: ' todo-dev ',
      PORT: '8081',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      TRUST_PROXY: 'false',
      RATE_LIMIT_PER_MINUTE: '0',
      MAX_EVENT_LOOP_DELAY_MS: '250',
      SHUTDOWN_DRAIN_DELAY_MS: '5000',
      SHUTDOWN_TIMEOUT_MS: '10000',
      DYNAMODB_CONNECT_TIMEOUT_MS: '500',
      DYNAMODB_REQUEST_TIMEOUT_MS: '1500',
      AWS_MAX_ATTEMPTS: '3',
      DEPLOY_ENVIRONMENT: 'production',
      METRICS_FLUSH_INTERVAL_MS: '0',
    });
    expect(config).toMatchObject({
      tableName: 'todo-dev',
      port: 8081,
      host: '127.0.0.1',
      logLevel: 'warn',
      trustProxy: false,
      rateLimitPerMinute: 0,
      maxEventLoopDelayMs: 250,
      drainDelayMs: 5000,
      shutdownTimeoutMs: 10000,
      dynamoDb: { connectTimeoutMs: 500, requestTimeoutMs: 1500, maxAttempts: 3 },
      metrics: { environment: 'production', flushIntervalMs: 0 },
    });
    expect(readConfig({ TODOTABLE_NAME: 't', TRUST_PROXY: '10.0.0.0/16' }).trustProxy).toBe('10.0.0.0/16');
  });

  it.each([
    [{}, 'TODOTABLE_NAME is required'],
    [{ TODOTABLE_NAME: '  ' }, 'TODOTABLE_NAME is required'],
    [{ TODOTABLE_NAME: 't', PORT: '70000' }, 'PORT must be a whole number from 0 to 65535, got "70000"'],
    [{ TODOTABLE_NAME: 't', PORT: '-1' }, 'PORT must be'],
    [{ TODOTABLE_NAME: 't', RATE_LIMIT_PER_MINUTE: '1.5' }, 'RATE_LIMIT_PER_MINUTE must be'],
    [{ TODOTABLE_NAME: 't', AWS_MAX_ATTEMPTS: '0' }, 'AWS_MAX_ATTEMPTS must be'],
    [{ TODOTABLE_NAME: 't', LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
    [{ TODOTABLE_NAME: 't', DEPLOY_ENVIRONMENT: 'Prod uction' }, 'DEPLOY_ENVIRONMENT must be a lowercase name'],
    [{ TODOTABLE_NAME: 't', METRICS_FLUSH_INTERVAL_MS: 'soon' }, 'METRICS_FLUSH_INTERVAL_MS must be'],
  ])('rejects %j naming the variable', (env, message) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(message);
  });
});

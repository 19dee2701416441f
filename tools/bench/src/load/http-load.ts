import autocannon from 'autocannon';
import type { RawLoad } from './load-stats';

/** One kind of request autocannon sends over and over. */
export interface HttpRequestSpec {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Rewrites each request just before it is sent (e.g. which todo, which If-Match). */
  setupRequest?: (request: autocannon.Request, context: Record<string, unknown>) => autocannon.Request;
  /** Sees each response (e.g. to learn a todo's new version). */
  onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>) => void;
}

/** Runs autocannon against `origin` for `durationS` seconds and records every response time. */
export async function runHttpLoad(origin: string, spec: HttpRequestSpec, connections: number, durationS: number): Promise<RawLoad> {
  const latenciesMs: number[] = [];
  let failedStatuses = 0;
  const instance = autocannon({
    url: origin,
    connections,
    pipelining: 1,
    duration: durationS,
    timeout: 10,
    requests: [
      // autocannon takes a key set to undefined as a value: leave absent ones out.
      Object.fromEntries(Object.entries(spec).filter(([, value]) => value !== undefined)) as autocannon.Request,
    ],
    // Without a callback autocannon returns its instance, which is also a promise of the result.
  }) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    latenciesMs.push(responseTime);
    if (statusCode < 200 || statusCode > 299) failedStatuses++;
  });
  const result = await instance;
  return { latenciesMs, errors: result.errors + failedStatuses, durationS: result.duration };
}

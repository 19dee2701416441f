import type { Problem } from './problem.schema';
import { ProblemType } from './problem-types';

/** The API answered with an error; `problem` is its RFC 9457 body. */
export class TodoApiError extends Error {
  override readonly name = 'TodoApiError';

  constructor(
    readonly problem: Problem,
    /** The response's `Retry-After`, in seconds, when it gave one. */
    readonly retryAfterSeconds?: number,
  ) {
    super(problem.detail ?? problem.title);
  }

  get status(): number {
    return this.problem.status;
  }

  get type(): string {
    return this.problem.type;
  }
}

/** The API could not be reached at all (offline, DNS, connection refused, aborted). */
export class TodoNetworkError extends Error {
  override readonly name = 'TodoNetworkError';

  constructor(options: { cause: unknown }) {
    super('The todo service could not be reached', options);
  }
}

/** A problem for an error response that is not problem+json, e.g. a proxy's own error page. */
export function problemFromStatus(status: number, statusText: string): Problem {
  const type = status === 502 || status === 504 ? ProblemType.badGateway : status === 503 ? ProblemType.serviceUnavailable : ProblemType.internal;
  return { type, title: statusText || `HTTP ${status}`, status: status >= 400 && status <= 599 ? status : 500 };
}

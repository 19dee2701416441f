import { ProblemType, type FieldError, type Problem, type ProblemTypeUri } from '@todo/contract';
import type { FastifyError } from 'fastify';
import { ProblemError, validationProblem } from './problem-error';
import { StoreUnavailableError } from './store-unavailable-error';

/** Seconds a client should wait before retrying after the store failed. */
export const STORE_RETRY_AFTER_SECONDS = 2;

/** A problem to send and the headers that go with it. */
export interface ProblemResponse {
  problem: Problem;
  headers: Record<string, string>;
  /** Whether this is our fault or the store's (logged as an error) rather than the client's. */
  serverSide: boolean;
}

/** Fixed wording per status: Fastify's own messages name internals and echo input. */
const byStatus: Record<number, { type: ProblemTypeUri; title: string }> = {
  404: { type: ProblemType.routeNotFound, title: 'No such route' },
  405: { type: ProblemType.methodNotAllowed, title: 'Method not allowed' },
  413: { type: ProblemType.payloadTooLarge, title: 'The request body is too large' },
  415: { type: ProblemType.unsupportedMediaType, title: 'Send the body as application/json' },
  429: { type: ProblemType.rateLimited, title: 'Too many requests; slow down' },
};

/** Turns anything a route or plugin threw into a problem response. */
export function problemFromError(error: unknown): ProblemResponse {
  if (error instanceof ProblemError) return { problem: error.problem, headers: error.headers, serverSide: false };
  if (error instanceof StoreUnavailableError) {
    return {
      problem: { type: ProblemType.serviceUnavailable, title: 'The todo store is unavailable', status: 503, detail: 'Try again shortly' },
      headers: { 'retry-after': String(STORE_RETRY_AFTER_SECONDS) },
      serverSide: true,
    };
  }
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.validation) return { problem: validationProblem(fieldErrors(fastifyError as FastifyError)), headers: {}, serverSide: false };
  const status = fastifyError.statusCode;
  // A 400 from the body parser: empty or malformed JSON.
  if (status === 400 && (fastifyError.code?.startsWith('FST_ERR_CTP') || error instanceof SyntaxError)) {
    return { problem: validationProblem([{ field: 'body', message: 'is not valid JSON' }]), headers: {}, serverSide: false };
  }
  // Any other 400 (a Fastify check that is not schema validation) still names what failed: the request.
  if (status === 400) return { problem: validationProblem([{ field: 'request', message: 'is not valid' }]), headers: {}, serverSide: false };
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const known = byStatus[status] ?? { type: ProblemType.validation, title: 'The request is not valid' };
    return { problem: { type: known.type, title: known.title, status }, headers: {}, serverSide: false };
  }
  if (status === 503) {
    return { problem: { type: ProblemType.serviceUnavailable, title: 'The service is busy; try again shortly', status }, headers: {}, serverSide: false };
  }
  return { problem: { type: ProblemType.internal, title: 'Something went wrong on our side', status: 500 }, headers: {}, serverSide: true };
}

const PART_NAMES: Record<string, string> = { querystring: 'query', body: 'body', params: 'params', headers: 'headers' };

function fieldErrors(error: FastifyError): FieldError[] {
  const part = PART_NAMES[error.validationContext ?? 'body'] ?? 'body';
  return (error.validation ?? []).map((issue): FieldError => {
    const params = issue.params as Record<string, unknown>;
    const child = params['missingProperty'] ?? params['additionalProperty'];
    const path = [part, ...issue.instancePath.split('/').filter(Boolean), ...(typeof child === 'string' ? [child] : [])].join('/');
    const message = issue.keyword === 'additionalProperties' ? 'is not allowed' : issue.keyword === 'pattern' ? 'is not in the expected form' : (issue.message ?? 'is not valid');
    return { field: path, message };
  });
}

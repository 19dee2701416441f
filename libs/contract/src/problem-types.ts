/**
 * Stable `type` URIs of the API's problem details (RFC 9457). Clients branch on these, never on
 * `title` or `detail`, which are for people and may change.
 */
export const ProblemType = {
  validation: 'urn:todo:problem:validation',
  notFound: 'urn:todo:problem:not-found',
  routeNotFound: 'urn:todo:problem:route-not-found',
  methodNotAllowed: 'urn:todo:problem:method-not-allowed',
  preconditionFailed: 'urn:todo:problem:precondition-failed',
  idempotencyKeyReused: 'urn:todo:problem:idempotency-key-reused',
  idempotencyKeyConflict: 'urn:todo:problem:idempotency-key-conflict',
  unsupportedMediaType: 'urn:todo:problem:unsupported-media-type',
  payloadTooLarge: 'urn:todo:problem:payload-too-large',
  rateLimited: 'urn:todo:problem:rate-limited',
  serviceUnavailable: 'urn:todo:problem:service-unavailable',
  badGateway: 'urn:todo:problem:bad-gateway',
  internal: 'urn:todo:problem:internal',
} as const;

export type ProblemTypeUri = (typeof ProblemType)[keyof typeof ProblemType];

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

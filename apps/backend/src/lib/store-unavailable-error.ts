/**
 * DynamoDB did not answer, timed out, throttled or refused a call. Always a 503 for the client
 * (retrying later may work), never a 500; the cause is logged, not sent.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';

  constructor(options: { cause: unknown }) {
    super('The todo store is unavailable', options);
  }
}

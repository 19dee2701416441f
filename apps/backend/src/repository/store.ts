import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { StoreUnavailableError } from '../lib/store-unavailable-error';

/** What every repository function needs: the document client and the table. */
export interface Store {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
}

/** Runs a store call; any failure becomes a `StoreUnavailableError` (a 503 for the client). */
export async function storeCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (cause) {
    throw new StoreUnavailableError({ cause });
  }
}

/**
 * Runs a conditional write.
 * @returns the call's output, or undefined when the condition did not hold (someone else changed the item first).
 */
export async function conditionalWrite<T extends object>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (cause) {
    if ((cause as { name?: unknown }).name === 'ConditionalCheckFailedException') return undefined;
    throw new StoreUnavailableError({ cause });
  }
}

/**
 * The todo table's shape, declared once for the backend, the local runner, the tests and the CDK app.
 *
 * The partition key is the original Flask service's `TodoId` (Number), so its items stay readable.
 * Listing in creation order goes through a sparse global secondary index: every item written by this
 * backend carries `ListKey` (one constant partition) and `CreatedKey` (creation time, then id).
 */
export const todoTableDefinition = {
  partitionKey: { name: 'TodoId', type: 'N' },
  creationIndex: {
    name: 'ByCreation',
    partitionKey: { name: 'ListKey', type: 'S' },
    sortKey: { name: 'CreatedKey', type: 'S' },
  },
  /** The one value of `ListKey`: a todo list is small enough for a single index partition. */
  listKeyValue: 'todo',
  /**
   * The table's time-to-live attribute (epoch seconds). Only idempotency records carry it; DynamoDB
   * deletes an item some time after that moment, so readers treat a past value as already gone.
   */
  expiryAttribute: 'ExpiresAt',
} as const;

export type TodoTableDefinition = typeof todoTableDefinition;

const ID_DIGITS = 16; // Number.MAX_SAFE_INTEGER has 16 digits.

/** The index sort key: ISO creation time, then the zero-padded id, so ties keep a stable order. */
export function creationKey(createdAt: string, id: number): string {
  return `${createdAt}#${String(id).padStart(ID_DIGITS, '0')}`;
}

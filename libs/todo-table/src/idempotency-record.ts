import { createHash } from 'node:crypto';

/**
 * An idempotency record: what a `POST /api/todos` with an `Idempotency-Key` promised to create,
 * kept in the todo table so every backend task sees it. Its partition key is a negative number
 * derived from the key (todos have ids from 1 up, and 0 is the readiness probe), and it carries
 * neither `ListKey` nor `completed`, so the creation index, lists and bulk changes never hold it.
 */
export const idempotencyRecordDefinition = {
  attributes: {
    /** The client's key, exactly as sent: two keys sharing a slot are told apart by it. */
    key: 'IdempotencyKey',
    /** A hash of the create's input: a retry with another body is refused. */
    fingerprint: 'RequestFingerprint',
    /** The todo the first request chose to create (id, title, times, version 1). */
    todo: 'CreatedTodo',
    /** Whether that todo is known to be written. */
    stored: 'TodoStored',
  },
  /** How long a key is honoured: the draft's "at least 24 hours" a client may retry within. */
  retentionSeconds: 24 * 60 * 60,
} as const;

/** The record's partition key for a key: -(1..2^53 - 1), from the key's SHA-256. */
export function idempotencySlot(key: string): number {
  const bits53 = createHash('sha256').update(key, 'utf8').digest().readBigUInt64BE() >> 11n;
  return -(Number(bits53 % BigInt(Number.MAX_SAFE_INTEGER)) + 1);
}

import { createHash } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Todo } from '@todo/contract';
import { idempotencyRecordDefinition, idempotencySlot, itemAttributes, todoTableDefinition, type StoredItem } from '@todo/todo-table';
import { StoreUnavailableError } from '../lib/store-unavailable-error';
import { Expression } from './expression';
import { conditionalWrite, storeCall, type Store } from './store';
import { isStored, newTodo, putNewTodo } from './todo-writes';

/** What a create under an `Idempotency-Key` came to. */
export type IdempotentCreateOutcome =
  /** The todo this key created, now or by an earlier request with the same key and body. */
  | { kind: 'created'; todo: Todo }
  /** The key was used with another body: nothing was created. */
  | { kind: 'key-reused' }
  /** Another key's record holds this key's slot (odds about n / 2^53): nothing was created. */
  | { kind: 'key-conflict' };

interface IdempotencyRecord {
  key: string;
  fingerprint: string;
  todo: Todo;
  stored: boolean;
}

const field = idempotencyRecordDefinition.attributes;
const EXPIRES_AT = todoTableDefinition.expiryAttribute;
/** Rounds of claim-or-read; only an expiring record or a taken todo id sends a request round again. */
const ATTEMPTS = 5;

/**
 * Creates a todo at most once per key, across every backend task. The first request records in
 * the table the todo it will create (with a fresh id) before writing it; any request with the same
 * key and body, concurrent or later, writes that same todo conditionally (a no-op once it exists)
 * and answers it. So a duplicate in flight returns the first one's result, and a task that died
 * between the two writes leaves nothing half-done: the next retry finishes its create.
 */
export async function createTodoOnce(store: Store, title: string, key: string): Promise<IdempotentCreateOutcome> {
  const slot = idempotencySlot(key);
  const fingerprint = fingerprintOf(title);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const record = await claimOrRead(store, slot, { key, fingerprint, todo: newTodo(title), stored: false });
    if (!record) continue;
    if (record.key !== key) return { kind: 'key-conflict' };
    if (record.fingerprint !== fingerprint) return { kind: 'key-reused' };
    if (record.stored) return { kind: 'created', todo: record.todo };
    if ((await putNewTodo(store, record.todo)) || (await isStored(store, record.todo))) {
      // The todo is stored: answer it even if the mark fails. The mark only saves later retries a
      // write; without it they find the todo through the same put-or-read.
      await markStored(store, slot, record).catch(() => undefined);
      return { kind: 'created', todo: record.todo };
    }
    // The chosen id belongs to an unrelated todo: choose another, unless a concurrent request already did.
    await chooseAnotherTodo(store, slot, record, newTodo(title));
  }
  throw new StoreUnavailableError({ cause: new Error('The idempotency record kept changing') });
}

/** A retry "with the same body" means the same create: the trimmed title, which is what is stored. */
function fingerprintOf(title: string): string {
  return createHash('sha256').update(JSON.stringify({ title })).digest('base64url');
}

/**
 * Writes `fresh` unless a live record holds the slot; an expired one (DynamoDB's TTL deletes it
 * within days, the embedded store never) counts as absent.
 * @returns the record now in force, or undefined when it vanished between the write and the read
 */
async function claimOrRead(store: Store, slot: number, fresh: IdempotencyRecord): Promise<IdempotencyRecord | undefined> {
  const condition = new Expression();
  condition.when(`attribute_not_exists(${condition.name(itemAttributes.id)}) OR ${condition.name(EXPIRES_AT)} < ${condition.value(nowSeconds())}`);
  const item: StoredItem = {
    [itemAttributes.id]: slot,
    [field.key]: fresh.key,
    [field.fingerprint]: fresh.fingerprint,
    [field.todo]: fresh.todo,
    [field.stored]: false,
    [EXPIRES_AT]: nowSeconds() + idempotencyRecordDefinition.retentionSeconds,
  };
  const claimed = await conditionalWrite(() => store.client.send(new PutCommand({ TableName: store.tableName, Item: item, ...condition.toInput() })));
  if (claimed) return fresh;
  const output = await storeCall(() =>
    store.client.send(new GetCommand({ TableName: store.tableName, Key: { [itemAttributes.id]: slot }, ConsistentRead: true })),
  );
  const found = output.Item;
  if (!found || Number(found[EXPIRES_AT]) < nowSeconds()) return undefined;
  return { key: String(found[field.key]), fingerprint: String(found[field.fingerprint]), todo: found[field.todo] as Todo, stored: found[field.stored] === true };
}

async function markStored(store: Store, slot: number, record: IdempotencyRecord): Promise<void> {
  const expression = new Expression();
  expression.when(`${expression.name(field.key)} = ${expression.value(record.key)}`).when(sameTodo(expression, record.todo)).set(field.stored, true);
  // Failing the condition means the record expired and was replaced: there is nothing to mark.
  await conditionalWrite(() => store.client.send(new UpdateCommand({ TableName: store.tableName, Key: { [itemAttributes.id]: slot }, ...expression.toInput() })));
}

async function chooseAnotherTodo(store: Store, slot: number, record: IdempotencyRecord, todo: Todo): Promise<void> {
  const expression = new Expression();
  expression
    .when(`${expression.name(field.key)} = ${expression.value(record.key)}`)
    .when(sameTodo(expression, record.todo))
    .when(`${expression.name(field.stored)} = ${expression.value(false)}`)
    .set(field.todo, todo);
  await conditionalWrite(() => store.client.send(new UpdateCommand({ TableName: store.tableName, Key: { [itemAttributes.id]: slot }, ...expression.toInput() })));
}

function sameTodo(expression: Expression, todo: Todo): string {
  return `${expression.name(field.todo)}.${expression.name('id')} = ${expression.value(todo.id)}`;
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

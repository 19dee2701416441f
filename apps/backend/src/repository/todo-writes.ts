import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Todo, UpdateTodo } from '@todo/contract';
import { itemAttributes, newTodoPut, randomTodoId, versionedUpdate, type StoredItem } from '@todo/todo-table';
import { StoreUnavailableError } from '../lib/store-unavailable-error';
import { Expression } from './expression';
import { isLegacy } from './legacy/legacy-item';
import { orUnversioned, updateLegacy } from './legacy/legacy-writes';
import { conditionalWrite, storeCall, type Store } from './store';
import { todoFromItem } from './todo-item';

/** Outcome of a write that may find the todo gone or changed. */
export type WriteOutcome = { kind: 'done'; todo: Todo } | { kind: 'not-found' } | { kind: 'stale'; current: Todo };

/** A random id collides with an existing one with odds of about n / 2^53: a few retries suffice. */
const CREATE_ATTEMPTS = 5;
/** Rounds of read-then-write when another writer keeps winning the race. */
const WRITE_ATTEMPTS = 4;

/** Creates a todo under a fresh random id; never overwrites an existing item. */
export async function createTodo(store: Store, title: string): Promise<Todo> {
  for (let attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
    const todo = newTodo(title);
    // A failed condition may be the SDK's own retry of a put whose first attempt was stored but timed out.
    if ((await putNewTodo(store, todo)) || (await isStored(store, todo))) return todo;
  }
  throw new StoreUnavailableError({ cause: new Error('No free todo id found') });
}

/** A todo as a create makes it, under a fresh random id; not yet stored. */
export function newTodo(title: string): Todo {
  const now = new Date().toISOString();
  return { id: randomTodoId(), title, completed: false, createdAt: now, updatedAt: now, version: 1 };
}

/** Writes a new todo. @returns false when its id is taken, and then writes nothing. */
export async function putNewTodo(store: Store, todo: Todo): Promise<boolean> {
  const written = await conditionalWrite(() => store.client.send(new PutCommand(newTodoPut(store.tableName, todo))));
  return written !== undefined;
}

/** Whether the todo is in the table as this create wrote it (ids are random; creation times are not shared). */
export async function isStored(store: Store, todo: Todo): Promise<boolean> {
  const item = await getItem(store, todo.id);
  return item !== undefined && item[itemAttributes.createdAt] === todo.createdAt;
}

/** Reads one stored item, strongly consistent so a write's result is visible at once. */
export async function getItem(store: Store, id: number): Promise<StoredItem | undefined> {
  const output = await storeCall(() =>
    store.client.send(new GetCommand({ TableName: store.tableName, Key: { [itemAttributes.id]: id }, ConsistentRead: true })),
  );
  return output.Item;
}

export async function getTodo(store: Store, id: number): Promise<Todo | undefined> {
  const item = await getItem(store, id);
  return item && todoFromItem(item);
}

/**
 * Changes a todo, bumping `version` and `updatedAt`. With `ifMatch`, only if the stored version is
 * that one. Adopts an item of the original service on its first change.
 */
export async function updateTodo(store: Store, id: number, changes: UpdateTodo, ifMatch?: number): Promise<WriteOutcome> {
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
    const updated = await updateVersioned(store, id, changes, ifMatch);
    if (updated) return { kind: 'done', todo: updated };

    const item = await getItem(store, id);
    const current = item && todoFromItem(item);
    if (!item || !current) return { kind: 'not-found' };
    if (ifMatch !== undefined && current.version !== ifMatch) return { kind: 'stale', current };
    // A versioned item here was adopted or changed between our two calls: go round again.
    if (!isLegacy(item)) continue;

    const adopted = await updateLegacy(store, item, current, changes);
    if (adopted) return { kind: 'done', todo: adopted };
  }
  throw new StoreUnavailableError({ cause: new Error('The todo kept changing during the update') });
}

/** The common case, in one call: the item is in this service's format (and at `ifMatch`). */
async function updateVersioned(store: Store, id: number, changes: UpdateTodo, ifMatch?: number): Promise<Todo | undefined> {
  const output = await conditionalWrite(() =>
    store.client.send(new UpdateCommand(versionedUpdate(store.tableName, id, changes, new Date().toISOString(), ifMatch))),
  );
  return output?.Attributes && todoFromItem(output.Attributes);
}

/** Deletes a todo; with `ifMatch`, only if the stored version is that one. */
export async function deleteTodo(store: Store, id: number, ifMatch?: number): Promise<WriteOutcome | { kind: 'deleted' }> {
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
    const condition = new Expression();
    if (ifMatch === undefined) condition.when(`attribute_exists(${condition.name(itemAttributes.id)})`);
    else condition.when(`${condition.name(itemAttributes.version)} = ${condition.value(ifMatch)}${orUnversioned(condition, ifMatch)}`);
    const deleted = await conditionalWrite(() =>
      store.client.send(new DeleteCommand({ TableName: store.tableName, Key: { [itemAttributes.id]: id }, ...condition.toInput() })),
    );
    if (deleted) return { kind: 'deleted' };

    const item = await getItem(store, id);
    const current = item && todoFromItem(item);
    if (!item || !current) return { kind: 'not-found' };
    if (ifMatch !== undefined && current.version !== ifMatch) return { kind: 'stale', current };
  }
  throw new StoreUnavailableError({ cause: new Error('The todo kept changing during the delete') });
}

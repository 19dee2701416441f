import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Todo, UpdateTodo } from '@todo/contract';
import { itemAttributes } from '@todo/todo-table';
import { deleteCompleted, setAllCompleted } from './bulk-todos';
import { createTodoOnce, type IdempotentCreateOutcome } from './idempotent-create';
import { adoptLegacyItems, type AdoptionReport } from './legacy/legacy-adoption';
import { listTodos, type ListRequest, type ListResult } from './list-todos';
import type { Store } from './store';
import { createTodo, deleteTodo, getTodo, updateTodo, type WriteOutcome } from './todo-writes';

/** Every read and write of todos. Store failures reject with `StoreUnavailableError`. */
export interface TodoRepository {
  list(request: ListRequest): Promise<ListResult>;
  create(title: string): Promise<Todo>;
  /** Creates at most one todo per `Idempotency-Key`; a retry answers the first create's todo. */
  createOnce(title: string, idempotencyKey: string): Promise<IdempotentCreateOutcome>;
  get(id: number): Promise<Todo | undefined>;
  update(id: number, changes: UpdateTodo, ifMatch?: number): Promise<WriteOutcome>;
  remove(id: number, ifMatch?: number): Promise<WriteOutcome | { kind: 'deleted' }>;
  /** @returns how many todos changed */
  setAllCompleted(completed: boolean): Promise<number>;
  /** @returns how many todos were deleted */
  deleteCompleted(): Promise<number>;
  adoptLegacyItems(signal?: AbortSignal): Promise<AdoptionReport>;
  /** A cheap data-plane read that proves the table answers; rejects otherwise. */
  ping(signal: AbortSignal): Promise<void>;
}

/** Id 0 is never a todo (ids start at 1), so reading it costs one small read and finds nothing. */
const PING_ID = 0;

export function createTodoRepository(store: Store): TodoRepository {
  return {
    list: (request) => listTodos(store, request),
    create: (title) => createTodo(store, title),
    createOnce: (title, idempotencyKey) => createTodoOnce(store, title, idempotencyKey),
    get: (id) => getTodo(store, id),
    update: (id, changes, ifMatch) => updateTodo(store, id, changes, ifMatch),
    remove: (id, ifMatch) => deleteTodo(store, id, ifMatch),
    setAllCompleted: (completed) => setAllCompleted(store, completed),
    deleteCompleted: () => deleteCompleted(store),
    adoptLegacyItems: (signal) => adoptLegacyItems(store, signal),
    async ping(signal) {
      await store.client.send(new GetCommand({ TableName: store.tableName, Key: { [itemAttributes.id]: PING_ID } }), { abortSignal: signal });
    },
  };
}

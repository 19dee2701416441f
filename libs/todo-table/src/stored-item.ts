import { randomBytes } from 'node:crypto';
import { creationKey, todoTableDefinition } from './table-definition';

/** Attribute names of a stored todo. Key and index names come from the table definition. */
export const itemAttributes = {
  id: todoTableDefinition.partitionKey.name,
  listKey: todoTableDefinition.creationIndex.partitionKey.name,
  createdKey: todoTableDefinition.creationIndex.sortKey.name,
  title: 'title',
  completed: 'completed',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
  version: 'version',
} as const;

/** An item as the document client reads and writes it. */
export type StoredItem = Record<string, unknown>;

/**
 * What a stored todo holds: the API's todo, declared here rather than imported from the contract so
 * the table (and the infra built on it) does not change with the API.
 */
export interface StoredTodo {
  id: number;
  title: string;
  completed: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The item in this service's format: indexed for listing in creation order, and versioned. */
export function storedItem(todo: StoredTodo): StoredItem {
  return {
    [itemAttributes.id]: todo.id,
    [itemAttributes.title]: todo.title,
    [itemAttributes.completed]: todo.completed,
    [itemAttributes.createdAt]: todo.createdAt,
    [itemAttributes.updatedAt]: todo.updatedAt,
    [itemAttributes.version]: todo.version,
    [itemAttributes.listKey]: todoTableDefinition.listKeyValue,
    [itemAttributes.createdKey]: creationKey(todo.createdAt, todo.id),
  };
}

/** A uniformly random id in 1..Number.MAX_SAFE_INTEGER (2^53 - 1). */
export function randomTodoId(): number {
  const bits53 = randomBytes(8).readBigUInt64BE() >> 11n;
  return Number(bits53 % BigInt(Number.MAX_SAFE_INTEGER)) + 1;
}

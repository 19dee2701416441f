import type { Todo } from '@todo/contract';
import { creationKey, todoTableDefinition } from '@todo/todo-table';

/** Attribute names of a stored todo. Key and index names come from the shared table definition. */
export const attr = {
  id: todoTableDefinition.partitionKey.name,
  listKey: todoTableDefinition.creationIndex.partitionKey.name,
  createdKey: todoTableDefinition.creationIndex.sortKey.name,
  title: 'title',
  completed: 'completed',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
  version: 'version',
  /** The original Flask service's completion flag: the strings "true" / "false". */
  legacyDone: 'done',
} as const;

/** An item as the document client returns it. */
export type StoredItem = Record<string, unknown>;

/**
 * Creation time given to items of the original service, which never recorded one: the epoch
 * reads as "unknown, before this service", and sorts them first, by id, as the oldest todos.
 */
export const LEGACY_CREATED_AT = new Date(0).toISOString();

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** The item in this service's own format: indexed for listing and versioned. */
export function newItem(todo: Todo): StoredItem {
  return {
    [attr.id]: todo.id,
    [attr.title]: todo.title,
    [attr.completed]: todo.completed,
    [attr.createdAt]: todo.createdAt,
    [attr.updatedAt]: todo.updatedAt,
    [attr.version]: todo.version,
    [attr.listKey]: todoTableDefinition.listKeyValue,
    [attr.createdKey]: creationKey(todo.createdAt, todo.id),
  };
}

/** Items written by the original service carry no version (nor index attributes) until adopted. */
export function isLegacy(item: StoredItem): boolean {
  return item[attr.version] === undefined;
}

/**
 * Reads a stored item as a todo, whatever service wrote it. Legacy items read the same before and
 * after adoption (version 1, epoch times), so an ETag stays valid across it.
 * @returns undefined for an item the API cannot address (its id is not a positive safe integer).
 */
export function todoFromItem(item: StoredItem): Todo | undefined {
  const id = item[attr.id];
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) return undefined;
  const title = item[attr.title];
  const createdAt = isoOr(item[attr.createdAt], LEGACY_CREATED_AT);
  const version = item[attr.version];
  return {
    id,
    title: typeof title === 'string' ? title : title === undefined || title === null ? '' : String(title),
    completed: typeof item[attr.completed] === 'boolean' ? (item[attr.completed] as boolean) : legacyDone(item[attr.legacyDone]),
    createdAt,
    updatedAt: isoOr(item[attr.updatedAt], createdAt),
    version: typeof version === 'number' && Number.isSafeInteger(version) && version >= 1 ? version : 1,
  };
}

/** The original service stored completion as "true"/"false" strings; be lenient about case and type. */
export function legacyDone(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

function isoOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) ? value : fallback;
}

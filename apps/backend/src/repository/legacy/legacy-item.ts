import type { Todo } from '@todo/contract';
import { creationKey, itemAttributes, todoTableDefinition, type StoredItem } from '@todo/todo-table';
import type { Expression } from '../expression';

/** The original service's completion flag: the strings "true" / "false". */
export const legacyAttributes = { done: 'done' } as const;

/**
 * Creation time given to items of the original service, which never recorded one: the epoch
 * reads as "unknown, before this service", and sorts them first, by id, as the oldest todos.
 */
export const LEGACY_CREATED_AT = new Date(0).toISOString();

/** Items written by the original service carry no version (nor index attributes) until adopted. */
export function isLegacy(item: StoredItem): boolean {
  return item[itemAttributes.version] === undefined;
}

/** The original service stored completion as "true"/"false" strings; be lenient about case and type. */
export function legacyCompleted(item: StoredItem): boolean {
  const value = item[legacyAttributes.done];
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

/**
 * Adds to `expression` what turns an item of the original service, as it was read, into this
 * service's format (index attributes, creation time, no `done`), on condition that nobody changed
 * it since the read. The caller sets `completed`, `title`, `updatedAt` and `version`.
 * @param todo the item as `todoFromItem` read it
 */
export function adoptLegacyItem(expression: Expression, item: StoredItem, todo: Todo): Expression {
  return expression
    .when(`attribute_not_exists(${expression.name(itemAttributes.version)})`)
    .when(expression.equalsOrAbsent(legacyAttributes.done, item[legacyAttributes.done]))
    .when(expression.equalsOrAbsent(itemAttributes.completed, item[itemAttributes.completed]))
    .when(expression.equalsOrAbsent(itemAttributes.title, item[itemAttributes.title]))
    .set(itemAttributes.createdAt, todo.createdAt)
    .set(itemAttributes.listKey, todoTableDefinition.listKeyValue)
    .set(itemAttributes.createdKey, creationKey(todo.createdAt, todo.id))
    .remove(legacyAttributes.done);
}

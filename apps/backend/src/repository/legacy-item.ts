import type { Todo } from '@todo/contract';
import { creationKey, todoTableDefinition } from '@todo/todo-table';
import type { Expression } from './expression';
import { attr, type StoredItem } from './todo-item';

/**
 * Adds to `expression` what turns an item of the original service, as it was read, into this
 * service's format (index attributes, creation time, no `done`), on condition that nobody changed
 * it since the read. The caller sets `completed`, `title`, `updatedAt` and `version`.
 * @param todo the item as `todoFromItem` read it
 */
export function adoptLegacyItem(expression: Expression, item: StoredItem, todo: Todo): Expression {
  return expression
    .when(`attribute_not_exists(${expression.name(attr.version)})`)
    .when(expression.equalsOrAbsent(attr.legacyDone, item[attr.legacyDone]))
    .when(expression.equalsOrAbsent(attr.completed, item[attr.completed]))
    .when(expression.equalsOrAbsent(attr.title, item[attr.title]))
    .set(attr.createdAt, todo.createdAt)
    .set(attr.listKey, todoTableDefinition.listKeyValue)
    .set(attr.createdKey, creationKey(todo.createdAt, todo.id))
    .remove(attr.legacyDone);
}

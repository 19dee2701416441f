import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Todo, UpdateTodo } from '@todo/contract';
import { itemAttributes, type StoredItem } from '@todo/todo-table';
import { Expression } from '../expression';
import { conditionalWrite, type Store } from '../store';
import { todoFromItem } from '../todo-item';
import { adoptLegacyItem, legacyAttributes } from './legacy-item';

/** A change reaching an item of the original service: adopts it in the same conditional write. */
export async function updateLegacy(store: Store, item: StoredItem, current: Todo, changes: UpdateTodo): Promise<Todo | undefined> {
  const expression = adoptLegacyItem(new Expression(), item, current)
    .set(itemAttributes.title, changes.title ?? current.title)
    .set(itemAttributes.completed, changes.completed ?? current.completed)
    .set(itemAttributes.updatedAt, new Date().toISOString())
    .set(itemAttributes.version, current.version + 1);
  const output = await conditionalWrite(() =>
    store.client.send(
      new UpdateCommand({ TableName: store.tableName, Key: { [itemAttributes.id]: current.id }, ReturnValues: 'ALL_NEW', ...expression.toInput() }),
    ),
  );
  return output?.Attributes && todoFromItem(output.Attributes);
}

/** A conditional delete at version 1 also matches an item of the original service, which reads as version 1. */
export function orUnversioned(condition: Expression, ifMatch: number): string {
  if (ifMatch !== 1) return '';
  return ` OR (attribute_exists(${condition.name(itemAttributes.id)}) AND attribute_not_exists(${condition.name(itemAttributes.version)}))`;
}

/** What a bulk delete of completed todos also matches: items of the original service, marked done by their string flag. */
export function orLegacyDone(filter: Expression): string {
  return ` OR attribute_exists(${filter.name(legacyAttributes.done)})`;
}

/** The condition under which a bulk delete removes an item of the original service: still absent `completed`, same `done`. */
export function legacyDeleteCondition(condition: Expression, item: StoredItem): string {
  return `${condition.equalsOrAbsent(itemAttributes.completed, undefined)} AND ${condition.equalsOrAbsent(legacyAttributes.done, item[legacyAttributes.done])}`;
}

import { storedItem, todoTableDefinition, type StoredItem } from '@todo/todo-table';
import { legacyAttributes } from '../repository/legacy/legacy-item';

/** A stored item in this service's format, as BatchWriteItem fixtures. */
export function storedTodo(id: number, createdAt: string, completed = false): StoredItem {
  return storedItem({ id, title: `todo ${id}`, completed, createdAt, updatedAt: createdAt, version: 1 });
}

/** An item as the original Flask service wrote it. */
export function legacyTodo(id: number, title: string, done: boolean): StoredItem {
  return { [todoTableDefinition.partitionKey.name]: id, title, [legacyAttributes.done]: done ? 'true' : 'false' };
}

/** `count` todos created one millisecond apart from a fixed start, in id order 1..count. */
export function manyTodos(count: number, options: { completed?: (index: number) => boolean } = {}): StoredItem[] {
  const start = Date.parse('2026-01-01T00:00:00.000Z');
  return Array.from({ length: count }, (_, index) =>
    storedTodo(index + 1, new Date(start + index).toISOString(), options.completed?.(index) ?? false),
  );
}

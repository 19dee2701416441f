import type { Todo } from '@todo/contract';
import { itemAttributes, type StoredItem } from '@todo/todo-table';
import { LEGACY_CREATED_AT, legacyCompleted } from './legacy/legacy-item';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * Reads a stored item as a todo, whatever service wrote it. Legacy items read the same before and
 * after adoption (version 1, epoch times), so an ETag stays valid across it.
 * @returns undefined for an item the API cannot address (its id is not a positive safe integer).
 */
export function todoFromItem(item: StoredItem): Todo | undefined {
  const id = item[itemAttributes.id];
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) return undefined;
  const title = item[itemAttributes.title];
  const createdAt = isoOr(item[itemAttributes.createdAt], LEGACY_CREATED_AT);
  const version = item[itemAttributes.version];
  const completed = item[itemAttributes.completed];
  return {
    id,
    title: typeof title === 'string' ? title : title === undefined || title === null ? '' : String(title),
    completed: typeof completed === 'boolean' ? completed : legacyCompleted(item),
    createdAt,
    updatedAt: isoOr(item[itemAttributes.updatedAt], createdAt),
    version: typeof version === 'number' && Number.isSafeInteger(version) && version >= 1 ? version : 1,
  };
}

function isoOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) ? value : fallback;
}

import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Todo } from '@todo/contract';
import { creationPageQuery, itemAttributes, todoTableDefinition, type StoredItem } from '@todo/todo-table';
import type { ListPosition } from './cursor';
import { storeCall, type Store } from './store';
import { todoFromItem } from './todo-item';

export interface ListRequest {
  limit: number;
  completed?: boolean;
  after?: ListPosition;
}

export interface ListResult {
  items: Todo[];
  /** Where the next page starts; undefined at the end of the list. */
  next?: ListPosition;
}

/**
 * Queries per page at most: with a filter that matches little, a page may come back short (with a
 * correct `next`) rather than one request scanning the whole list.
 */
const MAX_QUERIES_PER_PAGE = 10;
/** Items a filtered query reads at once; DynamoDB's `Limit` counts items before the filter. */
const FILTERED_READ_SIZE = 200;

/** One page in creation order from the `ByCreation` index, holding up to `limit` todos. */
export async function listTodos(store: Store, request: ListRequest): Promise<ListResult> {
  const items: Todo[] = [];
  let last: ListPosition | undefined;
  let startKey = request.after && indexKey(request.after);

  for (let query = 0; query < MAX_QUERIES_PER_PAGE; query++) {
    const remaining = request.limit - items.length;
    // One item more than needed tells whether anything follows this page.
    const limit = request.completed === undefined ? remaining + 1 : Math.max(remaining + 1, FILTERED_READ_SIZE);
    const output = await storeCall(() =>
      store.client.send(new QueryCommand(creationPageQuery(store.tableName, { limit, completed: request.completed, startKey }))),
    );
    for (const item of output.Items ?? []) {
      const todo = todoFromItem(item);
      if (!todo) continue;
      if (items.length === request.limit && last) return { items, next: last };
      items.push(todo);
      last = { id: todo.id, createdKey: String(item[itemAttributes.createdKey]) };
    }
    if (!output.LastEvaluatedKey) return { items };
    startKey = output.LastEvaluatedKey;
  }
  return { items, next: startKey && positionOf(startKey) };
}

function indexKey(position: ListPosition): StoredItem {
  return {
    [itemAttributes.id]: position.id,
    [itemAttributes.listKey]: todoTableDefinition.listKeyValue,
    [itemAttributes.createdKey]: position.createdKey,
  };
}

function positionOf(key: StoredItem): ListPosition {
  return { id: key[itemAttributes.id] as number, createdKey: key[itemAttributes.createdKey] as string };
}

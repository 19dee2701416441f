import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Todo } from '@todo/contract';
import { itemAttributes, type StoredItem } from '@todo/todo-table';
import { forEachLimited } from '../lib/limited-concurrency';
import { Expression } from './expression';
import { adoptLegacyItem, isLegacy } from './legacy/legacy-item';
import { legacyDeleteCondition, orLegacyDone } from './legacy/legacy-writes';
import { scanPages } from './scan-pages';
import { conditionalWrite, type Store } from './store';
import { todoFromItem } from './todo-item';
import { getItem } from './todo-writes';

/** Conditional writes in flight at once during a bulk change. */
const BULK_CONCURRENCY = 16;
/** Tries per item: after a lost race the item is read again and judged afresh. */
const ITEM_ATTEMPTS = 3;

/**
 * Sets `completed` on every todo that differs, page by page. Each write is conditional on what was
 * read, so a change someone else makes meanwhile is never overwritten with stale data.
 * @returns how many todos changed
 */
export async function setAllCompleted(store: Store, completed: boolean): Promise<number> {
  const scanFilter = new Expression();
  const name = scanFilter.name(itemAttributes.completed);
  scanFilter.when(`${name} = ${scanFilter.value(!completed)} OR attribute_not_exists(${name})`);
  return forEveryItem(store, scanFilter, async (item, todo) => {
    if (todo.completed === completed) return 'skip';
    const expression = new Expression();
    if (isLegacy(item)) adoptLegacyItem(expression, item, todo).set(itemAttributes.version, todo.version + 1);
    else {
      const version = expression.name(itemAttributes.version);
      expression
        .when(`${expression.name(itemAttributes.completed)} = ${expression.value(todo.completed)}`)
        .setTo(itemAttributes.version, `${version} + ${expression.value(1)}`);
    }
    expression.set(itemAttributes.completed, completed).set(itemAttributes.updatedAt, new Date().toISOString());
    const written = await conditionalWrite(() =>
      store.client.send(new UpdateCommand({ TableName: store.tableName, Key: { [itemAttributes.id]: todo.id }, ...expression.toInput() })),
    );
    return written ? 'changed' : 'retry';
  });
}

/**
 * Deletes every completed todo, page by page. Each delete holds only if the todo is still
 * completed, so one un-completed meanwhile by someone else survives.
 * @returns how many todos were deleted
 */
export async function deleteCompleted(store: Store): Promise<number> {
  const scanFilter = new Expression();
  scanFilter.when(`${scanFilter.name(itemAttributes.completed)} = ${scanFilter.value(true)}${orLegacyDone(scanFilter)}`);
  return forEveryItem(store, scanFilter, async (item, todo) => {
    if (!todo.completed) return 'skip';
    const condition = new Expression();
    condition.when(isLegacy(item) ? legacyDeleteCondition(condition, item) : `${condition.name(itemAttributes.completed)} = ${condition.value(true)}`);
    const deleted = await conditionalWrite(() =>
      store.client.send(new DeleteCommand({ TableName: store.tableName, Key: { [itemAttributes.id]: todo.id }, ...condition.toInput() })),
    );
    return deleted ? 'changed' : 'retry';
  });
}

type ItemOutcome = 'changed' | 'skip' | 'retry';

/** Scans the table and runs `change` on each addressable todo, re-reading an item after a lost race. */
async function forEveryItem(
  store: Store,
  scanFilter: Expression,
  change: (item: StoredItem, todo: Todo) => Promise<ItemOutcome>,
): Promise<number> {
  let changed = 0;
  for await (const page of scanPages(store, scanFilter)) {
    await forEachLimited(page, BULK_CONCURRENCY, async (scanned) => {
      let item: StoredItem | undefined = scanned;
      for (let attempt = 0; item && attempt < ITEM_ATTEMPTS; attempt++) {
        const todo = todoFromItem(item);
        if (!todo) return;
        const outcome = await change(item, todo);
        if (outcome === 'changed') changed++;
        if (outcome !== 'retry') return;
        item = await getItem(store, todo.id);
      }
    });
  }
  return changed;
}

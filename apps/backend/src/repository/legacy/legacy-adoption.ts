import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { itemAttributes } from '@todo/todo-table';
import { forEachLimited } from '../../lib/limited-concurrency';
import { Expression } from '../expression';
import { scanPages } from '../scan-pages';
import { conditionalWrite, type Store } from '../store';
import { todoFromItem } from '../todo-item';
import { adoptLegacyItem, isLegacy } from './legacy-item';

export interface AdoptionReport {
  /** Items of the original service given this service's attributes by this pass. */
  adopted: number;
  /** Items left alone because the API cannot address them (id not a positive safe integer). */
  skipped: number;
}

/** Writes in flight at once: adoption runs beside live traffic and must not crowd it out. */
const ADOPTION_CONCURRENCY = 4;

/**
 * Finds items written by the original Flask service (no `ListKey`) and gives them what listing
 * needs, reading exactly as they read before (version 1, `done` as `completed`). Idempotent: each
 * write holds only if the item is still unadopted and unchanged, so passes may overlap.
 * @param signal stops the pass between pages
 */
export async function adoptLegacyItems(store: Store, signal?: AbortSignal): Promise<AdoptionReport> {
  const report: AdoptionReport = { adopted: 0, skipped: 0 };
  const filter = new Expression();
  filter.when(`attribute_not_exists(${filter.name(itemAttributes.listKey)})`);
  for await (const page of scanPages(store, filter)) {
    if (signal?.aborted) break;
    await forEachLimited(page, ADOPTION_CONCURRENCY, async (item) => {
      const todo = todoFromItem(item);
      if (!todo || !isLegacy(item)) {
        report.skipped++;
        return;
      }
      const expression = adoptLegacyItem(new Expression(), item, todo)
        .set(itemAttributes.title, todo.title)
        .set(itemAttributes.completed, todo.completed)
        .set(itemAttributes.updatedAt, todo.updatedAt)
        .set(itemAttributes.version, todo.version);
      const written = await conditionalWrite(() =>
        store.client.send(new UpdateCommand({ TableName: store.tableName, Key: { [itemAttributes.id]: todo.id }, ...expression.toInput() })),
      );
      if (written) report.adopted++;
    });
  }
  return report;
}

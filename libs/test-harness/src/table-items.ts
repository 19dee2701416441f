import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { todoDocumentClient, todoTableDefinition, type StoredItem } from '@todo/todo-table';
import pMap from 'p-map';

const idName = todoTableDefinition.partitionKey.name;

/** Every item of a table, by consistent scans page by page, sorted by id: compare dumps to prove nothing changed. */
export async function dumpTable(client: DynamoDBClient, tableName: string): Promise<StoredItem[]> {
  const documents = todoDocumentClient(client);
  const items: StoredItem[] = [];
  let startKey: StoredItem | undefined;
  do {
    const page = await documents.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items.sort((a, b) => (a[idName] as number) - (b[idName] as number));
}

/** The batch size BatchWriteItem takes at most. */
const BATCH_SIZE = 25;

/**
 * Writes raw items straight into a table, 25 per BatchWriteItem call and `concurrency` calls at a
 * time, writing again whatever the store left unprocessed.
 * @param concurrency @default 4 (an embedded store shares this process's cores)
 */
export async function writeItems(client: DynamoDBClient, tableName: string, items: readonly StoredItem[], concurrency = 4): Promise<void> {
  const documents = todoDocumentClient(client);
  const batches: StoredItem[][] = [];
  for (let at = 0; at < items.length; at += BATCH_SIZE) batches.push(items.slice(at, at + BATCH_SIZE));
  await pMap(
    batches,
    async (batch) => {
      let pending = batch;
      while (pending.length > 0) {
        const output = await documents.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending.map((Item) => ({ PutRequest: { Item } })) } }));
        pending = (output.UnprocessedItems?.[tableName] ?? []).flatMap((request) => (request.PutRequest?.Item ? [request.PutRequest.Item] : []));
      }
    },
    { concurrency },
  );
}

export interface DumpDifference {
  added: string[];
  removed: string[];
  /** Ids whose item differs, with both versions as canonical JSON. */
  changed: { key: string; before: string; after: string }[];
}

/** What changed between two dumps, item by item, keyed by id. */
export function diffDumps(before: readonly StoredItem[], after: readonly StoredItem[]): DumpDifference {
  const byId = (dump: readonly StoredItem[]) => new Map(dump.map((item) => [canonicalJson(item[idName]), canonicalJson(item)]));
  const [old, now] = [byId(before), byId(after)];
  const difference: DumpDifference = { added: [], removed: [], changed: [] };
  for (const [key, item] of old) {
    const current = now.get(key);
    if (current === undefined) difference.removed.push(key);
    else if (current !== item) difference.changed.push({ key, before: item, after: current });
  }
  for (const key of now.keys()) if (!old.has(key)) difference.added.push(key);
  return difference;
}

/** JSON with object keys sorted at every level (and a set's members, which have no order). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner instanceof Set) return [...(inner as Set<unknown>)].map((member) => canonicalJson(member)).sort();
    return inner && typeof inner === 'object' && !Array.isArray(inner) && !(inner instanceof Uint8Array)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner;
  });
}

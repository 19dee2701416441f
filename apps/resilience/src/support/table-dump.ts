import { ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { todoTableDefinition } from '@todo/todo-table';

/** Every item of a table, as canonical JSON keyed by its partition key, so two dumps compare exactly. */
export type TableDump = Map<string, string>;

/** Reads the whole table with consistent scans, page by page. */
export async function dumpTable(client: DynamoDBClient, tableName: string): Promise<TableDump> {
  const dump: TableDump = new Map();
  const keyName = todoTableDefinition.partitionKey.name;
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) dump.set(canonicalJson(item[keyName]), canonicalJson(item));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return dump;
}

export interface DumpDifference {
  added: string[];
  removed: string[];
  /** Keys whose item differs, with both versions. */
  changed: { key: string; before: string; after: string }[];
}

export function diffDumps(before: TableDump, after: TableDump): DumpDifference {
  const difference: DumpDifference = { added: [], removed: [], changed: [] };
  for (const [key, item] of before) {
    const now = after.get(key);
    if (now === undefined) difference.removed.push(key);
    else if (now !== item) difference.changed.push({ key, before: item, after: now });
  }
  for (const key of after.keys()) if (!before.has(key)) difference.added.push(key);
  return difference;
}

/** JSON with object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner) && !(inner instanceof Uint8Array)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

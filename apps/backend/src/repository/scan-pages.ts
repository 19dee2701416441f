import { ScanCommand, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';
import { storeCall, type Store } from './store';
import type { StoredItem } from './todo-item';

/** Items read per Scan call: small pages keep each request short and memory flat. */
const SCAN_PAGE_SIZE = 250;

/** The whole table, one consistent page at a time. */
export async function* scanPages(store: Store, input: Omit<ScanCommandInput, 'TableName'> = {}): AsyncGenerator<StoredItem[]> {
  let startKey: StoredItem | undefined;
  do {
    const output = await storeCall(() =>
      store.client.send(
        new ScanCommand({ TableName: store.tableName, ConsistentRead: true, Limit: SCAN_PAGE_SIZE, ExclusiveStartKey: startKey, ...input }),
      ),
    );
    yield output.Items ?? [];
    startKey = output.LastEvaluatedKey;
  } while (startKey);
}

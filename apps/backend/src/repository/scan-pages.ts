import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { idempotencyRecordDefinition, type StoredItem } from '@todo/todo-table';
import { Expression } from './expression';
import { storeCall, type Store } from './store';

/** Items read per Scan call: small pages keep each request short and memory flat. */
const SCAN_PAGE_SIZE = 250;

/**
 * Every todo item of the table that passes `filter`, one consistent page at a time. Idempotency
 * records share the table and are always left out (added to `filter`), so no scan takes one for a todo.
 */
export async function* scanPages(store: Store, filter: Expression = new Expression()): AsyncGenerator<StoredItem[]> {
  filter.when(`attribute_not_exists(${filter.name(idempotencyRecordDefinition.attributes.key)})`);
  const { ConditionExpression, ExpressionAttributeNames, ExpressionAttributeValues } = filter.toInput();
  let startKey: StoredItem | undefined;
  do {
    const output = await storeCall(() =>
      store.client.send(
        new ScanCommand({
          TableName: store.tableName,
          ConsistentRead: true,
          Limit: SCAN_PAGE_SIZE,
          ExclusiveStartKey: startKey,
          FilterExpression: ConditionExpression,
          ExpressionAttributeNames,
          ExpressionAttributeValues,
        }),
      ),
    );
    yield output.Items ?? [];
    startKey = output.LastEvaluatedKey;
  } while (startKey);
}

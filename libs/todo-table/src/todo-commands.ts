import type { PutCommandInput, QueryCommandInput, UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { itemAttributes, storedItem, type StoredItem, type StoredTodo } from './stored-item';
import { todoTableDefinition } from './table-definition';

/*
 * The inputs of the table's everyday calls, in one place: the backend's repository sends them, and
 * the bench sends the same inputs alone as the floor the backend's cost is measured against.
 */

export interface CreationPage {
  /** Items to read (DynamoDB's `Limit` counts them before any filter). */
  limit: number;
  /** Only todos with this `completed`. */
  completed?: boolean;
  /** The index key the page starts after. */
  startKey?: StoredItem;
}

/** A page of the creation-ordered index. */
export function creationPageQuery(tableName: string, page: CreationPage): QueryCommandInput {
  const filtered = page.completed !== undefined;
  return {
    TableName: tableName,
    IndexName: todoTableDefinition.creationIndex.name,
    KeyConditionExpression: '#listKey = :listKey',
    ...(filtered ? { FilterExpression: '#completed = :completed' } : {}),
    ExpressionAttributeNames: { '#listKey': itemAttributes.listKey, ...(filtered ? { '#completed': itemAttributes.completed } : {}) },
    ExpressionAttributeValues: { ':listKey': todoTableDefinition.listKeyValue, ...(filtered ? { ':completed': page.completed } : {}) },
    Limit: page.limit,
    ExclusiveStartKey: page.startKey,
  };
}

/** Writes a new todo; refused (ConditionalCheckFailedException) when its id is taken. */
export function newTodoPut(tableName: string, todo: StoredTodo): PutCommandInput {
  return {
    TableName: tableName,
    Item: storedItem(todo),
    ConditionExpression: 'attribute_not_exists(#id)',
    ExpressionAttributeNames: { '#id': itemAttributes.id },
  };
}

/**
 * Changes a versioned todo, bumping `version` and setting `updatedAt`, answering the new item; with
 * `ifMatch`, only if the stored version is that one. Refused for an item without a version.
 */
export function versionedUpdate(
  tableName: string,
  id: number,
  changes: { title?: string; completed?: boolean },
  updatedAt: string,
  ifMatch?: number,
): UpdateCommandInput {
  const names: Record<string, string> = { '#version': itemAttributes.version, '#updatedAt': itemAttributes.updatedAt };
  const values: Record<string, unknown> = { ':updatedAt': updatedAt, ':one': 1 };
  const sets = ['#updatedAt = :updatedAt', '#version = #version + :one'];
  for (const field of ['title', 'completed'] as const) {
    if (changes[field] === undefined) continue;
    names[`#${field}`] = itemAttributes[field];
    values[`:${field}`] = changes[field];
    sets.unshift(`#${field} = :${field}`);
  }
  if (ifMatch !== undefined) values[':ifMatch'] = ifMatch;
  return {
    TableName: tableName,
    Key: { [itemAttributes.id]: id },
    ReturnValues: 'ALL_NEW',
    UpdateExpression: `SET ${sets.join(', ')}`,
    ConditionExpression: ifMatch === undefined ? 'attribute_exists(#version)' : 'attribute_exists(#version) AND #version = :ifMatch',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

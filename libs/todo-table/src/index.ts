export { todoTableDefinition, creationKey, type TodoTableDefinition } from './table-definition';
export { idempotencyRecordDefinition, idempotencySlot } from './idempotency-record';
export { createTableInput } from './create-table-input';
export { ensureTable } from './ensure-table';
export { itemAttributes, storedItem, randomTodoId, type StoredItem, type StoredTodo } from './stored-item';
export { createDynamoDbClient, todoDocumentClient, defaultClientSettings, type DynamoDbClientSettings } from './document-client';
export { creationPageQuery, newTodoPut, versionedUpdate, type CreationPage } from './todo-commands';

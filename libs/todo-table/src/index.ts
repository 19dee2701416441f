export { todoTableDefinition, creationKey, type TodoTableDefinition } from './table-definition';
export { idempotencyRecordDefinition, idempotencySlot } from './idempotency-record';
export { createTableInput } from './create-table-input';
export { ensureTable } from './ensure-table';

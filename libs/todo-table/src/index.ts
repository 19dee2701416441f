export { todoTableDefinition, creationKey, type TodoTableDefinition } from './table-definition';
export { createTableInput } from './create-table-input';
export { ensureTable } from './ensure-table';

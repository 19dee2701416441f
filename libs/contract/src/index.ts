export * from './client';
export * from './todo.schema';
export * from './problem.schema';

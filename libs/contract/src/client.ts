// The browser's entry point: no schema runtime, so the frontend bundle stays small.
export { TodoClient, type TodoClientOptions, type RequestOptions, type CreateOptions, type UpdateOptions } from './todo-client';
export type { RetryOptions } from './create-retry';
export { TodoApiError, TodoNetworkError } from './client-errors';
export { ProblemType, PROBLEM_CONTENT_TYPE, type ProblemTypeUri } from './problem-types';
export { formatEtag, parseEtag } from './etag';
export * from './limits';
export type { Problem, FieldError } from './problem.schema';
export type { Todo, CreateTodo, UpdateTodo, ListTodosQuery, TodoPage, SetAllCompleted, BulkResult } from './todo.schema';

import { Type, type Static } from '@sinclair/typebox';
import { CURSOR_MAX_LENGTH, IDEMPOTENCY_KEY_MAX_LENGTH, PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX, TITLE_MAX_LENGTH } from './limits';

/** Ids are positive safe integers; in a path they are plain decimal digits, nothing else. */
export const TodoIdSchema = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });

export const TodoIdParamsSchema = Type.Object(
  { id: Type.String({ pattern: '^[1-9][0-9]{0,15}$', description: 'A positive safe integer' }) },
  { additionalProperties: false },
);

/** A title must hold something besides white space; the server stores it trimmed. */
export const TitleSchema = Type.String({ minLength: 1, maxLength: TITLE_MAX_LENGTH, pattern: '\\S' });

export const TodoSchema = Type.Object(
  {
    id: TodoIdSchema,
    title: Type.String(),
    completed: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    version: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);

export const CreateTodoSchema = Type.Object({ title: TitleSchema }, { additionalProperties: false });

/**
 * The optional `Idempotency-Key` of a create (draft-ietf-httpapi-idempotency-key-header): a retry
 * with the same key and body within 24 hours answers the first create's result, creating nothing.
 * Other headers pass through untouched.
 */
export const CreateTodoHeadersSchema = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: IDEMPOTENCY_KEY_MAX_LENGTH,
      pattern: '^[\\x21-\\x7E]+$',
      description:
        'Makes the create safe to retry: 1..255 visible ASCII characters, unique per create, such as a quoted random string. ' +
        'The same key with the same body within 24 hours answers the first result (201, same todo and Location); with another body, 422.',
    }),
  ),
});

export const UpdateTodoSchema = Type.Object(
  { title: Type.Optional(TitleSchema), completed: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);

export const ListTodosQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PAGE_LIMIT_MAX, default: PAGE_LIMIT_DEFAULT })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: CURSOR_MAX_LENGTH })),
    completed: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const TodoPageSchema = Type.Object(
  {
    items: Type.Array(TodoSchema),
    nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as `cursor` for the next page' }),
  },
  { additionalProperties: false },
);

/** Body of the bulk update: every todo gets this `completed` value. */
export const SetAllCompletedSchema = Type.Object({ completed: Type.Boolean() }, { additionalProperties: false });

/** Query of the bulk delete: only completed todos may be deleted in bulk. */
export const DeleteTodosQuerySchema = Type.Object({ completed: Type.Literal(true) }, { additionalProperties: false });

export const BulkResultSchema = Type.Object(
  { changed: Type.Integer({ minimum: 0, description: 'How many todos the request changed' }) },
  { additionalProperties: false },
);

export type Todo = Static<typeof TodoSchema>;
export type CreateTodo = Static<typeof CreateTodoSchema>;
export type UpdateTodo = Static<typeof UpdateTodoSchema>;
export type ListTodosQuery = Static<typeof ListTodosQuerySchema>;
export type TodoPage = Static<typeof TodoPageSchema>;
export type SetAllCompleted = Static<typeof SetAllCompletedSchema>;
export type BulkResult = Static<typeof BulkResultSchema>;

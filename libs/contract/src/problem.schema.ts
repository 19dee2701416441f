import { Type, type Static } from '@sinclair/typebox';
import { TodoSchema } from './todo.schema';

export const FieldErrorSchema = Type.Object(
  {
    field: Type.String({ description: 'Where the input failed, e.g. `body/title`, `query/cursor`, `params/id`, `headers/if-match`' }),
    message: Type.String(),
  },
  { additionalProperties: false },
);

/** An RFC 9457 problem details body, as every error of the API is. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'Stable URI naming the kind of problem' }),
    title: Type.String(),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(FieldErrorSchema)),
    current: Type.Optional(TodoSchema),
  },
  { additionalProperties: false },
);

export type FieldError = Static<typeof FieldErrorSchema>;
export type Problem = Static<typeof ProblemSchema>;

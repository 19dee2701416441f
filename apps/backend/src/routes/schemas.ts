import { ProblemSchema } from '@todo/contract';
import { Type } from '@sinclair/typebox';

/** Error responses every API route may give, for the OpenAPI document. */
export const problemResponses = { '4xx': ProblemSchema, '5xx': ProblemSchema } as const;

/** An optional `If-Match` header; other headers pass through untouched. */
export const IfMatchHeadersSchema = Type.Object({
  'if-match': Type.Optional(Type.String({ maxLength: 200, description: 'The version the change requires, e.g. "3"' })),
});

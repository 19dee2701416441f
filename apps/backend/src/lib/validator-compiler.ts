import Ajv, { type Options } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

const common: Options = { allErrors: false, removeAdditional: false, useDefaults: true, strict: false };

/** Bodies, params and headers are validated as sent: `"true"` is not a boolean, `5` is not a title. */
const strict = new Ajv({ ...common, coerceTypes: false });
/** A query string holds only text, so `limit=5` and `completed=true` are read as the types they name. */
const query = new Ajv({ ...common, coerceTypes: 'array' });

/**
 * Validates every request part against the contract's schemas. Unlike Fastify's default, unknown
 * fields are rejected rather than silently removed.
 */
export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'querystring' ? query : strict).compile(schema);

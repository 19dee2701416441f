import { ProblemType, type FieldError, type Problem, type ProblemTypeUri, type Todo } from '@todo/contract';

/**
 * An error that becomes an RFC 9457 problem response as it is. Route code throws these for
 * expected outcomes (bad input, missing todo, stale version); the error handler renders them.
 */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';

  constructor(
    readonly problem: Problem,
    /** Extra response headers, such as `Retry-After`. */
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail ?? problem.title);
  }

  static validation(field: string, message: string): ProblemError {
    return new ProblemError(validationProblem([{ field, message }]));
  }

  static notFound(id: number): ProblemError {
    return problem(ProblemType.notFound, 404, 'Todo not found', `There is no todo with id ${id}`);
  }

  /** The draft's answer to a key reused with another request body. */
  static idempotencyKeyReused(): ProblemError {
    return problem(
      ProblemType.idempotencyKeyReused,
      422,
      'The Idempotency-Key was used for another request',
      'A create with this Idempotency-Key had another body; send a new key for a new todo',
      { errors: [{ field: 'headers/idempotency-key', message: 'was already used with another body' }] },
    );
  }

  /** A key whose record slot another live key holds: retrying cannot help, a new key does. */
  static idempotencyKeyConflict(): ProblemError {
    return problem(
      ProblemType.idempotencyKeyConflict,
      409,
      'The Idempotency-Key cannot be used now',
      'Another key holds this key\'s record; send a new key',
      { errors: [{ field: 'headers/idempotency-key', message: 'collides with another key' }] },
    );
  }

  static stale(current: Todo): ProblemError {
    return problem(ProblemType.preconditionFailed, 412, 'The todo has changed', 'If-Match does not name the current version', { current });
  }
}

/** Every 400 the backend sends: the fields that failed, and a detail listing them. */
export function validationProblem(errors: FieldError[]): Problem {
  const detail = errors.map((error) => `${error.field} ${error.message}`).join('; ');
  return { type: ProblemType.validation, title: 'The request is not valid', status: 400, detail, errors };
}

function problem(
  type: ProblemTypeUri,
  status: number,
  title: string,
  detail: string,
  extra: { errors?: FieldError[]; current?: Todo } = {},
): ProblemError {
  return new ProblemError({ type, title, status, detail, ...extra });
}

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
    return problem(ProblemType.validation, 400, 'The request is not valid', `${field} ${message}`, { errors: [{ field, message }] });
  }

  static notFound(id: number): ProblemError {
    return problem(ProblemType.notFound, 404, 'Todo not found', `There is no todo with id ${id}`);
  }

  static stale(current: Todo): ProblemError {
    return problem(ProblemType.preconditionFailed, 412, 'The todo has changed', 'If-Match does not name the current version', { current });
  }
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

import { parseEtag } from '@todo/contract';
import { ProblemError } from './problem-error';

/** The id from the path: the schema allows up to 16 digits, which may still exceed 2^53 - 1. */
export function readTodoId(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id)) throw ProblemError.validation('params/id', 'must be a positive safe integer');
  return id;
}

/**
 * The version an `If-Match` header demands.
 * @returns undefined when there is no condition (no header, or `*`: any current version)
 */
export function readIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const version = parseEtag(header);
  if (version === undefined) throw ProblemError.validation('headers/if-match', 'must be one strong entity tag holding a version, such as "3"');
  return version;
}

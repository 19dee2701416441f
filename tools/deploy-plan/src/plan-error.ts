/**
 * A problem the caller can fix (unknown ref, shallow clone, unknown service, bad flag).
 * The CLI prints its message without a stack trace and exits with code 2.
 */
export class PlanError extends Error {
  override readonly name = 'PlanError';
}

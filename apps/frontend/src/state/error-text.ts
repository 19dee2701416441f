import { ProblemType, TodoApiError, TodoNetworkError } from '@todo/contract/client';

/** Why a request failed, in words for the person using the site. */
export function reasonFor(error: unknown): string {
  if (error instanceof TodoNetworkError) return 'the todo service could not be reached.';
  if (error instanceof TodoApiError) {
    switch (error.type) {
      case ProblemType.badGateway:
      case ProblemType.serviceUnavailable:
        return `the todo service is unavailable right now (${error.status}).`;
      case ProblemType.rateLimited:
        return 'too many requests; try again in a moment.';
      default:
        return sentence(error.problem.detail ?? error.problem.title);
    }
  }
  return 'something unexpected went wrong.';
}

/** Quotes a todo's title in a message, shortened so a long one does not fill the screen. */
export function quote(title: string): string {
  return `“${title.length > 60 ? `${title.slice(0, 59)}…` : title}”`;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const lower = trimmed.charAt(0).toLowerCase() + trimmed.slice(1);
  return /[.!?]$/.test(lower) ? lower : `${lower}.`;
}

import { isApiError } from './api-client.ts';

/** A failed request in one line, for a snackbar: the problem's title and detail. */
export function problemText(error: unknown): string {
  if (isApiError(error)) return error.detail ? `${error.title}. ${error.detail}` : error.title;
  return error instanceof Error ? error.message : 'Something went wrong.';
}

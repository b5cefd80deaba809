/**
 * Splits a search text into the words the user search matches, the same way for every store:
 * lower-cased, split on anything that is not a letter or a digit, empties dropped.
 * "Jane O'Brien" → ["jane", "o", "brien"]; "jane.doe@acme.example" → ["jane", "doe", "acme", "example"].
 *
 * A user matches a query when every term of the query starts some word of the user's
 * display name or email split by this same function (see `matchesSearch`).
 */
export function searchTerms(q: string): string[] {
  return q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((term) => term.length > 0);
}

/** The words of a user that search terms are matched against. */
export function userSearchWords(user: { displayName: string; email: string }): string[] {
  return searchTerms(`${user.displayName} ${user.email}`);
}

/** True when every term is a prefix of some word (no terms: everything matches). */
export function matchesSearch(words: readonly string[], terms: readonly string[]): boolean {
  return terms.every((term) => words.some((word) => word.startsWith(term)));
}

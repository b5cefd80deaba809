import type { UserSearch } from '@hybrid-hub/engine';
import { wordStartPiece } from './search-text.ts';

/**
 * The FTS5 MATCH expression of a users search (the engine's parseUserSearch: every word must
 * match) on users_search, a trigram index (migration 15):
 * - a fragment (3 characters or more) is a phrase of its trigrams in the name or email column,
 *   which is "somewhere in the name or email";
 * - a 1–2 character word start is the one trigram that marks it in word_starts (search-text.ts).
 * Phrases are quoted with their quotes doubled, so no search text is read as FTS5 syntax.
 * Repeated words were dropped by parseUserSearch: each costs one more doclist walk.
 */
export function searchMatch(search: UserSearch): string {
  const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
  return [
    ...search.fragments.map((fragment) => `{name email} : ${quote(fragment)}`),
    ...search.prefixes.map((start) => `word_starts : ${quote(wordStartPiece(start))}`),
  ].join(' AND ');
}

/**
 * Where an organization's users sit in users_search: their rowids are the organization's scope
 * number (search_scopes) times 2^32 plus the user's pk, so that "users of this organization" is a
 * rowid range FTS5 seeks to, not one more term to intersect with every search (a doclist of
 * 200,000 entries). Rowids stay exact in JavaScript numbers up to 2^21 organizations, and pks
 * below 2^32 (users ever inserted) keep to their organization's range.
 */
export const SCOPE_BITS = 32;

export function scopeRange(scopeNumber: number): { low: number; high: number } {
  const low = scopeNumber * 2 ** SCOPE_BITS;
  return { low, high: low + 2 ** SCOPE_BITS - 1 };
}

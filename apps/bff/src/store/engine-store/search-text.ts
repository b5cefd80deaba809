import { searchFold, userSearchText } from '@hybrid-hub/engine';
import type Database from 'better-sqlite3';

/**
 * What the users search index (users_search, migration 15) holds for a user, worked out by the
 * engine's own functions (searchFold, userSearchText) so that SQLite matches exactly what the
 * in-memory store matches: the folded name and email, whose 3-character pieces (trigrams) find any
 * part of them, and the starts of their words for the 1–2 character searches.
 *
 * The word starts are written as trigrams too: "\x01\x01j" for a word starting with j,
 * "\x01jo" for one starting with jo. A search text never holds \x01 (folding removes control
 * characters), so these pieces occur only where a word starts.
 */
export const WORD_START = '\u0001';

/** The word_starts column of a user: every 1- and 2-character start, marked. */
export function wordStartsText(user: { displayName: string; email: string }): string {
  let text = '';
  for (const start of userSearchText(user).wordStarts) text += wordStartPiece(start);
  return text;
}

/** The trigram that marks a word start of one or two characters. */
export function wordStartPiece(start: string): string {
  return Array.from(start).length === 1 ? WORD_START + WORD_START + start : WORD_START + start;
}

/**
 * The SQL functions the users triggers call to fill users_search (migration 15). Registered on
 * every connection that applies the schema and writes users (the store's writer): SQLite keeps
 * app-defined functions per connection, and a trigger calling a missing one fails the write.
 */
export function registerSearchFunctions(db: Database.Database): void {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  db.function('search_fold', { deterministic: true }, (value) => searchFold(text(value)));
  db.function('search_word_starts', { deterministic: true }, (name, email) =>
    wordStartsText({ displayName: text(name), email: text(email) }),
  );
}

/**
 * The users search (`q`), as every store must answer it (SPEC: "`q` matches any part of name or
 * email"; docs/decisions/005-users-search.md):
 *
 * - A whole email address names its user: when `q` (case aside) is the email of a user of the
 *   organization, that user is the only match.
 * - Otherwise `q` is split on white space into words, and a user matches when EVERY word matches
 *   their display name or email, case and accents aside (`searchFold`):
 *   - a word of 3 characters or more anywhere in either ("ingh" finds Singh, "e.do" jane.doe@…);
 *   - a shorter word at the start of one of their words ("jo" finds John and Mary-Jo, not Bjorn):
 *     one or two letters are in a great many names, and an index of 3-letter pieces (what makes
 *     the substring search fast) cannot find fewer than 3.
 * - Words without a letter or digit ("-", "@.") are left out; a search of only such words, or of
 *   none, filters nothing. A word typed twice counts once.
 */

/** Words at least this long (after folding) match anywhere; shorter ones match word starts. */
export const SUBSTRING_MIN_LENGTH = 3;

const MARKS_AND_CONTROLS = /[\p{M}\p{Cc}]/gu;
const HAS_WORD_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * What search compares: lower case, accents (combining marks) and control characters removed —
 * "Émile" → "emile", "ZOË" → "zoe" — the same for the text searched and the words searched for.
 */
export function searchFold(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(MARKS_AND_CONTROLS, '').normalize('NFC');
}

/**
 * Splits a text into its words for the word-start match: lower-cased, split on anything that is
 * not a letter or a digit, empties dropped. "Jane O'Brien" → ["jane", "o", "brien"];
 * "jane.doe@acme.example" → ["jane", "doe", "acme", "example"].
 */
export function searchTerms(q: string): string[] {
  return q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((term) => term.length > 0);
}

/** A search text as the stores apply it. */
export interface UserSearch {
  /** `q` lower-cased when it could be a whole email address (it has an @), else null. */
  email: string | null;
  /** Folded words of SUBSTRING_MIN_LENGTH characters or more: each somewhere in name or email. */
  fragments: string[];
  /** Folded 1–2 character word starts: each starts some word of the name or email. */
  prefixes: string[];
}

/** The search `q` asks for, or null when it filters nothing (no word with a letter or digit). */
export function parseUserSearch(q: string | undefined): UserSearch | null {
  const fragments = new Set<string>();
  const prefixes = new Set<string>();
  for (const word of (q ?? '').split(/\s+/u)) {
    if (!HAS_WORD_CHARACTER.test(word)) continue;
    const folded = searchFold(word);
    if (characters(folded) >= SUBSTRING_MIN_LENGTH) fragments.add(folded);
    else for (const term of searchTerms(folded)) prefixes.add(term);
  }
  if (fragments.size === 0 && prefixes.size === 0) return null;
  const text = q!.trim();
  return {
    email: text.includes('@') ? text.toLowerCase() : null,
    fragments: [...fragments],
    prefixes: [...prefixes],
  };
}

/** What a user's search matches against (worked out once per user, reused for every search). */
export interface UserSearchText {
  name: string;
  email: string;
  /** The distinct starts (first one and two characters) of the words of name and email. */
  wordStarts: Set<string>;
}

export function userSearchText(user: { displayName: string; email: string }): UserSearchText {
  const name = searchFold(user.displayName);
  const email = searchFold(user.email);
  const wordStarts = new Set<string>();
  for (const word of searchTerms(`${name} ${email}`)) {
    const [first, second] = Array.from(word);
    wordStarts.add(first!);
    if (second !== undefined) wordStarts.add(first! + second);
  }
  return { name, email, wordStarts };
}

/** True when every word of the search matches (the exact email is the store's to look up). */
export function matchesUserSearch(text: UserSearchText, search: UserSearch): boolean {
  return (
    search.fragments.every((word) => text.name.includes(word) || text.email.includes(word)) &&
    search.prefixes.every((start) => text.wordStarts.has(start))
  );
}

function characters(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

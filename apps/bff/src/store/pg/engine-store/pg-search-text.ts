import { userSearchText, type UserSearch } from '@hybrid-hub/engine';

/**
 * What user_search.search_text holds for a user (migration 2), worked out by the engine's own
 * functions so PostgreSQL matches exactly what the in-memory store matches: the folded name and
 * the folded email, then the starts of their words, each between spaces:
 * "jane doe\njane.doe@a.example\n j ja d do a ac e ex ".
 *
 * A search word of 3 characters or more is `LIKE '%word%'`: it holds no white space (words are
 * split on it) and no control character (folding removes them), so it cannot span two parts,
 * nor match in the starts, whose pieces are at most 2 characters between spaces. A 1–2 character
 * word is `LIKE '% jo %'`: found in the starts; found in the name, " jo " is a word of it, so
 * its start too. pg_trgm reads " jo " as the word-start trigrams "  j", " jo", "jo ", which the
 * GIN index finds; LIKE then checks each candidate row exactly.
 */
export function searchText(user: { displayName: string; email: string }): string {
  const text = userSearchText(user);
  return `${text.name}\n${text.email}\n ${[...text.wordStarts].join(' ')} `;
}

/** The LIKE patterns a row's search_text must all match for the search (its email aside). */
export function searchPatterns(search: UserSearch): string[] {
  return [
    ...search.fragments.map((fragment) => `%${escapeLike(fragment)}%`),
    ...search.prefixes.map((start) => `% ${escapeLike(start)} %`),
  ];
}

/** LIKE's own characters taken literally (backslash is PostgreSQL's default escape). */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

import { parseUserSearch } from '@hybrid-hub/engine';
import { describe, expect, it } from 'vitest';
import { searchMatch } from './search-match.ts';

describe('searchMatch', () => {
  it('asks the index once per distinct word: "mar mar mar" costs what "mar" costs', () => {
    const once = searchMatch(parseUserSearch('mar')!);
    expect(searchMatch(parseUserSearch('mar mar mar')!)).toBe(once);
    expect(searchMatch(parseUserSearch(' MAR már  Mar ')!)).toBe(once);
    expect(searchMatch(parseUserSearch('jo jo mar jo')!)).toBe(
      searchMatch(parseUserSearch('mar jo')!),
    );
  });
});

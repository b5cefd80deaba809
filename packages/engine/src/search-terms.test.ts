import { describe, expect, it } from 'vitest';
import {
  matchesUserSearch,
  parseUserSearch,
  searchFold,
  searchTerms,
  userSearchText,
} from './search-terms.ts';
import { decodeUserCursor, encodeUserCursor } from './user-cursor.ts';

describe('searchTerms', () => {
  it('lower-cases and splits on anything but letters and digits', () => {
    expect(searchTerms("  Jane O'Brien-Smith ")).toEqual(['jane', 'o', 'brien', 'smith']);
    expect(searchTerms('jane.doe2@acme.example')).toEqual(['jane', 'doe2', 'acme', 'example']);
    expect(searchTerms('ZOË Łukasz')).toEqual(['zoë', 'łukasz']);
    expect(searchTerms(' .-@ ')).toEqual([]);
  });
});

describe('searchFold', () => {
  it('compares without case, accents or control characters', () => {
    expect(searchFold('Émile ZOË Ångström')).toBe('emile zoe angstrom');
    expect(searchFold('İstanbul François Łukasz')).toBe('istanbul francois łukasz');
    expect(searchFold('a\u0001b\u0301c')).toBe('abc');
    // Hangul syllables come apart into letters under NFD and back together.
    expect(searchFold('한국')).toBe('한국');
  });
});

describe('parseUserSearch', () => {
  it('splits on white space: long words are fragments, short ones word starts, each once', () => {
    expect(parseUserSearch('  Jane  o.br  J  jane ')).toEqual({
      email: null,
      fragments: ['jane', 'o.br'],
      prefixes: ['j'],
    });
    expect(parseUserSearch('é. Zoë')).toEqual({ email: null, fragments: ['zoe'], prefixes: ['e'] });
  });

  it('keeps a text with an @ as a possible whole email address', () => {
    expect(parseUserSearch(' Jane.Doe+x@Acme.example ')).toEqual({
      email: 'jane.doe+x@acme.example',
      fragments: ['jane.doe+x@acme.example'],
      prefixes: [],
    });
  });

  it('filters nothing without a letter or digit', () => {
    expect(parseUserSearch(undefined)).toBeNull();
    expect(parseUserSearch(' .-@ ')).toBeNull();
    expect(parseUserSearch('- @@ ...')).toBeNull();
  });
});

describe('matchesUserSearch', () => {
  const text = userSearchText({ displayName: 'Mary-Jane Singh', email: 'mj.singh@acme.example' });
  const matches = (q: string) => matchesUserSearch(text, parseUserSearch(q)!);

  it('finds a word of three characters or more in any part of the name or email', () => {
    expect(matches('ingh')).toBe(true);
    expect(matches('ry-ja')).toBe(true);
    expect(matches('j.sin')).toBe(true);
    expect(matches('SINGH@ACME')).toBe(true);
    expect(matches('ingh@b')).toBe(false);
    // Not across the name and the email.
    expect(matches('singhmj')).toBe(false);
  });

  it('finds a shorter word only at the start of a word', () => {
    expect(matches('ja')).toBe(true);
    expect(matches('s')).toBe(true);
    expect(matches('mj')).toBe(true);
    expect(matches('in')).toBe(false);
    expect(matches('ry')).toBe(false);
  });

  it('asks every word to match', () => {
    expect(matches('jane singh')).toBe(true);
    expect(matches('jane s')).toBe(true);
    expect(matches('jane smith')).toBe(false);
    expect(matches('jane x')).toBe(false);
  });
});

describe('user cursor', () => {
  it('round-trips through base64url JSON, the format every store shares', () => {
    const cursor = { k: 'émile zola', id: 'u1', d: 'prev' } as const;
    const text = encodeUserCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))).toEqual(cursor);
    expect(decodeUserCursor(text)).toEqual(cursor);
    expect(
      decodeUserCursor(Buffer.from('{"k":null,"id":"x","d":"next"}').toString('base64url')),
    ).toEqual({ k: null, id: 'x', d: 'next' });
  });

  it.each([
    '',
    'a b',
    '!!!',
    Buffer.from('[1]').toString('base64url'),
    Buffer.from('{"k":1,"id":"x","d":"up"}').toString('base64url'),
  ])('rejects %j as a cursor ValidationError', (text) => {
    expect(() => decodeUserCursor(text)).toThrow(
      expect.objectContaining({ name: 'ValidationError', field: 'cursor' }),
    );
  });
});

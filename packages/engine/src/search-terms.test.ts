import { describe, expect, it } from 'vitest';
import { matchesSearch, searchTerms, userSearchWords } from './search-terms.ts';
import { decodeUserCursor, encodeUserCursor } from './user-cursor.ts';

describe('searchTerms', () => {
  it('lower-cases and splits on anything but letters and digits', () => {
    expect(searchTerms("  Jane O'Brien-Smith ")).toEqual(['jane', 'o', 'brien', 'smith']);
    expect(searchTerms('jane.doe2@acme.example')).toEqual(['jane', 'doe2', 'acme', 'example']);
    expect(searchTerms('ZOË Łukasz')).toEqual(['zoë', 'łukasz']);
    expect(searchTerms(' .-@ ')).toEqual([]);
  });

  it('matches when every term starts some word of the name or email', () => {
    const words = userSearchWords({
      displayName: 'Mary-Jane Watson',
      email: 'mj.watson@acme.example',
    });
    expect(matchesSearch(words, searchTerms('jane wat'))).toBe(true);
    expect(matchesSearch(words, searchTerms('mj acme'))).toBe(true);
    expect(matchesSearch(words, searchTerms('atson'))).toBe(false);
    expect(matchesSearch(words, [])).toBe(true);
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

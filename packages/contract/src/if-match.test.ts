import { describe, expect, it } from 'vitest';
import { entityTag, revisionOfIfMatch } from './if-match.ts';
import { InvalidRequestError, PreconditionRequiredError } from './request-errors.ts';

describe('If-Match', () => {
  it('names the revision the ETag gave, quoted as the SPA sends it back, or bare', () => {
    expect(revisionOfIfMatch(entityTag(7))).toBe(7);
    expect(revisionOfIfMatch(' "12" ')).toBe(12);
    expect(revisionOfIfMatch('12')).toBe(12);
  });

  it('is required: without it the change cannot be guarded (428)', () => {
    for (const missing of [undefined, null, '', '  ']) {
      expect(() => revisionOfIfMatch(missing)).toThrow(PreconditionRequiredError);
    }
  });

  it('refuses what names no single revision: a weak tag, a list, *, words (400)', () => {
    for (const header of ['W/"7"', '"7", "8"', '*', 'yesterday', '"-1"', '"7']) {
      const refused = (() => {
        try {
          revisionOfIfMatch(header);
        } catch (error) {
          return error;
        }
      })();
      expect(refused, header).toBeInstanceOf(InvalidRequestError);
      expect((refused as InvalidRequestError).errors.map((e) => e.field)).toEqual([
        'headers.if-match',
      ]);
    }
  });
});

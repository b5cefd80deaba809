import { describe, expect, it } from 'vitest';
import { formatCount, formatNumber, formatRelativeTime } from './format.ts';

describe('format', () => {
  it('groups thousands', () => {
    expect(formatNumber(12340)).toBe(new Intl.NumberFormat().format(12340));
  });

  it('counts with the right plural', () => {
    expect(formatCount(1, 'user')).toBe('1 user');
    expect(formatCount(2000, 'user')).toBe(`${formatNumber(2000)} users`);
  });

  it('says how long ago, in the largest whole unit', () => {
    const now = Date.UTC(2026, 10, 2, 12, 0, 0);
    expect(formatRelativeTime(now - 3 * 3600_000, now)).toBe('3 hours ago');
    expect(formatRelativeTime(now - 2 * 24 * 3600_000, now)).toBe('2 days ago');
    expect(formatRelativeTime(now - 10_000, now)).toBe('now');
  });
});

import { describe, expect, it } from 'vitest';
import { formatCount, formatDuration, formatNumber, formatRelativeTime } from './format.ts';

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

  it('says how long something takes in whole minutes, then hours and minutes', () => {
    expect(formatDuration(0)).toBe('less than a minute');
    expect(formatDuration(29)).toBe('less than a minute');
    expect(formatDuration(30)).toBe('about 1 minute');
    expect(formatDuration(4 * 60 + 10)).toBe('about 4 minutes');
    expect(formatDuration(60 * 60)).toBe('about 1 hour');
    expect(formatDuration(80 * 60)).toBe('about 1 hour 20 minutes');
    expect(formatDuration(150 * 60)).toBe('about 2 hours 30 minutes');
  });
});

/** Numbers, dates and relative times for the console, in the browser's locale. */

const numberFormat = new Intl.NumberFormat(undefined);
const percentFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** `value` is already a percentage (0–100). */
export function formatPercent(value: number): string {
  return `${percentFormat.format(value)} %`;
}

/** "1 user", "2,000 users". */
export function formatCount(value: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(value)} ${value === 1 ? singular : plural}`;
}

export function formatDateTime(value: string | number | Date): string {
  return dateTimeFormat.format(new Date(value));
}

const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

/** "3 hours ago", "in 2 days", "now". */
export function formatRelativeTime(
  value: string | number | Date,
  now: number = Date.now(),
): string {
  const diff = new Date(value).getTime() - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return relativeFormat.format(Math.round(diff / ms), unit);
  }
  return relativeFormat.format(0, 'second');
}

/**
 * How long something takes, rounded the way an admin reads it: "less than a minute",
 * "about 4 minutes", "about 1 hour 20 minutes".
 */
export function formatDuration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `about ${formatCount(minutes, 'minute')}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `about ${formatCount(hours, 'hour')}${rest > 0 ? ` ${formatCount(rest, 'minute')}` : ''}`;
}

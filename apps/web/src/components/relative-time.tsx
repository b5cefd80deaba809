import { formatDateTime, formatRelativeTime } from '../lib/format.ts';

/** "3 hours ago", with the full date on hover; "Never" when there is no time. */
export function RelativeTime({ value, never = 'Never' }: { value: string | null; never?: string }) {
  if (value === null) return <span>{never}</span>;
  return (
    <time dateTime={value} title={formatDateTime(value)}>
      {formatRelativeTime(value)}
    </time>
  );
}

import type { UserStatus } from '@hybrid-hub/contract';
import { StatusChip, type StatusTone } from './status-chip.tsx';

export const USER_STATUS_TONE: Record<UserStatus, StatusTone> = {
  'Not activated': 'default',
  Pending: 'info',
  Active: 'success',
  Error: 'error',
};

/** A user's Message Service status, in the words of SPEC "Screens and their words". */
export function UserStatusChip({ status, title }: { status: UserStatus; title?: string }) {
  return <StatusChip label={status} tone={USER_STATUS_TONE[status]} title={title} />;
}

import type { AlarmSeverity } from '@hybrid-hub/contract';
import { StatusChip, type StatusTone } from './status-chip.tsx';

const TONE: Record<AlarmSeverity, StatusTone> = {
  critical: 'error',
  error: 'error',
  warning: 'warning',
  info: 'info',
};

export const SEVERITY_LABEL: Record<AlarmSeverity, string> = {
  critical: 'Critical',
  error: 'Error',
  warning: 'Warning',
  info: 'Info',
};

/** An alarm's severity in words (critical and error share a colour, never a word). */
export function AlarmSeverityChip({ severity }: { severity: AlarmSeverity }) {
  return <StatusChip label={SEVERITY_LABEL[severity]} tone={TONE[severity]} />;
}

import type { ConnectorState, MaintenanceState } from '@hybrid-hub/contract';
import { StatusChip, type StatusTone } from './status-chip.tsx';

type Health = 'Operational' | 'Degraded' | 'Outage';

const HEALTH_TONE: Record<Health, StatusTone> = {
  Operational: 'success',
  Degraded: 'warning',
  Outage: 'error',
};

/** Cluster health, node connectivity, IM&P node status. */
export function HealthChip({ health }: { health: Health }) {
  return <StatusChip label={health} tone={HEALTH_TONE[health]} />;
}

const CONNECTOR_TONE: Record<ConnectorState, StatusTone> = {
  Running: 'success',
  Stopped: 'default',
  Disabled: 'default',
  'Not responding': 'error',
};

export function ConnectorStateChip({ state }: { state: ConnectorState }) {
  return <StatusChip label={state} tone={CONNECTOR_TONE[state]} />;
}

const MAINTENANCE_TONE: Record<MaintenanceState, StatusTone> = {
  Off: 'default',
  'Entering maintenance mode': 'info',
  'In maintenance mode': 'warning',
};

export function MaintenanceChip({ state }: { state: MaintenanceState }) {
  return <StatusChip label={state} tone={MAINTENANCE_TONE[state]} />;
}

/** On/Off settings such as certificate validation or high availability. */
export function StatusOnOff({ value }: { value: 'On' | 'Off' }) {
  return <StatusChip label={value} tone={value === 'On' ? 'success' : 'default'} />;
}

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useHubEvents } from '../../../lib/hub-events-context.tsx';
import { throttle } from '../../../lib/throttle.ts';
import { alarmQueries } from '../api/alarm-queries.ts';

/** Alarms raised, updated or resolved elsewhere show here without a reload (once a second at most). */
export function useLiveAlarms(): void {
  const queryClient = useQueryClient();
  const [refresh] = useState(() =>
    throttle(() => void queryClient.invalidateQueries({ queryKey: alarmQueries.lists() }), 1000),
  );
  useEffect(() => () => refresh.cancel(), [refresh]);
  useHubEvents('alarms.changed', () => refresh());
}

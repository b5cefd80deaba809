import { useQuery } from '@tanstack/react-query';
import { OpenAlarmsCard } from '../../../components/alarms-card.tsx';
import { RouterLink } from '../../../components/router-link.tsx';
import { overviewQueries } from '../api/overview-queries.ts';

/** The organization's most pressing open alarms, with the way to all of them. */
export function OpenAlarms() {
  const alarms = useQuery(overviewQueries.openAlarms());
  return (
    <OpenAlarmsCard
      query={alarms}
      emptyText="No open alarms: every connector node and IM and Presence node is as it should be."
      link={
        <RouterLink to="/alarms" variant="body2">
          All alarms
        </RouterLink>
      }
    />
  );
}

import { useQuery } from '@tanstack/react-query';
import { QueryContent } from '../../../components/query-content.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { overviewQueries } from '../api/overview-queries.ts';
import { UserActivityChart } from './user-activity-chart.tsx';

/** Active vs inactive Message Service users (the guide's 72-hour window). */
export function UserActivity() {
  const activity = useQuery(overviewQueries.activity());
  return (
    <SectionCard title="Active vs inactive users" subtitle="Users enabled for the Message Service">
      <QueryContent query={activity} loadingLabel="Loading activity…">
        {(data) => <UserActivityChart activity={data} />}
      </QueryContent>
    </SectionCard>
  );
}

import type { AlarmListResponse } from '@hybrid-hub/contract';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { formatNumber } from '../lib/format.ts';
import { AlarmList } from './alarm-list.tsx';
import { QueryContent } from './query-content.tsx';
import { SectionCard } from './section-card.tsx';

/** "Open alarms", with how many there are, the first page of them, and a link to the rest. */
export function OpenAlarmsCard({
  query,
  showCluster = true,
  emptyText,
  link,
}: {
  query: UseQueryResult<AlarmListResponse>;
  showCluster?: boolean;
  emptyText: string;
  /** Where all of them are listed. */
  link: ReactNode;
}) {
  const total = query.data?.total ?? 0;
  const shown = query.data?.items.length ?? 0;
  return (
    <SectionCard
      title="Open alarms"
      subtitle={
        total > shown
          ? `The ${formatNumber(shown)} most severe of ${formatNumber(total)}`
          : total > 0
            ? `${formatNumber(total)} open`
            : undefined
      }
      flush
      actions={link}
    >
      <QueryContent query={query} loadingLabel="Loading alarms…">
        {(data) => (
          <AlarmList
            alarms={data.items}
            label="Open alarms"
            showCluster={showCluster}
            emptyText={emptyText}
          />
        )}
      </QueryContent>
    </SectionCard>
  );
}

import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client.ts';
import { AUDIT_PAGE_SIZE, auditQueryOf, type AuditFilters } from './audit-filters.ts';

export const auditQueries = {
  all: () => ['audit'] as const,
  lists: () => [...auditQueries.all(), 'list'] as const,
  list: (filters: AuditFilters) =>
    queryOptions({
      queryKey: [...auditQueries.lists(), filters] as const,
      queryFn: ({ signal }) =>
        apiClient.request('listAuditEntries', {
          query: { ...auditQueryOf(filters), page: filters.page, pageSize: AUDIT_PAGE_SIZE },
          signal,
        }),
      // Changes are made on other screens, which do not know this one: read it afresh each
      // time it is opened.
      staleTime: 0,
      placeholderData: keepPreviousData,
    }),
};

import { BULK_MAX_IDS } from '@hybrid-hub/contract';
import { apiClient } from '../../../lib/api-client.ts';

const PAGE_SIZE = 100;

/**
 * Every failed user of a job (up to what one bulk request may name), page by page: "Select
 * failed users" retries all of them, not only the page of failures on screen.
 */
export async function fetchJobFailureIds(jobId: string): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ids.length < BULK_MAX_IDS; page += 1) {
    const { items, total } = await apiClient.request('getJobFailures', {
      params: { id: jobId },
      query: { page, pageSize: PAGE_SIZE },
    });
    ids.push(...items.map((item) => item.userId));
    if (items.length === 0 || page * PAGE_SIZE >= total) break;
  }
  return ids.slice(0, BULK_MAX_IDS);
}

import { z } from 'zod';

/** Query-string numbers arrive as text; coerce, then bound them. */
export const PageNumber = z.coerce.number().int().min(1).max(1_000_000).default(1);
/** The DataGrid's MIT edition shows at most 100 rows a page, and so do we. */
export const PageSize = z.coerce.number().int().min(1).max(100).default(50);

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    /** Exact number of items matching the query, across all pages. */
    total: z.number().int().nonnegative(),
    /** 1-based. */
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1),
  });
}

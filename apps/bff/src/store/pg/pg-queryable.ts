import type { QueryResult, QueryResultRow } from 'pg';

/**
 * What runs SQL: the pool (each call on whichever connection is free) or one client (every
 * statement of a transaction on the same connection). `pg.Pool` and `pg.PoolClient` are both one,
 * so an area's SQL is written once and runs inside or outside a transaction alike.
 */
export interface PgQueryable {
  query<R extends QueryResultRow = QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<QueryResult<R>>;
}

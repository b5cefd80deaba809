import { z } from 'zod';
import { ClusterDetail, ClusterIdParams, ClusterListResponse } from './clusters.ts';
import { Health, Organization } from './organization.ts';
import { UserDetail, UserIdParams, UserListQuery, UserListResponse } from './users.ts';

/**
 * The API's route table: one entry per route, with the schemas of what goes in and out.
 * The BFF mounts its handlers from it (and validates with these schemas), the SPA's client
 * builds URLs from it, the msw handlers answer it, and later the authorization matrix test
 * walks it — so a route added here is a route every consumer knows about.
 */
export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Express-style path, `:id` for parameters. */
  path: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
}

export const API_PREFIX = '/api/v1';

export const routes = {
  health: { method: 'GET', path: '/api/health', response: Health },
  getOpenApi: {
    method: 'GET',
    path: `${API_PREFIX}/openapi.json`,
    response: z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }),
  },
  getOrganization: { method: 'GET', path: `${API_PREFIX}/organization`, response: Organization },
  listUsers: {
    method: 'GET',
    path: `${API_PREFIX}/users`,
    query: UserListQuery,
    response: UserListResponse,
  },
  getUser: {
    method: 'GET',
    path: `${API_PREFIX}/users/:id`,
    params: UserIdParams,
    response: UserDetail,
  },
  listClusters: {
    method: 'GET',
    path: `${API_PREFIX}/clusters`,
    response: ClusterListResponse,
  },
  getCluster: {
    method: 'GET',
    path: `${API_PREFIX}/clusters/:id`,
    params: ClusterIdParams,
    response: ClusterDetail,
  },
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof routes;

/** Fills `:param` placeholders, encoding each value. */
export function pathFor(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(value);
  });
}

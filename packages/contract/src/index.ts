export * from './domain.ts';
export * from './problem.ts';
export * from './paging.ts';
export * from './users.ts';
export * from './clusters.ts';
export * from './organization.ts';
export * from './routes.ts';
export * from './openapi.ts';

import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi.ts';
import { routes } from './routes.ts';

describe('buildOpenApiDocument', () => {
  const document = buildOpenApiDocument('test');

  it('describes every route of the table', () => {
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods));
    expect(operations).toHaveLength(Object.keys(routes).length);
    expect(document.paths['/api/v1/users/{id}']).toHaveProperty('get');
  });

  it('lists the users query parameters with their bounds', () => {
    const listUsers = document.paths['/api/v1/users']?.get as {
      parameters: { name: string; schema: { maximum?: number } }[];
    };
    const names = listUsers.parameters.map((parameter) => parameter.name);
    expect(names).toEqual(
      expect.arrayContaining(['q', 'status', 'sort', 'page', 'pageSize', 'cursor']),
    );
    expect(listUsers.parameters.find((p) => p.name === 'pageSize')?.schema.maximum).toBe(100);
  });
});

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

describe('routes guarded by If-Match', () => {
  const document = buildOpenApiDocument('test');
  const operation = (path: string, method: string) =>
    document.paths[path]?.[method] as {
      parameters: { name: string; in: string; required: boolean }[];
      responses: Record<string, unknown>;
    };

  it('require the header and document 412 and 428', () => {
    const setMaintenance = operation('/api/v1/nodes/{id}/maintenance', 'post');
    expect(setMaintenance.parameters).toContainEqual(
      expect.objectContaining({ name: 'If-Match', in: 'header', required: true }),
    );
    expect(Object.keys(setMaintenance.responses)).toEqual(
      expect.arrayContaining(['409', '412', '428']),
    );
  });

  it('leave the other routes alone', () => {
    const preview = operation('/api/v1/nodes/{id}/maintenance/preview', 'get');
    expect(preview.parameters.map((p) => p.name)).not.toContain('If-Match');
    expect(Object.keys(preview.responses)).not.toContain('428');
  });
});

describe('access', () => {
  const document = buildOpenApiDocument('test');
  const operation = (path: string, method: string) =>
    document.paths[path]?.[method] as { 'x-roles': unknown; responses: Record<string, unknown> };

  it('names the roles of each route and documents 401 and 403 where a session is needed', () => {
    const reactivate = operation('/api/v1/users/{id}/reactivate', 'post');
    expect(reactivate['x-roles']).toEqual(['full-admin']);
    expect(Object.keys(reactivate.responses)).toEqual(expect.arrayContaining(['401', '403']));
    const health = operation('/api/health', 'get');
    expect(health['x-roles']).toBe('public');
    expect(Object.keys(health.responses)).not.toContain('401');
  });
});

describe('request ids', () => {
  const document = buildOpenApiDocument('test');

  it('lets every operation be named by the client, and says every answer names its request', () => {
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const { parameters, responses } = operation as {
          parameters: { name: string; in: string; required: boolean }[];
          responses: Record<string, { headers?: Record<string, unknown> }>;
        };
        expect(parameters, `${method} ${path}`).toContainEqual(
          expect.objectContaining({ name: 'X-Request-Id', in: 'header', required: false }),
        );
        for (const [status, response] of Object.entries(responses)) {
          expect(response.headers, `${method} ${path} ${status}`).toHaveProperty('X-Request-Id');
        }
      }
    }
  });

  it('describes the audit entry’s requestId and the filter by it', () => {
    const list = document.paths['/api/v1/audit']?.get as {
      parameters: { name: string }[];
      responses: { '200': { content: { 'application/json': { schema: unknown } } } };
    };
    expect(list.parameters.map((p) => p.name)).toContain('requestId');
    expect(JSON.stringify(list.responses['200'].content['application/json'].schema)).toContain(
      '"requestId"',
    );
  });
});

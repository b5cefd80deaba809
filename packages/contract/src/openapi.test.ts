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

type Operation = {
  operationId: string;
  summary?: string;
  description?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, { headers?: Record<string, unknown> }>;
};

/** Every operation of the document with its route, by route name. */
function operationsOf(document: ReturnType<typeof buildOpenApiDocument>) {
  return Object.values(document.paths).flatMap((methods) =>
    Object.values(methods).map((operation) => {
      const op = operation as Operation;
      return { op, route: routes[op.operationId as keyof typeof routes] };
    }),
  );
}

describe('operations a reader and a client generator can name', () => {
  const document = buildOpenApiDocument('test');

  it('gives every operation a summary and a description, each summary its own', () => {
    const summaries = operationsOf(document).map(({ op }) => {
      expect(op.summary?.trim(), op.operationId).toBeTruthy();
      expect(op.description?.trim(), op.operationId).toBeTruthy();
      return op.summary;
    });
    expect(new Set(summaries).size).toBe(summaries.length);
  });

  it('names operations in the words of the console', () => {
    const summary = (path: string, method: string) =>
      (document.paths[path]?.[method] as Operation).summary;
    expect(summary('/api/v1/users/{id}/reactivate', 'post')).toContain('Reactivate User');
    expect(summary('/api/v1/users/{id}/history', 'get')).toContain('See history');
    expect(summary('/api/v1/clusters/{id}/message-connector/restart', 'post')).toContain(
      'Restart Message Connector',
    );
    expect(summary('/api/v1/users/export.csv', 'get')).toContain('Export CSV');
  });

  it('keeps every operationId the route name', () => {
    expect(operationsOf(document).map(({ op }) => op.operationId)).toEqual(
      expect.arrayContaining(Object.keys(routes)),
    );
  });

  it('says where the API is served', () => {
    expect((document as { servers?: unknown }).servers).toEqual([
      expect.objectContaining({ url: '/' }),
    ]);
  });
});

describe('security', () => {
  const document = buildOpenApiDocument('test');
  const where = (name: string) => {
    const schemes = (document as { components?: { securitySchemes?: object } }).components
      ?.securitySchemes as Record<string, { type: string; in: string; name: string }> | undefined;
    const found = Object.entries(schemes ?? {}).find(([, scheme]) => scheme.name === name);
    return found && { key: found[0], in: found[1].in, type: found[1].type };
  };

  it('declares the session cookie under both its names and the CSRF header', () => {
    expect(where('hub_session')).toMatchObject({ type: 'apiKey', in: 'cookie' });
    expect(where('__Host-hub_session')).toMatchObject({ type: 'apiKey', in: 'cookie' });
    expect(where('X-CSRF-Token')).toMatchObject({ type: 'apiKey', in: 'header' });
  });

  it('asks each operation for what its access rule and method need', () => {
    const csrf = where('X-CSRF-Token')!.key;
    const cookies = [where('hub_session')!.key, where('__Host-hub_session')!.key];
    for (const { op, route } of operationsOf(document)) {
      const label = op.operationId;
      const changes = route.method !== 'GET';
      if (route.access === 'public' && (!changes || label === 'signIn')) {
        expect(op.security, label).toEqual([]);
        continue;
      }
      // Every alternative names one of the cookies, and the token with it on a change.
      const alternatives = op.security ?? [];
      const withSession = alternatives.filter((requirement) => Object.keys(requirement).length);
      expect(
        withSession.map((r) => Object.keys(r).sort()),
        label,
      ).toEqual(cookies.map((cookie) => (changes ? [cookie, csrf].sort() : [cookie])));
      // A public change (signing out) may come without a session; the others may not.
      expect(alternatives.length - withSession.length, label).toBe(
        route.access === 'public' ? 1 : 0,
      );
    }
  });
});

describe('rate limits', () => {
  const document = buildOpenApiDocument('test');

  it('documents 429 with Retry-After on every route but the liveness probe', () => {
    for (const { op } of operationsOf(document)) {
      const tooMany = op.responses['429'];
      if (op.operationId === 'health') {
        expect(tooMany, 'health').toBeUndefined();
        continue;
      }
      expect(tooMany?.headers, op.operationId).toHaveProperty('Retry-After');
    }
  });

  it('says a CSV download may be refused for the downloads already under way', () => {
    for (const name of ['exportUsersCsv', 'exportAuditCsv']) {
      const op = operationsOf(document).find(({ op }) => op.operationId === name)!.op;
      expect(JSON.stringify(op.responses['429']), name).toMatch(/downloads/);
    }
  });
});

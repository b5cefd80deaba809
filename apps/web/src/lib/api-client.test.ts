import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../testing/test-server.ts';
import { ApiError, apiClient } from './api-client.ts';

describe('apiClient', () => {
  it('returns the parsed body of a route', async () => {
    const organization = await apiClient.request('getOrganization');
    expect(organization).toEqual({ id: 'acme', name: 'Acme' });
  });

  it('fills path parameters and query strings from the contract table', async () => {
    const page = await apiClient.request('listUsers', { query: { pageSize: 5, status: 'Active' } });
    expect(page.pageSize).toBe(5);
    expect(page.items.every((u) => u.status === 'Active')).toBe(true);
  });

  it('throws an ApiError carrying the problem of a 404', async () => {
    const error = await apiClient
      .request('getUser', { params: { id: 'nobody' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('names the fields at fault on a validation problem', async () => {
    const error = await apiClient
      .request('listUsers', { query: { pageSize: 500 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.problem.errors).toEqual([expect.objectContaining({ field: 'query.pageSize' })]);
  });

  it('makes a problem of an answer that is not problem+json', async () => {
    server.use(
      http.get(
        '*/api/v1/organization',
        () =>
          new HttpResponse('<html>bad gateway</html>', {
            status: 502,
            statusText: 'Bad Gateway',
            headers: { 'content-type': 'text/html' },
          }),
      ),
    );
    const error = await apiClient.request('getOrganization').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, code: 'internal_error', title: 'Bad Gateway' });
  });
});

import {
  AUDIT_EXPORT_COLUMNS,
  AuditListResponse,
  ClusterDetail,
  CSRF_HEADER,
  REQUEST_ID_HEADER,
  type AuditEntry,
} from '@hybrid-hub/contract';
import { liveFormulas, readCsv } from '@hybrid-hub/contract/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, usersIn } from '../testing/api.ts';
import { startTestBff, TEST_ADMIN, type ApiClient, type TestBff } from '../testing/test-bff.ts';

let bff: TestBff;
beforeAll(async () => {
  bff = await startTestBff();
});
afterAll(() => bff.destroy());

async function auditLog(query = '', client: ApiClient = bff): Promise<AuditListResponse> {
  return AuditListResponse.parse(await client.json(`/api/v1/audit${query ? `?${query}` : ''}`));
}

async function newest(client: ApiClient = bff): Promise<AuditEntry> {
  const [entry] = (await auditLog('pageSize=1', client)).items;
  return entry!;
}

describe('the audit trail', () => {
  it('records a reactivation with who, when, what, the target, the result and the address', async () => {
    const [user] = await usersIn(bff, 'Error');
    const before = Date.now();
    const response = await bff.send('POST', `/api/v1/users/${user!.id}/reactivate`);
    expect(response.status).toBe(200);
    const entry = await newest();
    expect(entry).toMatchObject({
      actor: { email: TEST_ADMIN, role: 'full-admin' },
      organizationId: 'acme',
      action: 'reactivateUser',
      detail: null,
      target: { kind: 'user', id: user!.id, label: user!.email },
      result: { outcome: 'succeeded', status: 200, code: null },
      clientAddress: '127.0.0.1',
    });
    // Sessions' clock: the wall clock, never the engine's simulation clock.
    expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(
      bff.sessionClock.now() - (Date.now() - before) - 1000,
    );
  });

  it('says what a change asked for: the switch turned off, the bulk action and its size', async () => {
    const users = await usersIn(bff, 'Active', { count: 2 });
    await bff.send('PUT', `/api/v1/users/${users[0]!.id}/message-service`, { enabled: false });
    expect(await newest()).toMatchObject({
      action: 'setMessageService',
      detail: 'off',
      target: { kind: 'user', id: users[0]!.id, label: users[0]!.email },
    });
    const bulk = await bff.send('POST', '/api/v1/users/bulk', {
      action: 'deactivate',
      selection: { kind: 'ids', ids: users.map((u) => u.id) },
    });
    const job = (await bulk.json()) as { id: string };
    expect(await newest()).toMatchObject({
      action: 'startBulkJob',
      detail: 'deactivate 2 selected users',
      target: { kind: 'job', id: job.id },
      result: { outcome: 'succeeded', status: bulk.status },
    });
  });

  it('does not record reads', async () => {
    const { total } = await auditLog();
    const [user] = await usersIn(bff, 'Active');
    await bff.json(`/api/v1/users/${user!.id}`);
    await bff.json(`/api/v1/users/${user!.id}/history`);
    await bff.json('/api/v1/clusters');
    await (await bff.get('/api/v1/audit/export.csv')).text();
    await auditLog('action=signIn');
    expect((await auditLog()).total).toBe(total);
  });

  it('records refusals as failed, with the status and the problem’s code', async () => {
    const [user] = await usersIn(bff, 'Error');
    const support = await bff.signIn('support@acme.example');
    await expectProblem(
      await support.send('POST', `/api/v1/users/${user!.id}/reactivate`),
      403,
      'forbidden',
    );
    expect(await newest()).toMatchObject({
      actor: { email: 'support@acme.example', role: 'support-admin' },
      action: 'reactivateUser',
      target: { kind: 'user', id: user!.id, label: null },
      result: { outcome: 'failed', status: 403, code: 'forbidden' },
    });

    // The session's cookie without its CSRF token: refused, and recorded under that session.
    const { [CSRF_HEADER]: _token, ...cookieOnly } = bff.headers;
    const forged = await fetch(`${bff.url}/api/v1/users/${user!.id}/reactivate`, {
      method: 'POST',
      headers: cookieOnly,
    });
    await expectProblem(forged, 403, 'csrf_failed');
    expect(await newest()).toMatchObject({
      actor: { email: TEST_ADMIN },
      result: { outcome: 'failed', status: 403, code: 'csrf_failed' },
    });

    await expectProblem(
      await bff.send('PUT', `/api/v1/users/${user!.id}/message-service`, { enabled: 'yes' }),
      400,
      'validation_failed',
    );
    // An invalid body says nothing trustworthy: no detail.
    expect(await newest()).toMatchObject({
      action: 'setMessageService',
      detail: null,
      result: { outcome: 'failed', status: 400, code: 'validation_failed' },
    });
  });

  it('records a stale If-Match (412) and the last available node (409) as failed', async () => {
    const emea = ClusterDetail.parse(await bff.json('/api/v1/clusters/acme-exp-emea'));
    const node = emea.nodes[1]!;
    const stale = await bff.send(
      'POST',
      `/api/v1/nodes/${node.id}/maintenance`,
      { action: 'enter' },
      { 'If-Match': `"${node.revision + 5}"` },
    );
    await expectProblem(stale, 412, 'precondition_failed');
    expect(await newest()).toMatchObject({
      action: 'setMaintenance',
      detail: 'enter',
      target: { kind: 'node', id: node.id, label: null },
      result: { outcome: 'failed', status: 412, code: 'precondition_failed' },
    });

    // Singapore: one node in maintenance mode, the other not responding.
    const singapore = ClusterDetail.parse(await bff.json('/api/v1/clusters/acme-exp-singapore'));
    const inMaintenance = singapore.nodes.find((n) => n.maintenance === 'In maintenance mode')!;
    const exit = await bff.send(
      'POST',
      `/api/v1/nodes/${inMaintenance.id}/maintenance`,
      { action: 'exit' },
      { 'If-Match': `"${inMaintenance.revision}"` },
    );
    const exited = (await exit.json()) as { revision: number };
    expect(await newest()).toMatchObject({
      detail: 'exit',
      target: { kind: 'node', id: inMaintenance.id, label: inMaintenance.hostname },
      result: { outcome: 'succeeded', status: 200 },
    });
    const refused = await bff.send(
      'POST',
      `/api/v1/nodes/${inMaintenance.id}/maintenance`,
      { action: 'enter' },
      { 'If-Match': `"${exited.revision}"` },
    );
    await expectProblem(refused, 409, 'last_available_node');
    expect(await newest()).toMatchObject({
      result: { outcome: 'failed', status: 409, code: 'last_available_node' },
    });
  });
});

describe('signing in and out', () => {
  it('records a sign-in, a failed one for a known account, and a sign-out', async () => {
    const readOnly = await bff.signIn('readonly@acme.example');
    expect(await newest()).toMatchObject({
      actor: { email: 'readonly@acme.example', role: 'read-only-admin' },
      action: 'signIn',
      target: null,
      result: { outcome: 'succeeded', status: 201 },
    });
    const wrong = await bff.anonymous.send('POST', '/api/v1/session', {
      email: 'readonly@acme.example',
      password: 'not-the-password',
    });
    expect(wrong.status).toBe(401);
    const failed = await newest();
    expect(failed).toMatchObject({
      actor: { email: 'readonly@acme.example' },
      action: 'signIn',
      detail: null,
      result: { outcome: 'failed', status: 401, code: 'unauthorized' },
    });
    expect(JSON.stringify(failed)).not.toContain('not-the-password');

    expect((await readOnly.send('DELETE', '/api/v1/session')).status).toBe(204);
    expect(await newest()).toMatchObject({
      actor: { email: 'readonly@acme.example' },
      action: 'signOut',
      result: { outcome: 'succeeded', status: 204 },
    });
  });

  it('keeps requests that name no organization out of every log', async () => {
    const before = (await auditLog()).total;
    await bff.anonymous.send('POST', '/api/v1/session', {
      email: 'nobody@nowhere.example',
      password: 'whatever-it-is',
    });
    await bff.anonymous.send('POST', '/api/v1/users/any/reactivate');
    expect((await auditLog()).total).toBe(before);
  });
});

describe('GET /api/v1/audit', () => {
  it('filters by who, action, target, result and time, newest first, a page at a time', async () => {
    const users = await usersIn(bff, 'Error', { count: 3 });
    // The test's wall clock stands still unless moved: a second later, these entries alone.
    bff.sessionClock.advance(1000);
    const startedAt = new Date(bff.sessionClock.now()).toISOString();
    for (const user of users) await bff.send('POST', `/api/v1/users/${user.id}/reactivate`);

    const reactivations = await auditLog(`action=reactivateUser&from=${startedAt}&pageSize=2`);
    expect(reactivations.total).toBe(3);
    expect(reactivations.items.map((e) => e.target?.id)).toEqual([users[2]!.id, users[1]!.id]);
    const second = await auditLog(`action=reactivateUser&from=${startedAt}&pageSize=2&page=2`);
    expect(second.items.map((e) => e.target?.id)).toEqual([users[0]!.id]);

    const byTarget = await auditLog(`targetId=${users[1]!.id}`);
    expect(byTarget.items.every((e) => e.target?.id === users[1]!.id)).toBe(true);
    expect(byTarget.total).toBeGreaterThanOrEqual(1);

    const byActor = await auditLog('actor=SUPPORT@acme.example');
    expect(byActor.total).toBeGreaterThan(0);
    expect(byActor.items.every((e) => e.actor.email === 'support@acme.example')).toBe(true);

    const failed = await auditLog('result=failed&pageSize=100');
    expect(failed.items.length).toBeGreaterThan(0);
    expect(failed.items.every((e) => e.result.outcome === 'failed')).toBe(true);

    const future = new Date(bff.sessionClock.now() + 3_600_000).toISOString();
    expect((await auditLog(`from=${future}`)).total).toBe(0);
    expect((await auditLog(`to=${startedAt}&action=reactivateUser`)).items).not.toContainEqual(
      expect.objectContaining({ target: expect.objectContaining({ id: users[2]!.id }) }),
    );

    const everything = await auditLog('pageSize=100');
    const ids = everything.items.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(everything.total).toBe(everything.items.length);
  });

  it('names the query fields at fault', async () => {
    const response = await bff.get('/api/v1/audit?result=maybe&from=yesterday&pageSize=500');
    const problem = await expectProblem(response, 400, 'validation_failed');
    expect(problem.errors?.map((e) => e.field).sort()).toEqual([
      'query.from',
      'query.pageSize',
      'query.result',
    ]);
  });

  it('is read by Full and Read-only administrators; Support administrators are refused', async () => {
    const readOnly = await bff.signIn('readonly@acme.example');
    expect((await auditLog('', readOnly)).total).toBeGreaterThan(0);
    const support = await bff.signIn('support@acme.example');
    await expectProblem(await support.get('/api/v1/audit'), 403, 'forbidden');
    await expectProblem(await support.get('/api/v1/audit/export.csv'), 403, 'forbidden');
  });

  it("never shows another organization's entries", async () => {
    const globex = await bff.signIn('admin@globex.example');
    const [globexUser] = (
      (await globex.json('/api/v1/users?status=Active&pageSize=1')) as { items: { id: string }[] }
    ).items;
    await globex.send('POST', `/api/v1/users/${globexUser!.id}/reactivate`);
    // An Acme user's id asked from Globex: Globex's own (failed) attempt, in Globex's log.
    const [acmeUser] = await usersIn(bff, 'Error');
    await globex.send('POST', `/api/v1/users/${acmeUser!.id}/reactivate`);

    const globexLog = await auditLog('pageSize=100', globex);
    expect(globexLog.items.every((e) => e.organizationId === 'globex')).toBe(true);
    expect(globexLog.items.map((e) => e.actor.email)).not.toContain(TEST_ADMIN);
    expect(globexLog.items[0]).toMatchObject({
      target: { id: acmeUser!.id },
      result: { status: 404, code: 'not_found' },
    });
    const acmeLog = await auditLog('pageSize=100');
    expect(acmeLog.items.every((e) => e.organizationId === 'acme')).toBe(true);
    expect(acmeLog.items.map((e) => e.actor.email)).not.toContain('admin@globex.example');
    expect((await auditLog(`targetId=${globexUser!.id}`)).total).toBe(0);
  });
});

describe('GET /api/v1/audit/export.csv', () => {
  it('downloads the filtered entries, newest first, under its columns', async () => {
    const { total } = await auditLog('action=reactivateUser');
    const response = await bff.get('/api/v1/audit/export.csv?action=reactivateUser');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="audit-log-acme-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const [header, ...rows] = readCsv(await response.text());
    expect(header).toEqual([...AUDIT_EXPORT_COLUMNS]);
    expect(rows).toHaveLength(total);
    const page = await auditLog('action=reactivateUser&pageSize=1');
    expect(rows[0]).toEqual([
      page.items[0]!.at,
      page.items[0]!.actor.email,
      'Full administrator',
      'Reactivate User',
      '',
      'user',
      page.items[0]!.target!.id,
      page.items[0]!.target!.label ?? '',
      page.items[0]!.result.outcome,
      String(page.items[0]!.result.status),
      page.items[0]!.result.code ?? '',
      '127.0.0.1',
      page.items[0]!.requestId,
      '',
    ]);
  });

  it('keeps line breaks planted in a path or a field inside their cell, with no live formula', async () => {
    // Refused (Support may not reactivate) but recorded, with the path's id decoded.
    const support = await bff.signIn('support@acme.example');
    for (const id of [
      "%0A%3Dcmd%7C'%2FC%20calc'!A0",
      "%0D%3Dcmd%7C'%2FC%20calc'!A0",
      '%0D%0A%40SUM(A1)',
      'a%0A%0D%09%2B1',
    ]) {
      await expectProblem(
        await support.send('POST', `/api/v1/users/${id}/reactivate`),
        403,
        'forbidden',
      );
    }
    expect((await newest()).target?.id).toBe('a\n\r\t+1');
    const [user] = await usersIn(bff, 'Active');
    const mailid = await bff.send('PUT', `/api/v1/lab/users/${user!.id}`, {
      directory: { mailid: 'x\n=2*21' },
    });
    expect(mailid.status).toBe(200);
    expect((await newest()).detail).toBe('directory.mailid: x\n=2*21');

    const { total } = await auditLog('pageSize=1');
    const text = await (await bff.get('/api/v1/audit/export.csv')).text();
    const [header, ...rows] = readCsv(text);
    expect(header).toEqual([...AUDIT_EXPORT_COLUMNS]);
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((row) => row.length))).toEqual(new Set([AUDIT_EXPORT_COLUMNS.length]));
    expect(liveFormulas(text)).toEqual([]);
    // The text is all there, made harmless.
    expect(rows.map((row) => row[6])).toContain("\n'=cmd|'/C calc'!A0");
    expect(rows.map((row) => row[4])).toContain("directory.mailid: x\n'=2*21");
  });
});

describe('request ids', () => {
  it('keeps the X-Request-Id of the answer with its entry, in the log, the CSV and as a filter', async () => {
    const [user] = await usersIn(bff, 'Error');
    const response = await bff.send('POST', `/api/v1/users/${user!.id}/reactivate`);
    expect(response.status).toBe(200);
    const requestId = response.headers.get(REQUEST_ID_HEADER)!;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const entry = await newest();
    expect(entry).toMatchObject({ action: 'reactivateUser', requestId });

    const found = await auditLog(`requestId=${requestId}`);
    expect(found.items.map((e) => e.id)).toEqual([entry.id]);
    expect(found.total).toBe(1);

    const csv = await bff.get(`/api/v1/audit/export.csv?requestId=${requestId}`);
    const [header, ...rows] = readCsv(await csv.text());
    expect(rows).toHaveLength(1);
    expect(rows[0]![header!.indexOf('Request id')]).toBe(requestId);
    expect(rows[0]![header!.indexOf('Target id')]).toBe(user!.id);
  });

  it("keeps a client's own id beside the request's: two admins sending the same one never share an entry's id", async () => {
    const [user] = await usersIn(bff, 'Error');
    const readOnly = await bff.signIn('readonly@acme.example');
    const sent = 'ticket-4711.retry-2';
    const answers = [];
    for (const client of [bff, readOnly]) {
      const response = await client.send(
        'POST',
        `/api/v1/users/${user!.id}/reactivate`,
        undefined,
        { [REQUEST_ID_HEADER]: sent },
      );
      await response.arrayBuffer();
      answers.push(response.headers.get(REQUEST_ID_HEADER)!);
    }
    expect(answers[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(answers[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(answers[0]).not.toBe(answers[1]);

    // Each answer's id finds its own request's entry alone; the client's id is kept in each.
    const found = await Promise.all(answers.map((id) => auditLog(`requestId=${id}`)));
    expect(found.map((page) => page.total)).toEqual([1, 1]);
    expect(found.map((page) => page.items[0])).toEqual([
      expect.objectContaining({
        actor: { email: TEST_ADMIN, role: 'full-admin' },
        result: expect.objectContaining({ status: 200 }),
        requestId: answers[0],
        clientRequestId: sent,
      }),
      expect.objectContaining({
        actor: { email: 'readonly@acme.example', role: 'read-only-admin' },
        result: expect.objectContaining({ status: 403 }),
        requestId: answers[1],
        clientRequestId: sent,
      }),
    ]);
    // The client's own id is no request's id: it finds nothing by itself.
    expect((await auditLog(`requestId=${sent}`)).total).toBe(0);

    const csv = await bff.get(`/api/v1/audit/export.csv?requestId=${answers[1]}`);
    const [header, ...rows] = readCsv(await csv.text());
    expect(header!.at(-1)).toBe('Client request id');
    expect(rows.map((row) => [row[header!.indexOf('Request id')], row.at(-1)])).toEqual([
      [answers[1], sent],
    ]);
  });

  it('names a refusal by the id its problem quotes, with no client id when none was sent', async () => {
    const [user] = await usersIn(bff, 'Error');
    const support = await bff.signIn('support@acme.example');
    const refused = await support.send('POST', `/api/v1/users/${user!.id}/reactivate`);
    const problem = await expectProblem(refused, 403, 'forbidden');
    expect(problem.requestId).toBe(refused.headers.get(REQUEST_ID_HEADER));
    const [entry] = (await auditLog(`requestId=${problem.requestId}`)).items;
    expect(entry).toMatchObject({
      actor: { email: 'support@acme.example' },
      result: { outcome: 'failed', status: 403, code: 'forbidden' },
      requestId: problem.requestId,
      clientRequestId: null,
    });
  });

  it('names an id it would never give as the field at fault', async () => {
    const response = await bff.get('/api/v1/audit?requestId=%3Cscript%3E');
    const problem = await expectProblem(response, 400, 'validation_failed');
    expect(problem.errors?.map((e) => e.field)).toEqual(['query.requestId']);
  });
});

describe('append-only', () => {
  it('has no route that changes or removes an entry', async () => {
    for (const method of ['POST', 'PUT', 'DELETE'] as const) {
      await expectProblem(await bff.send(method, '/api/v1/audit'), 404, 'not_found');
      await expectProblem(await bff.send(method, '/api/v1/audit/1'), 404, 'not_found');
    }
  });

  it('has a store that can only append and read, over tables that refuse changes', async () => {
    expect(Object.keys(bff.audit).sort()).toEqual([
      'appendAuditEntry',
      'exportAuditEntries',
      'listAuditEntries',
    ]);
    const { total } = await auditLog();
    await expect(
      bff.store.useConnection((db) =>
        db.prepare("UPDATE audit_entries SET actor_email = 'someone@else'").run(),
      ),
    ).rejects.toThrow('the audit log is append-only');
    await expect(
      bff.store.useConnection((db) => db.prepare('DELETE FROM audit_entries').run()),
    ).rejects.toThrow('the audit log is append-only');
    expect((await auditLog()).total).toBe(total);
  });
});

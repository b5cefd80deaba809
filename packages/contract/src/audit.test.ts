import { describe, expect, it } from 'vitest';
import { auditDetailOf, auditExportCells, auditTargetOf } from './audit-description.ts';
import { AUDIT_EXPORT_COLUMNS, AuditListQuery } from './audit.ts';
import { csvRecords } from './csv-writer.ts';

describe('AuditListQuery', () => {
  it('reads empty fields as no filter, and the actor without regard to case', () => {
    expect(
      AuditListQuery.parse({ actor: ' Admin@ACME.example ', action: '', result: '', from: '' }),
    ).toEqual({ actor: 'admin@acme.example', page: 1, pageSize: 50 });
  });

  it('refuses a range that ends before it starts, naming `to`', () => {
    const result = AuditListQuery.safeParse({
      from: '2025-05-02T00:00:00Z',
      to: '2025-05-01T00:00:00Z',
    });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['to']);
  });

  it('filters by a request id only as the BFF gives them: no spaces, no markup, 64 at most', () => {
    expect(AuditListQuery.parse({ requestId: 'req-42.a:b_c' }).requestId).toBe('req-42.a:b_c');
    expect(AuditListQuery.parse({ requestId: '' }).requestId).toBeUndefined();
    for (const requestId of ['a b', '<script>', 'x'.repeat(65)]) {
      const result = AuditListQuery.safeParse({ requestId });
      expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['requestId']);
    }
  });
});

describe('what an entry says about a request', () => {
  it('names the target from the path and labels it from the answer', () => {
    expect(
      auditTargetOf({
        action: 'setMaintenance',
        params: { id: 'n-1' },
        body: { action: 'enter' },
        response: { id: 'n-1', hostname: 'exp1.acme.example' },
      }),
    ).toEqual({ kind: 'node', id: 'n-1', label: 'exp1.acme.example' });
    expect(
      auditTargetOf({
        action: 'reactivateUser',
        params: { id: 'u-9' },
        body: {},
        response: undefined,
      }),
    ).toEqual({ kind: 'user', id: 'u-9', label: null });
    expect(
      auditTargetOf({ action: 'advanceLabClock', params: {}, body: { minutes: 5 }, response: {} }),
    ).toBeNull();
  });

  it('says what a valid body asked for, and nothing for an invalid one or a sign-in', () => {
    const of = (action: Parameters<typeof auditDetailOf>[0]['action'], body: unknown) =>
      auditDetailOf({ action, params: {}, body, response: undefined });
    expect(of('setMaintenance', { action: 'enter', force: true })).toBe('enter, forced');
    expect(
      of('startBulkJob', { action: 'activate', selection: { kind: 'filter', status: 'Error' } }),
    ).toBe('activate all users in Error');
    expect(of('updateLabNode', { reachable: false })).toBe('reachable: off');
    expect(of('updateLabUser', { entitlements: { hybridMessage: true } })).toBe(
      'entitlements.hybridMessage: on',
    );
    expect(of('setMessageService', { enabled: 'yes' })).toBeNull();
    expect(of('signIn', { email: 'a@b.c', password: 'secret' })).toBeNull();
  });

  it('keeps a spreadsheet from running an exported cell as a formula', () => {
    const cells = auditExportCells({
      id: '1',
      at: '2025-05-01T10:00:00.000Z',
      actor: { email: 'admin@acme.example', role: 'full-admin' },
      organizationId: 'acme',
      action: 'addLabImpNode',
      detail: 'address: =HYPERLINK("x")',
      target: { kind: 'imp-cluster', id: 'c1\n=1+1', label: '=HYPERLINK("x")' },
      result: { outcome: 'succeeded', status: 200, code: null },
      clientAddress: '127.0.0.1',
      requestId: '0b7e',
      clientRequestId: '-2-1',
    });
    expect(cells[3]).toBe('Lab: add an IM and Presence node');
    expect(cells).toHaveLength(AUDIT_EXPORT_COLUMNS.length);
    // The client's own request id is the last column; one it chose (`-2-1` is a safe id, and a
    // formula) is neutralized like any cell, by the one writer.
    expect(csvRecords([cells.slice(5)])).toBe(
      'imp-cluster,"c1\n\'=1+1","\'=HYPERLINK(""x"")",succeeded,200,,127.0.0.1,0b7e,\'-2-1\r\n',
    );
  });
});

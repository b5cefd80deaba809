import { AuditListQuery } from '@hybrid-hub/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { AUDIT_START, auditEntry, describeAuditStore } from '../../bff-tables/audit-store-suite.ts';
import { freshBffTables } from './fresh-bff-tables.ts';
import { PgAuditStore } from './pg-audit.ts';

describeAuditStore('PostgreSQL', async () => {
  const tables = await freshBffTables();
  return { audit: new PgAuditStore(tables.pool), close: () => tables.drop() };
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((drop) => drop()));
});

describe('the PostgreSQL audit log with two replicas', () => {
  it('keeps one order: entries appended at once through both are numbered in time order', async () => {
    const tables = await freshBffTables();
    cleanups.push(tables.drop);
    const replicas = [new PgAuditStore(tables.pool), new PgAuditStore(tables.replica())];
    // Each replica's clock a little off the other's, and their requests interleaved.
    const appended = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        replicas[i % 2]!.appendAuditEntry(auditEntry(i, AUDIT_START + i * 1000 + (i % 2) * 5000)),
      ),
    );
    const { items, total } = await replicas[1]!.listAuditEntries(
      'acme',
      AuditListQuery.parse({ pageSize: 100 }),
    );
    expect(total).toBe(100);
    expect(items.map((e) => e.id).sort()).toEqual(appended.map((e) => e.id).sort());
    const oldestFirst = items.reverse();
    const times = oldestFirst.map((e) => Date.parse(e.at));
    expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
  });

  it('refuses to change or remove an entry', async () => {
    const tables = await freshBffTables();
    cleanups.push(tables.drop);
    await new PgAuditStore(tables.pool).appendAuditEntry(auditEntry(1, AUDIT_START));
    await expect(tables.pool.query("UPDATE audit_entries SET detail = 'x'")).rejects.toThrow(
      'the audit log is append-only',
    );
    await expect(tables.pool.query('DELETE FROM audit_entries')).rejects.toThrow(
      'the audit log is append-only',
    );
  });
});

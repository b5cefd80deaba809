import { AuditListQuery } from '@hybrid-hub/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { AUDIT_START, auditEntry, describeAuditStore } from '../../bff-tables/audit-store-suite.ts';
import { freshPgSchema } from '../../../testing/test-postgres.ts';
import { BFF_TABLES_MIGRATIONS } from '../migrations/bff-tables.ts';
import { applyPgMigrations } from '../pg-migrations.ts';
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

describe('entries written before their positions were kept (migration 4)', () => {
  it('are numbered in order per organization, and the log goes on after them', async () => {
    const schema = await freshPgSchema();
    cleanups.push(schema.drop);
    await applyPgMigrations(
      schema.pool,
      BFF_TABLES_MIGRATIONS.filter((m) => m.version < 4),
    );
    // As migration 3's appends left them: globex's entry between two of acme's.
    await schema.pool.query(`
      INSERT INTO audit_heads (org_id, last_at) VALUES ('acme', ${AUDIT_START + 2}),
        ('globex', ${AUDIT_START + 1});
      INSERT INTO audit_entries (org_id, at, actor_email, actor_role, action, outcome, status,
        client_address)
      SELECT org, ${AUDIT_START} + n, 'ann@acme.example', 'full-admin', 'signIn', 'succeeded',
        201, '10.0.0.1'
      FROM (VALUES (1, 'acme'), (2, 'globex'), (3, 'acme')) v(n, org) ORDER BY n`);
    await applyPgMigrations(schema.pool, BFF_TABLES_MIGRATIONS);

    const audit = new PgAuditStore(schema.pool);
    const added = await audit.appendAuditEntry(auditEntry(1, AUDIT_START + 60_000));
    const page = await audit.listAuditEntries('acme', AuditListQuery.parse({ pageSize: 2 }));
    expect(page.total).toBe(3);
    expect(page.items.map((e) => e.id)).toEqual([added.id, '3']);
    const last = await audit.listAuditEntries(
      'acme',
      AuditListQuery.parse({ page: 2, pageSize: 2 }),
    );
    expect(last.items.map((e) => e.id)).toEqual(['1']);
    const { rows } = await schema.pool.query('SELECT org_id, seq FROM audit_entries ORDER BY id');
    expect(rows).toEqual([
      { org_id: 'acme', seq: 1 },
      { org_id: 'globex', seq: 1 },
      { org_id: 'acme', seq: 2 },
      { org_id: 'acme', seq: 3 },
    ]);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AuditListQuery } from '@hybrid-hub/contract';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations, migrations } from '../migrations.ts';
import { openSqliteStore } from '../engine-store/sqlite-store.ts';
import { AUDIT_ENTRIES, AUDIT_START, auditEntry, describeAuditStore } from './audit-store-suite.ts';
import { sqliteAuditStore } from './sqlite-audit.ts';

const directory = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-audit-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const log = describeAuditStore('SQLite', async () => {
  const store = openSqliteStore(path.join(directory, 'audit.db'));
  await store.useConnection((db) =>
    db.exec("INSERT INTO organizations (id, name) VALUES ('acme', 'Acme'), ('globex', 'Globex')"),
  );
  return { audit: sqliteAuditStore(store), close: () => store.close() };
});

describe('the SQLite audit store’s numbering', () => {
  it('numbers each organization’s entries 1, 2, 3…', async () => {
    expect(log.acme.map((e) => e.id)).toEqual(log.acme.map((_, i) => String(i + 1)));
    const globex = await log
      .audit()
      .listAuditEntries('globex', AuditListQuery.parse({ pageSize: 100 }));
    expect(globex.items[0]!.id).toBe(String(AUDIT_ENTRIES / 10));
  });
});

describe('entries written before request ids were kept (migration 11)', () => {
  it('read with no request id, and the log goes on with ids after the upgrade', async () => {
    const file = path.join(directory, 'before-11.db');
    const db = new Database(file);
    applyMigrations(
      db,
      migrations.filter((m) => m.version < 11),
    );
    db.exec(`INSERT INTO organizations (id, name) VALUES ('acme', 'Acme');
      INSERT INTO audit_entries (org_id, seq, at, actor_email, actor_role, action, outcome, status,
        client_address)
      VALUES ('acme', 1, ${AUDIT_START}, 'ann@acme.example', 'full-admin', 'signIn', 'succeeded', 201,
        '10.0.0.1')`);
    db.close();

    const upgraded = openSqliteStore(file);
    try {
      const audit = sqliteAuditStore(upgraded);
      await audit.appendAuditEntry(auditEntry(1, AUDIT_START + 60_000));
      const { items } = await audit.listAuditEntries('acme', AuditListQuery.parse({}));
      expect(items.map((e) => [e.id, e.requestId])).toEqual([
        ['2', 'req-1'],
        ['1', null],
      ]);
    } finally {
      await upgraded.close();
    }
  });
});

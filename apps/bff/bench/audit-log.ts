/**
 * The audit log on 200,000 entries of one organization (BENCH_AUDIT_ENTRIES): how fast entries
 * are appended one request at a time, and what a page costs — first, middle and last, unfiltered
 * and under each filter — and the whole export. Run: node --import tsx bench/audit-log.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AuditListQuery, type AuditAction, type AuditListQueryInput } from '@hybrid-hub/contract';
import type { NewAuditEntry } from '../src/audit/audit-store.ts';
import { sqliteAuditStore } from '../src/store/bff-tables/sqlite-audit.ts';
import { openSqliteStore } from '../src/store/engine-store/sqlite-store.ts';
import { percentiles } from './percentiles.ts';
import { printTable } from './print-table.ts';

const entries = Number(process.env.BENCH_AUDIT_ENTRIES ?? 200_000);
const ACTORS = Array.from({ length: 12 }, (_, i) => `admin${i}@acme.example`);
const ACTIONS: AuditAction[] = [
  'reactivateUser',
  'setMessageService',
  'startBulkJob',
  'setMaintenance',
  'signIn',
  'signOut',
];
const START = Date.parse('2025-01-01T00:00:00Z');
const STEP_MS = 30_000; // one entry every 30 s: 200,000 entries span about 70 days

function entry(i: number): NewAuditEntry {
  return {
    orgId: 'acme',
    at: START + i * STEP_MS,
    actor: { email: ACTORS[i % ACTORS.length]!, role: 'full-admin' },
    action: ACTIONS[(i * 7) % ACTIONS.length]!,
    detail: null,
    target: { kind: 'user', id: `acme-u${String(i % 20_000).padStart(6, '0')}`, label: null },
    result:
      i % 20 === 0
        ? { outcome: 'failed', status: 403, code: 'forbidden' }
        : { outcome: 'succeeded', status: 200, code: null },
    clientAddress: '203.0.113.7',
    requestId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  };
}

const directory = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-audit-bench-'));
const store = openSqliteStore(path.join(directory, 'audit.db'));
try {
  await store.useConnection((db) =>
    db.exec("INSERT INTO organizations (id, name) VALUES ('acme', 'Acme')"),
  );
  const audit = sqliteAuditStore(store);
  const appendTimes: number[] = [];
  const started = performance.now();
  for (let i = 0; i < entries; i++) {
    const t = performance.now();
    await audit.appendAuditEntry(entry(i));
    appendTimes.push(performance.now() - t);
  }
  const seconds = (performance.now() - started) / 1000;
  const append = percentiles(appendTimes);
  console.log(
    `Appended ${entries.toLocaleString('en-US')} entries one at a time: ${seconds.toFixed(1)} s ` +
      `(${Math.round(entries / seconds).toLocaleString('en-US')}/s; p50 ${append.p50.toFixed(3)} ms, ` +
      `p99 ${append.p99.toFixed(3)} ms)\n`,
  );
  await store.optimize();

  const day = (n: number) => new Date(START + n * 86_400_000).toISOString();
  const last = Math.ceil(entries / 50);
  const scenarios: [string, AuditListQueryInput][] = [
    ['unfiltered, page 1', {}],
    [`unfiltered, page ${Math.floor(last / 2)}`, { page: Math.floor(last / 2) }],
    [`unfiltered, last page ${last}`, { page: last }],
    ['one action, page 1', { action: 'setMaintenance' }],
    ['one action, its middle page', { action: 'setMaintenance', page: Math.floor(last / 12) }],
    ['one action, its last page', { action: 'setMaintenance', page: Math.ceil(last / 6) }],
    ['one admin, its middle page', { actor: ACTORS[3], page: Math.floor(last / 24) }],
    ['failed only, last page', { result: 'failed', page: Math.ceil(entries / 20 / 50) }],
    ['succeeded only, middle page', { result: 'succeeded', page: Math.floor(last / 2) }],
    ['one target', { targetId: 'acme-u001234' }],
    ['one request id', { requestId: `00000000-0000-4000-8000-${String(4321).padStart(12, '0')}` }],
    ['one day', { from: day(30), to: day(31) }],
    ['one day, one admin', { from: day(30), to: day(31), actor: ACTORS[5] }],
    [
      'a month, one admin, one action, last page',
      { from: day(10), to: day(40), actor: ACTORS[2], action: 'startBulkJob', page: 70 },
    ],
  ];
  const rows: string[][] = [];
  for (const [label, input] of scenarios) {
    const query = AuditListQuery.parse(input);
    const times: number[] = [];
    let total = 0;
    let shown = 0;
    for (let run = 0; run < 30; run++) {
      const t = performance.now();
      const page = await audit.listAuditEntries('acme', query);
      times.push(performance.now() - t);
      total = page.total;
      shown = page.items.length;
    }
    const { p50, p95 } = percentiles(times);
    rows.push([
      label,
      total.toLocaleString('en-US'),
      String(shown),
      p50.toFixed(2),
      p95.toFixed(2),
    ]);
  }
  printTable(['page of the audit log', 'matches', 'rows', 'p50 ms', 'p95 ms'], rows);

  const exportStart = performance.now();
  let exported = 0;
  for await (const batch of audit.exportAuditEntries('acme', AuditListQuery.parse({}))) {
    exported += batch.length;
  }
  console.log(
    `\nExport of all ${exported.toLocaleString('en-US')} entries (store reads, no HTTP): ` +
      `${((performance.now() - exportStart) / 1000).toFixed(2)} s`,
  );
} finally {
  await store.close();
  rmSync(directory, { recursive: true, force: true });
}

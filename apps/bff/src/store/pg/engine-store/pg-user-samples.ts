import { USER_STATUSES } from '@hybrid-hub/contract';
import type { CloudUser } from '@hybrid-hub/engine';

/** Many users for tests and timings of the users list at size (pg-users.test.ts). */

const FIRST = ['Maria', 'James', 'Aarav', 'Chen', 'Fatima', 'Oliver', 'Mariam', 'Lucas', 'Ingrid'];
const LAST = ['Singh', 'Smith', 'Marsh', 'Okafor', 'Nguyen', 'Garcia', 'Kowalski', 'Tanaka'];

/** The i-th of many users: names and statuses spread, a tenth never active. */
export function bigUser(orgId: string, i: number): CloudUser {
  const first = FIRST[i % FIRST.length]!;
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
  const status = USER_STATUSES[i % USER_STATUSES.length]!;
  const assigned = status === 'Active';
  return {
    id: `user-${String(i).padStart(6, '0')}`,
    orgId,
    email: `${first}.${last}.${i}@acme.example`.toLowerCase(),
    displayName: `${first} ${last} ${i}`,
    entitledHybridMessage: true,
    entitledMessageFree: i % 7 === 0,
    messageServiceEnabled: status !== 'Not activated',
    status,
    errorCode: status === 'Error' ? 'NO_MAIL_ID' : null,
    errorMessage: status === 'Error' ? 'No mailid' : null,
    clusterId: assigned ? `cluster-${i % 3}` : null,
    nodeId: assigned ? `node-${i % 6}` : null,
    homeImpNodeId: assigned ? `imp-${i % 4}` : null,
    lastActivityAt: i % 10 === 0 ? null : 1_790_000_000_000 - (i % 5000) * 60_000,
    dueAt: status === 'Pending' ? 1_790_000_000_000 + i : null,
    updatedAt: 1_790_000_000_000,
    version: 1,
  };
}

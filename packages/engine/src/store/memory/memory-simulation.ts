import type { ImpNode, PresenceRedundancyGroup } from '../../model/deployment.ts';
import type { CloudUser } from '../../model/user.ts';
import { assertNew, copy, type MemoryHost, type OrgTables } from './memory-tables.ts';
import type { SessionFilter } from '../store.ts';
import type { SyncPort } from '../embedded.ts';
import type { SimulationPort } from '../simulation-port.ts';

/** An IM&P node copied in or out, its session move too: nothing shared with the caller. */
export const copyImpNode = (node: ImpNode): ImpNode => ({
  ...node,
  sessionMove: node.sessionMove && { ...node.sessionMove },
});

/**
 * What the failover, the rediscovery and the Lab need beyond the other areas, in memory: the
 * sessions on an IM&P node, IM&P node and group writes, and the simulation clocks' offsets.
 * Unknown ids are not found; writes to them do nothing.
 */
export class MemorySimulation implements SyncPort<SimulationPort> {
  /** Organizations the Lab has fast-forwarded, and by how much (ms). */
  readonly #clockOffsets = new Map<string, number>();

  constructor(private readonly host: MemoryHost) {}

  listSessions(orgId: string, filter: SessionFilter, limit: number): CloudUser[] {
    const tables = this.host.tables(orgId);
    const found: CloudUser[] = [];
    if (!tables || limit <= 0) return found;
    for (const user of tables.users.users()) {
      if (!isSession(tables, user, filter)) continue;
      found.push(copy(user));
      if (found.length >= limit) break;
    }
    return found;
  }

  countSessions(orgId: string, filter: SessionFilter): number {
    const tables = this.host.tables(orgId);
    let count = 0;
    for (const user of tables?.users.users() ?? []) if (isSession(tables!, user, filter)) count++;
    return count;
  }

  countDirectoryEntriesByHomeNode(orgId: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const entry of this.host.tables(orgId)?.directory.values() ?? [])
      counts.set(entry.homeImpNodeId, (counts.get(entry.homeImpNodeId) ?? 0) + 1);
    return counts;
  }

  updateImpNode(node: ImpNode): void {
    const nodes = this.host.tables(node.orgId)?.impNodes;
    const stored = nodes?.get(node.id);
    if (!nodes || !stored) return;
    nodes.set(node.id, copyImpNode(node));
    this.host.onUndo(() => nodes.set(node.id, stored));
  }

  insertImpNode(node: ImpNode): void {
    const nodes = this.host.writable(node.orgId).impNodes;
    assertNew([node], () => nodes);
    nodes.set(node.id, copyImpNode(node));
    this.host.onUndo(() => nodes.delete(node.id));
  }

  deleteImpNode(orgId: string, impNodeId: string): void {
    const nodes = this.host.tables(orgId)?.impNodes;
    const stored = nodes?.get(impNodeId);
    if (!nodes || !stored) return;
    nodes.delete(impNodeId);
    this.host.onUndo(() => nodes.set(impNodeId, stored));
  }

  updatePresenceRedundancyGroup(group: PresenceRedundancyGroup): void {
    const groups = this.host.tables(group.orgId)?.groups;
    const stored = groups?.get(group.id);
    if (!groups || !stored) return;
    groups.set(group.id, copy(group));
    this.host.onUndo(() => groups.set(group.id, stored));
  }

  getClockOffsets(): Map<string, number> {
    return new Map(this.#clockOffsets);
  }

  advanceClockOffset(orgId: string, byMs: number): number {
    this.host.writable(orgId); // an unknown organization throws, as a foreign key would
    const before = this.#clockOffsets.get(orgId);
    const after = (before ?? 0) + byMs;
    this.#clockOffsets.set(orgId, after);
    this.host.onUndo(() =>
      before === undefined
        ? this.#clockOffsets.delete(orgId)
        : this.#clockOffsets.set(orgId, before),
    );
    return after;
  }
}

function isSession(tables: OrgTables, user: CloudUser, filter: SessionFilter): boolean {
  if (
    user.nodeId === null ||
    user.clusterId !== filter.clusterId ||
    user.homeImpNodeId !== filter.impNodeId
  )
    return false;
  const home = filter.directoryHomeImpNodeId;
  if (home === undefined) return true;
  const entries = tables.directoryByMailid.get(user.email.toLowerCase()) ?? [];
  return entries.some((entry) => entry.homeImpNodeId === home);
}

import type { ConnectorNode, ExpresswayCluster, Organization } from '../model/deployment.ts';
import type { ImpTopology } from '../rules/session-moves.ts';
import type { Store } from '../store/store.ts';
import { readImpTopology } from './imp-topology.ts';

/**
 * The deployment rows one due-work run reads outside its transactions, read once and shared by
 * its steps (maintenance drain, session moves, alarms) instead of once per step: on an idle tick
 * they are all the run reads.
 *
 * Outside a transaction a read only tells a step whether it has work: the step reads the rows
 * again inside its own transaction before it writes anything. So rows read before a step that
 * changed none of them are as good as rows read after it, and a step whose transaction may have
 * changed some (`nodesWritten`, `impWritten`) makes the next step read them anew. A change made
 * meanwhile by a request is seen by the next run at the latest, as it was when each step read
 * for itself. The rows are shared: callers must not change them.
 */
export class DueWorkReads {
  readonly #store: Store;
  #organizations: Promise<Organization[]> | undefined;
  readonly #clusters = new Map<string, Promise<ExpresswayCluster[]>>();
  readonly #nodes = new Map<string, Promise<ConnectorNode[]>>();
  readonly #imp = new Map<string, Promise<ImpTopology>>();

  constructor(store: Store) {
    this.#store = store;
  }

  organizations(): Promise<Organization[]> {
    return (this.#organizations ??= this.#store.listOrganizations());
  }

  expresswayClusters(orgId: string): Promise<readonly ExpresswayCluster[]> {
    return once(this.#clusters, orgId, () => this.#store.listExpresswayClusters(orgId));
  }

  /** Every connector node of the organization. */
  nodes(orgId: string): Promise<readonly ConnectorNode[]> {
    return once(this.#nodes, orgId, () => this.#store.listNodes(orgId));
  }

  impTopology(orgId: string): Promise<ImpTopology> {
    return once(this.#imp, orgId, () => readImpTopology(this.#store, orgId));
  }

  /** A step's transaction may have written the organization's connector nodes. */
  nodesWritten(orgId: string): void {
    this.#nodes.delete(orgId);
  }

  /** A step's transaction may have written the organization's IM&P nodes or groups. */
  impWritten(orgId: string): void {
    this.#imp.delete(orgId);
  }
}

function once<T>(
  cache: Map<string, Promise<T>>,
  orgId: string,
  read: () => Promise<T>,
): Promise<T> {
  let rows = cache.get(orgId);
  if (!rows) cache.set(orgId, (rows = read()));
  return rows;
}

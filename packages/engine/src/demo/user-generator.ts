import { ACTIVATION_ERROR_CODES, type ActivationErrorCode } from '@hybrid-hub/contract';
import type { DirectoryEntry } from '../model/deployment.ts';
import type { CloudUser, HistoryEntry, JidAccount } from '../model/user.ts';
import {
  evaluateActivation,
  type ActivationOutcome,
  type DeploymentFacts,
} from '../rules/activation.ts';
import { ACTIVITY_WINDOW_MS } from '../rules/activity.ts';
import {
  activeHistory,
  errorHistory,
  HistoryWriter,
  pendingHistory,
  switchedOffHistory,
  type Assignment,
} from './demo-history.ts';
import { asciiWord, NameAllocator, type PersonName } from './names.ts';
import type { Defect, DemoPlan, Home } from './plan.ts';
import { WeightedPicker, type Random } from './random.ts';

export interface DemoChunk {
  users: CloudUser[];
  directoryEntries: DirectoryEntry[];
  jidAccounts: JidAccount[];
  history: HistoryEntry[];
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const DEFECTS: readonly Defect[] = [
  'NOT_ENTITLED',
  'NOT_FOUND_ON_PREMISES',
  'NO_MAIL_ID',
  'MAIL_ID_MISMATCH',
  'DUPLICATE_MAIL_ID',
  'DUPLICATE_JID_ACCOUNT',
];
const isDefect = (code: ActivationErrorCode): code is Defect =>
  (DEFECTS as readonly string[]).includes(code);
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Generates an organization's cloud users chunk by chunk, with their directory entries, JID
 * accounts and history. Each switched-on user goes through `evaluateActivation` against the
 * deployment and the load assigned so far, so statuses, errors and assignments are what the
 * rules give (the one exception: an earlier at-capacity failure at sizes where no cluster fills).
 */
export class DemoUserGenerator {
  readonly #plan: DemoPlan;
  readonly #random: Random;
  readonly #now: number;
  readonly #admin: string;
  readonly #names = new NameAllocator();
  readonly #homes: WeightedPicker<Home>;
  readonly #healthyHomes: WeightedPicker<Home>;
  readonly #deployment: DeploymentFacts;
  readonly #usersByNode = new Map<string, number>();
  /** Where each connector node is, as history lines name it. */
  readonly #assignments = new Map<string, Assignment>();
  /** User index → the error code it is made to show (so that every code appears). */
  readonly #forced = new Map<number, ActivationErrorCode>();
  #next = 0;
  #entrySeq = 0;
  #historySeq = 0;

  constructor(plan: DemoPlan, random: Random, now: number) {
    this.#plan = plan;
    this.#random = random;
    this.#now = now;
    this.#admin = `admin@${plan.domain}`;
    this.#homes = new WeightedPicker(plan.homes, (h) => h.weight);
    this.#healthyHomes = new WeightedPicker(plan.healthyHomes, (h) => h.weight);
    const { deployment } = plan;
    this.#deployment = { ...deployment, usersByNode: this.#usersByNode };
    for (const node of deployment.nodes) {
      const cluster = deployment.expresswayClusters.find((c) => c.id === node.clusterId);
      this.#assignments.set(node.id, {
        clusterId: node.clusterId,
        nodeId: node.id,
        clusterName: cluster?.name ?? node.clusterId,
        nodeHostname: node.hostname,
      });
    }
    if (plan.everyErrorCode && plan.users >= ACTIVATION_ERROR_CODES.length) {
      const codes = ACTIVATION_ERROR_CODES.filter(
        (code) =>
          isDefect(code) ||
          plan.conditionHomes[code] ||
          (code === 'CLUSTER_AT_CAPACITY' && plan.historicalCapacityRate > 0),
      );
      codes.forEach((code, k) =>
        this.#forced.set(Math.floor((plan.users * (k + 0.5)) / codes.length), code),
      );
    }
  }

  get remaining(): number {
    return this.#plan.users - this.#next;
  }

  /** Users assigned to each connector node so far. */
  get usersByNode(): ReadonlyMap<string, number> {
    return this.#usersByNode;
  }

  nextChunk(size: number): DemoChunk {
    const chunk: DemoChunk = { users: [], directoryEntries: [], jidAccounts: [], history: [] };
    const end = Math.min(this.#plan.users, this.#next + size);
    for (; this.#next < end; this.#next++) {
      this.#user(this.#next, chunk);
      if (this.#random.chance(this.#plan.onPremisesOnlyRate)) this.#onPremisesOnly(chunk);
    }
    return chunk;
  }

  #user(index: number, chunk: DemoChunk): void {
    const plan = this.#plan;
    const random = this.#random;
    const forced = this.#forced.get(index);
    const name = this.#names.next(random);
    const email = `${name.localPart}@${plan.domain}`;
    const defect = forced ? (isDefect(forced) ? forced : null) : this.#drawDefect();
    const home = forced
      ? (plan.conditionHomes[forced] ?? this.#healthyHomes.pick(random))
      : defect
        ? this.#healthyHomes.pick(random)
        : this.#homes.pick(random);
    const entries = this.#entries(name, email, home, defect);
    chunk.directoryEntries.push(...entries);
    const jid = `${name.localPart}@${plan.imDomain}`;
    if (defect === 'DUPLICATE_JID_ACCOUNT') {
      chunk.jidAccounts.push({
        orgId: plan.org.id,
        jid,
        createdAt: this.#now - random.between(DAY, 90 * DAY),
      });
    }

    const id = `${plan.org.id}-u${pad(index + 1, 6)}`;
    const history = new HistoryWriter(
      plan.org.id,
      id,
      () => `${plan.org.id}-h${pad(++this.#historySeq, 7)}`,
    );
    const user: CloudUser = {
      id,
      orgId: plan.org.id,
      email,
      displayName: name.displayName,
      entitledHybridMessage: defect !== 'NOT_ENTITLED',
      entitledMessageFree: random.chance(0.97),
      messageServiceEnabled: true,
      status: 'Pending',
      errorCode: null,
      errorMessage: null,
      clusterId: null,
      nodeId: null,
      homeImpNodeId: null,
      lastActivityAt: null,
      dueAt: null,
      updatedAt: this.#now - random.between(30 * DAY, 400 * DAY),
      version: 1,
    };

    const draw = random.next();
    if (!forced && draw < plan.notActivatedRate) {
      this.#notActivated(user, history, home);
    } else if (!forced && draw < plan.notActivatedRate + plan.pendingRate) {
      user.dueAt = pendingHistory(history, random, this.#now, this.#admin);
    } else {
      const outcome = evaluateActivation({
        email,
        entitledHybridMessage: user.entitledHybridMessage,
        directoryEntries: entries,
        jidAccounts: defect === 'DUPLICATE_JID_ACCOUNT' ? [jid] : [],
        deployment: this.#deployment,
      });
      this.#activated(user, history, outcome, forced === 'CLUSTER_AT_CAPACITY');
    }
    user.updatedAt = history.lines.at(-1)?.at ?? user.updatedAt;
    user.version = history.lines.length + 1;
    chunk.users.push(user);
    chunk.history.push(...history.lines);
  }

  #drawDefect(): Defect | null {
    const u = this.#random.next();
    let sum = 0;
    for (const defect of DEFECTS) if (u < (sum += this.#plan.defectRates[defect])) return defect;
    return null;
  }

  #entries(name: PersonName, email: string, home: Home, defect: Defect | null): DirectoryEntry[] {
    const plan = this.#plan;
    const entry = (at: Home, mailid: string): DirectoryEntry => ({
      id: `${plan.org.id}-d${pad(++this.#entrySeq, 7)}`,
      orgId: plan.org.id,
      impClusterId: at.impClusterId,
      userid: name.localPart,
      jid: `${name.localPart}@${plan.imDomain}`,
      mailid,
      homeImpNodeId: at.impNodeId,
    });
    switch (defect) {
      case 'NOT_FOUND_ON_PREMISES':
        return [];
      case 'NO_MAIL_ID':
        return [entry(home, '')];
      case 'MAIL_ID_MISMATCH':
        // An old-style address: jdoe@ instead of jane.doe@.
        return [
          entry(home, `${asciiWord(name.first).charAt(0)}${asciiWord(name.last)}@${plan.domain}`),
        ];
      case 'DUPLICATE_MAIL_ID': {
        const others = plan.healthyHomes.filter((h) => h.impClusterId !== home.impClusterId);
        return [entry(home, email), entry(this.#random.pick(others), email)];
      }
      default:
        return [entry(home, email)];
    }
  }

  #notActivated(user: CloudUser, history: HistoryWriter, home: Home): void {
    user.messageServiceEnabled = false;
    user.status = 'Not activated';
    // Some used the service once and were switched off: their history says where they were.
    const cluster = this.#plan.deployment.impClusters.find(
      (c) => c.id === home.impClusterId,
    )?.expresswayClusterId;
    const node = this.#plan.deployment.nodes.find((n) => n.clusterId === cluster);
    if (node && this.#random.chance(0.15)) {
      const to = this.#assignments.get(node.id)!;
      user.lastActivityAt = switchedOffHistory(history, this.#random, this.#now, this.#admin, to);
    }
  }

  #activated(
    user: CloudUser,
    history: HistoryWriter,
    outcome: ActivationOutcome,
    forceEarlierCapacity: boolean,
  ): void {
    const random = this.#random;
    let earlierCapacity = false;
    if (outcome.kind === 'assign') {
      earlierCapacity = forceEarlierCapacity || random.chance(this.#plan.historicalCapacityRate);
      if (!earlierCapacity) {
        Object.assign(user, {
          status: 'Active',
          clusterId: outcome.clusterId,
          nodeId: outcome.nodeId,
          homeImpNodeId: outcome.homeImpNodeId,
        });
        this.#usersByNode.set(outcome.nodeId, (this.#usersByNode.get(outcome.nodeId) ?? 0) + 1);
        const to = this.#assignments.get(outcome.nodeId)!;
        const assignedAt = activeHistory(history, random, this.#now, this.#admin, to);
        user.lastActivityAt = this.#lastActivity(assignedAt);
        return;
      }
      // At demo sizes no cluster fills: this failure is from when the cluster was full.
      outcome = {
        kind: 'error',
        code: 'CLUSTER_AT_CAPACITY',
        homeImpNodeId: outcome.homeImpNodeId,
        clusterId: outcome.clusterId,
      };
    }
    user.status = 'Error';
    user.errorCode = outcome.code;
    user.homeImpNodeId = outcome.homeImpNodeId;
    user.dueAt = errorHistory(
      history,
      random,
      this.#now,
      this.#admin,
      outcome.code,
      outcome.clusterId,
      earlierCapacity,
    );
    user.errorMessage = history.lines.at(-1)!.message;
  }

  /** 72 % used the service within the last 72 hours, most others earlier, a few never. */
  #lastActivity(assignedAt: number): number | null {
    const random = this.#random;
    const u = random.next();
    if (u < 0.72) return this.#now - random.between(0, ACTIVITY_WINDOW_MS - MINUTE);
    if (u < 0.97)
      return random.between(
        Math.max(assignedAt + HOUR, this.#now - 45 * DAY),
        this.#now - ACTIVITY_WINDOW_MS - MINUTE,
      );
    return null;
  }

  /** A Jabber-only person: in the IM&P directory, not a cloud user. */
  #onPremisesOnly(chunk: DemoChunk): void {
    const name = this.#names.next(this.#random);
    const home = this.#homes.pick(this.#random);
    const plan = this.#plan;
    chunk.directoryEntries.push({
      id: `${plan.org.id}-d${pad(++this.#entrySeq, 7)}`,
      orgId: plan.org.id,
      impClusterId: home.impClusterId,
      userid: name.localPart,
      jid: `${name.localPart}@${plan.imDomain}`,
      mailid: `${name.localPart}@${plan.domain}`,
      homeImpNodeId: home.impNodeId,
    });
  }
}

import type { RouteName } from './route-table.ts';

/**
 * What each route does, for the OpenAPI document (openapi.ts) and whoever reads it: a summary in
 * the words the console shows for the same thing (its buttons and headings, SPEC "Screens and
 * their words"), and a description. Who may call it, the Lab and the rate limits are added from
 * the route table, so they are not repeated here. Kept out of route-table.ts: the SPA's first
 * load carries that table, and none of these words. A route without an entry does not compile.
 */
export interface RouteDescription {
  summary: string;
  description: string;
}

export const ROUTE_DESCRIPTIONS = {
  health: {
    summary: 'Liveness',
    description:
      'Answers while the BFF runs, with its version and uptime: for load balancers and probes. Never rate limited.',
  },
  getOpenApi: {
    summary: 'This OpenAPI document',
    description: 'The OpenAPI 3.1 description of the API, made from the route table.',
  },
  signIn: {
    summary: 'Sign in',
    description:
      'Opens a session for the email and password: the answer sets the session cookie and carries the session, with the CSRF token every later change must send in X-CSRF-Token. A wrong email or password is 401, the same for both; failed sign-ins are throttled per account and per address (429).',
  },
  getSession: {
    summary: 'Who am I',
    description:
      'The signed-in administrator, their organization and role, the CSRF token to send in X-CSRF-Token, and when the session ends (idle timeout, absolute expiry).',
  },
  signOut: {
    summary: 'Sign out',
    description:
      'Ends the session and clears the cookie; 204 whether or not a session was still open. With a live session the request must carry its X-CSRF-Token.',
  },
  getOrganization: {
    summary: 'The organization',
    description: "The signed-in administrator's organization: every other route is scoped to it.",
  },
  listUsers: {
    summary: 'Users',
    description:
      "The organization's users with their Message Service status, a page at a time: Search users (q matches any part of a name or email), the Status filter, and sort on every listed column. Page by number, or follow nextCursor and prevCursor, which stay as fast on the last page as on the first.",
  },
  getUserStatusCounts: {
    summary: 'Users by status',
    description:
      "How many of the organization's users are Not activated, Pending, Active and Error, and the total.",
  },
  getUserActivity: {
    summary: 'Active vs inactive users',
    description:
      'Users with the Message Service switched on, split into those who used it in the last 72 hours and those who did not.',
  },
  exportUsersCsv: {
    summary: 'Export CSV of users',
    description:
      'Every user matching the search and Status filter as CSV, streamed as it is read: name, email, status, error, cluster, node, last activity. Cells that a spreadsheet would run as a formula are neutralized.',
  },
  startBulkJob: {
    summary: 'Activate, Deactivate or Reactivate users',
    description:
      'Starts a bulk job over the selected users, or over every user matching a filter across pages, and answers the job at once; follow it with its id (or the job.progress events) until it is completed with its honest result. Repeated with the same Idempotency-Key and body, answers the job the first request started.',
  },
  getUser: {
    summary: 'A user',
    description:
      'One user: Message Service status, the error in plain words with what to do, the assignment to a cluster and node, entitlements, home IM and Presence node, activity, and the version bumped on every change.',
  },
  setMessageService: {
    summary: 'Message Service switch (Save)',
    description:
      'Switches the Message Service on or off for the user. Switched on, the user is Pending until the service activates them (Active) or fails (Error); switched off, Not activated. Answers the user as changed.',
  },
  reactivateUser: {
    summary: 'Reactivate User',
    description:
      'Activates the user again from scratch (after fixing what made them Error, say): the user is Pending until activation succeeds or fails. Answers the user as changed.',
  },
  getUserHistory: {
    summary: 'See history',
    description:
      "The user's history, newest first, a page at a time: every status change, with its error, cluster and node, and who made it (an administrator, or the system).",
  },
  getUserDiagnostics: {
    summary: 'Diagnostics',
    description:
      "Runs the guide's per-user checks and IM and Presence checks for the user now: each check's result, what was found and the remedy, and a one-sentence summary.",
  },
  getJob: {
    summary: 'Bulk job progress',
    description:
      'A bulk job: its state (applying, settling, completed), how many users it has processed and settled, and the result so far ("4,980 activated, 20 failed").',
  },
  getJobFailures: {
    summary: 'Failed users of a bulk job',
    description:
      'The users a bulk job could not bring to the state it asked for, and why, a page at a time: the list the console shows to select them and try again.',
  },
  events: {
    summary: 'Live changes (server-sent events)',
    description:
      'A stream of what changes in the organization: users, job progress, clusters and alarms; each event says what to read again. Resume with Last-Event-ID; when the events since are gone, a resync event says to read everything again. The stream ends when its session does.',
  },
  getLabStatus: {
    summary: 'Is the Lab on',
    description:
      'Whether the Lab (simulation controls for demos and tests) is enabled on this BFF: the console shows its entry only then.',
  },
  getLabUser: {
    summary: 'Lab: a user on premises',
    description:
      "What the on-premises side and the cloud say about one user: entitlements, the user's entries in every IM and Presence directory, the duplicate-JID account, and where they can be homed.",
  },
  updateLabUser: {
    summary: 'Lab: change a user on premises',
    description:
      "Edits a user's on-premises directory entry (mailid, home node, removal), a duplicate home on another IM and Presence cluster, entitlements and the duplicate-JID account, so that every activation error can be produced and fixed. Fields left out stay as they are.",
  },
  listClusters: {
    summary: 'Clusters',
    description:
      "The organization's Expressway clusters, each with its health, the nodes that can serve, users against capacity, affected users and open alarms.",
  },
  getCluster: {
    summary: 'A cluster',
    description:
      "One Expressway cluster: its nodes (connectors, connectivity to the cloud, maintenance state and progress, users against capacity), its IM and Presence clusters and nodes with failovers under way, and the guide's Message Service Status sections.",
  },
  restartMessageConnector: {
    summary: 'Restart Message Connector',
    description:
      "Restarts the cluster's Message Connector: it rediscovers the IM and Presence nodes through AXL, and the answer says which were newly discovered, removed, not discovered (and why) or had their version resynchronized.",
  },
  getMaintenancePreview: {
    summary: 'Enter maintenance mode: the impact',
    description:
      'What entering maintenance mode now would do: who moves where, how long it takes at the rate, the users the other nodes have no room for, warnings, and whether this is the last node that can serve (then entering needs force). Its revision is the If-Match of the change.',
  },
  setMaintenance: {
    summary: 'Enter or Exit maintenance mode',
    description:
      "Enters maintenance mode (the node's users move to the other nodes of its cluster at the rate; the node is In maintenance mode once none is left) or exits it, which cancels a move under way. Sent with the node's revision in If-Match; the last node that can serve its cluster's users needs force (409 last_available_node without).",
  },
  listAlarms: {
    summary: 'Alarms',
    description:
      'Open or resolved alarms, most severe first then newest, optionally of one cluster: each with its nodes, first and last seen, and what to do. Nodes in maintenance mode raise none.',
  },
  listAuditEntries: {
    summary: 'Audit log',
    description:
      "Every change made in the organization's console, newest first, a page at a time: who (email and role), when, the action and what it asked for, its target, whether it went through (refusals too, with the problem's code), from which address and in which request. Filter by who, action, target id, result, dates and request id.",
  },
  exportAuditCsv: {
    summary: 'Export CSV of the audit log',
    description:
      'Every audit entry matching the filters as CSV, newest first, streamed as it is read. Cells that a spreadsheet would run as a formula are neutralized.',
  },
  getLabDeployment: {
    summary: 'Lab: the deployment',
    description:
      "Everything the Lab can fail, and the organization's simulation clock: Expressway nodes with their cloud connectivity, IM and Presence clusters with their nodes, sessions and presence redundancy groups.",
  },
  updateLabNode: {
    summary: 'Lab: fail or recover an Expressway node',
    description:
      'Fails or recovers an Expressway node (an uncontrolled outage: its users are affected, unlike maintenance mode), or sets its cloud connectivity. Answers the deployment as changed.',
  },
  updateLabImpNode: {
    summary: 'Lab: change an IM and Presence node',
    description:
      'Puts an IM and Presence node in Outage or recovers it (with high availability its sessions fail over to the peer), stops or starts its AXL service, or upgrades it (the Message Connector knows the new version once restarted). Answers the deployment as changed.',
  },
  fallBackLabImpNode: {
    summary: 'Lab: Fall back to an IM and Presence node',
    description:
      'Moves the sessions of the users homed on a recovered IM and Presence node back to it from its peer, after the same wait and at the same rate as a failover. Answers the deployment as changed.',
  },
  removeLabImpNode: {
    summary: 'Lab: Remove an IM and Presence node',
    description:
      'Removes an IM and Presence node on premises: never the publisher, nor a node that users are homed on or whose sessions it serves (409). The Message Connector forgets it when restarted. Answers the deployment as changed.',
  },
  addLabImpNode: {
    summary: 'Lab: Add a node to an IM and Presence cluster',
    description:
      'Adds a node on premises, optionally in a presence redundancy group; the Message Connector discovers it when restarted. Answers the deployment as changed.',
  },
  updateLabPresenceGroup: {
    summary: 'Lab: High availability of a presence redundancy group',
    description:
      'Turns high availability of a presence redundancy group on or off. Answers the deployment as changed.',
  },
  advanceLabClock: {
    summary: 'Lab: Fast-forward the clock',
    description:
      "Moves the organization's clock forward (a day at most per step), so that failovers, maintenance moves and retries play out in seconds; other organizations keep their own time. Answers the deployment as changed.",
  },
} as const satisfies Record<RouteName, RouteDescription>;

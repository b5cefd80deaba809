import {
  AUDIT_ACTION_LABELS,
  type AuditAction,
  type AuditEntry,
  type AuditTarget,
  type AuditTargetKind,
} from './audit.ts';
import { ADMIN_ROLE_LABELS } from './roles.ts';
import { routes } from './routes.ts';

type Routes = typeof routes;
/** The routes that change something: every route of the table except the GETs. */
export type AuditedRouteName = {
  [N in keyof Routes]: Routes[N]['method'] extends 'GET' ? never : N;
}[keyof Routes];

/**
 * Compile-time check that the log names exactly the routes that change something: a new one
 * does not compile until AUDIT_ACTION_LABELS says how the log calls it.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const AUDITS_EVERY_CHANGE: Same<AuditAction, AuditedRouteName> = true;
void AUDITS_EVERY_CHANGE;

/**
 * What an audit entry says about a request, from the request and its answer alone: the same
 * words whether the BFF or the msw mock records it.
 */

export interface AuditedRequest {
  action: AuditAction;
  /** The path's parameters as sent (`:id`), before any validation. */
  params: Record<string, string | undefined>;
  /** The JSON body as sent (anything: it is checked against the route's schema here). */
  body: unknown;
  /** The JSON answer, when there was one (undefined for a problem or no content). */
  response: unknown;
}

/** Longest id or text kept from a request: what was sent may be anything, up to the URL limit. */
const MAX_TEXT = 200;

/** The collection a `:id` path parameter belongs to names the kind of target. */
const KIND_BY_COLLECTION: Readonly<Record<string, AuditTargetKind>> = {
  users: 'user',
  jobs: 'job',
  clusters: 'cluster',
  nodes: 'node',
  'imp-clusters': 'imp-cluster',
  'imp-nodes': 'imp-node',
  'presence-groups': 'presence-group',
};

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

function stringField(value: unknown, key: string): string | undefined {
  const field = (value as Record<string, unknown> | null | undefined)?.[key];
  return typeof field === 'string' ? field : undefined;
}

/** The answer's own name for what it is: a user's email, a node's hostname. */
function labelFrom(response: unknown): string | null {
  const label = stringField(response, 'email') ?? stringField(response, 'hostname');
  return label === undefined ? null : clip(label);
}

export function auditTargetOf({
  action,
  params,
  body,
  response,
}: AuditedRequest): AuditTarget | null {
  if (action === 'startBulkJob') {
    const jobId = stringField(response, 'id');
    return jobId ? { kind: 'job', id: jobId, label: null } : null;
  }
  const segments = routes[action].path.split('/');
  const at = segments.indexOf(':id');
  const id = params.id;
  if (at < 1 || id === undefined) return null;
  const kind = KIND_BY_COLLECTION[segments[at - 1]!];
  if (!kind) return null;
  const label =
    action === 'addLabImpNode' ? (stringField(body, 'address') ?? null) : labelFrom(response);
  return { kind, id: clip(id), label: label && clip(label) };
}

/** "key: value" for each field given, nested keys dotted: the Lab's changes say what they set. */
function fieldsOf(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') {
    const text = typeof value === 'boolean' ? (value ? 'on' : 'off') : String(value);
    return [`${prefix}: ${text}`];
  }
  return Object.entries(value).flatMap(([key, inner]) =>
    fieldsOf(inner, prefix ? `${prefix}.${key}` : key),
  );
}

type Body<A extends AuditAction> = (typeof routes)[A] extends {
  body: { parse(v: unknown): infer B };
}
  ? B
  : never;

/** The few words that say what a valid request asked for, per action that has something to say. */
const DETAILS: { [A in AuditAction]?: (body: Body<A>) => string } = {
  setMessageService: (body) => (body.enabled ? 'on' : 'off'),
  setMaintenance: (body) => `${body.action}${body.force ? ', forced' : ''}`,
  startBulkJob: ({ action, selection }) => {
    if (selection.kind === 'ids') {
      return `${action} ${selection.ids.length} selected user${selection.ids.length === 1 ? '' : 's'}`;
    }
    const filter = [
      selection.q ? `matching "${selection.q}"` : '',
      selection.status ? `in ${selection.status}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    return `${action} all users${filter ? ` ${filter}` : ''}`;
  },
  advanceLabClock: (body) => `${body.minutes} minutes`,
};

/**
 * What the request asked for, from its body when the body is valid for the route (an invalid
 * one says nothing trustworthy). Never a sign-in's body: it holds a password.
 */
export function auditDetailOf({ action, body }: AuditedRequest): string | null {
  const schema = (
    routes[action] as { body?: { safeParse(v: unknown): { success: boolean; data?: unknown } } }
  ).body;
  if (!schema || action === 'signIn') return null;
  const parsed = schema.safeParse(body);
  if (!parsed.success) return null;
  const describe = DETAILS[action] as ((body: unknown) => string) | undefined;
  return clip(describe ? describe(parsed.data) : fieldsOf(parsed.data).join(', '));
}

/**
 * One row of the audit export, cell by cell in the order of AUDIT_EXPORT_COLUMNS, as the text
 * reads (csvRecords quotes and neutralizes).
 */
export function auditExportCells(entry: AuditEntry): string[] {
  return [
    entry.at,
    entry.actor.email,
    ADMIN_ROLE_LABELS[entry.actor.role],
    AUDIT_ACTION_LABELS[entry.action],
    entry.detail ?? '',
    entry.target?.kind ?? '',
    entry.target?.id ?? '',
    entry.target?.label ?? '',
    entry.result.outcome,
    String(entry.result.status),
    entry.result.code ?? '',
    entry.clientAddress,
    entry.requestId ?? '',
    entry.clientRequestId ?? '',
  ];
}

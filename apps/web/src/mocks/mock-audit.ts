import {
  auditDetailOf,
  auditTargetOf,
  PROBLEM_CONTENT_TYPE,
  REQUEST_ID_HEADER,
  RequestId,
  type AuditAction,
  type AuditEntry,
  type AuditExportQuery,
  type AuditListQuery,
  type AuditListResponse,
} from '@hybrid-hub/contract';
import { DEMO_ADMINS, type DemoAdmin } from '@hybrid-hub/engine';

/** The mock has no network between the page and its API: no client address to record. */
export const MOCK_CLIENT_ADDRESS = 'this browser (mock)';

export interface MockedRequest {
  action: AuditAction;
  /** Who was signed in when the request arrived (a sign-out ends it meanwhile). */
  signedIn: DemoAdmin | undefined;
  /** A copy of the request, its body unread. */
  request: Request;
  params: Record<string, string | undefined>;
  response: Response;
  /** The X-Request-Id the mock answered with. */
  requestId: string;
}

async function jsonOf(message: Request | Response): Promise<unknown> {
  try {
    return JSON.parse(await message.clone().text()) as unknown;
  } catch {
    return undefined;
  }
}

function matches(entry: AuditEntry, query: AuditExportQuery): boolean {
  return (
    (query.actor === undefined || entry.actor.email === query.actor) &&
    (query.action === undefined || entry.action === query.action) &&
    (query.targetId === undefined || entry.target?.id === query.targetId) &&
    (query.result === undefined || entry.result.outcome === query.result) &&
    (query.requestId === undefined || entry.requestId === query.requestId) &&
    (query.from === undefined || Date.parse(entry.at) >= Date.parse(query.from)) &&
    (query.to === undefined || Date.parse(entry.at) < Date.parse(query.to))
  );
}

/**
 * The mock's audit log: what the BFF records, recorded for the mock's own changes — every
 * state-changing request with who, when, what, the target and the result, in the words the
 * contract gives (the same functions as the BFF). In memory: the mock's engine is too.
 */
export class MockAuditLog {
  /** Oldest first. */
  readonly #entries: AuditEntry[] = [];
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  async record({
    action,
    signedIn,
    request,
    params,
    response,
    requestId,
  }: MockedRequest): Promise<void> {
    const body = await jsonOf(request);
    const answer = response.ok ? await jsonOf(response) : undefined;
    // A sign-in's actor is the account signed in to, or the one a failed attempt named.
    const named = (body as { email?: unknown } | undefined)?.email;
    const actor =
      action === 'signIn'
        ? DEMO_ADMINS.find(
            (a) => typeof named === 'string' && a.email === named.trim().toLowerCase(),
          )
        : signedIn;
    if (!actor) return; // names no organization, as in the BFF
    const problem = response.headers.get('content-type')?.startsWith(PROBLEM_CONTENT_TYPE)
      ? ((await jsonOf(response)) as { code?: string } | undefined)
      : undefined;
    const orgEntries = this.#entries.filter((e) => e.organizationId === actor.orgId);
    const described = { action, params, body, response: answer };
    this.#entries.push({
      id: String(orgEntries.length + 1),
      at: new Date(
        Math.max(this.#now(), Date.parse(orgEntries.at(-1)?.at ?? '1970-01-01T00:00:00Z')),
      ).toISOString(),
      actor: { email: actor.email, role: actor.role },
      organizationId: actor.orgId,
      action,
      detail: auditDetailOf(described),
      target: auditTargetOf(described),
      result: {
        outcome: response.ok ? 'succeeded' : 'failed',
        status: response.status,
        code: response.ok ? null : (problem?.code ?? null),
      },
      clientAddress: MOCK_CLIENT_ADDRESS,
      requestId,
      // As the BFF: a client's own id is kept beside the request's, never in its place.
      clientRequestId: RequestId.safeParse(request.headers.get(REQUEST_ID_HEADER)).data ?? null,
    });
  }

  /** Newest first, as the BFF answers it. */
  #matching(orgId: string, query: AuditExportQuery): AuditEntry[] {
    return this.#entries.filter((e) => e.organizationId === orgId && matches(e, query)).reverse();
  }

  list(orgId: string, query: AuditListQuery): AuditListResponse {
    const all = this.#matching(orgId, query);
    const offset = (query.page - 1) * query.pageSize;
    return {
      items: all.slice(offset, offset + query.pageSize),
      total: all.length,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async *export(orgId: string, query: AuditExportQuery): AsyncIterable<AuditEntry[]> {
    yield this.#matching(orgId, query);
  }
}

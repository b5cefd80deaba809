import { Job, UserStatusCounts } from '@hybrid-hub/contract';

type Headers = Record<string, string>;

/** The organization's users per status, as the console reads them. */
export async function statusCounts(base: string, headers: Headers): Promise<UserStatusCounts> {
  const response = await fetch(`${base}/api/v1/users/status-counts`, { headers });
  if (!response.ok) throw new Error(`status-counts answered ${response.status}`);
  return UserStatusCounts.parse(await response.json());
}

/**
 * Starts "activate every Not activated user" through the API; the job as accepted. A 503 (the
 * database busy, or no replica up behind HAProxy) is said and retried after its Retry-After, as
 * the console would, for up to a minute.
 */
export async function startBulkActivation(base: string, headers: Headers): Promise<Job> {
  for (const started = performance.now(); ;) {
    const response = await fetch(`${base}/api/v1/users/bulk`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        action: 'activate',
        selection: { kind: 'filter', status: 'Not activated' },
      }),
    });
    if (response.status === 202) return Job.parse(await response.json());
    const body = (await response.text()).slice(0, 200);
    if (response.status !== 503 || performance.now() - started > 60_000)
      throw new Error(`bulk answered ${response.status}: ${body}`);
    console.log(`  (bulk answered 503, retried: ${body.replace(/\s+/g, ' ')})`);
    const retryAfter = Number(response.headers.get('retry-after') ?? 1);
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
  }
}

/**
 * Waits until `job` is completed and none is Pending, polling every 100 ms as activation.ts does
 * (a request each time, through whichever replica answers).
 */
export async function untilDone(base: string, headers: Headers, job: Job): Promise<Job> {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const response = await fetch(`${base}/api/v1/jobs/${job.id}`, { headers });
    if (!response.ok) continue;
    job = Job.parse(await response.json());
    if (job.state !== 'completed') continue;
    // A poll answered 503 (database busy, a replica going) is polled again, not a failed job.
    const counts = await statusCounts(base, headers).catch(() => undefined);
    if (counts?.byStatus.Pending === 0) return job;
  }
}

/** POSTs the bulk activation and times it until the job is done and none is Pending. */
export async function timedBulkActivation(
  base: string,
  headers: Headers,
): Promise<{ job: Job; seconds: number }> {
  const started = performance.now();
  const job = await untilDone(base, headers, await startBulkActivation(base, headers));
  return { job, seconds: (performance.now() - started) / 1000 };
}

/**
 * Waits until the demo's own Pending users (due at start) have been evaluated: the Pending count
 * is the same twice 3 s apart (at most 2 minutes), so that what follows measures a quiet server.
 */
export async function untilQuiet(base: string, headers: Headers): Promise<void> {
  const since = performance.now();
  for (let pending = -1; performance.now() - since < 120_000;) {
    const now = (await statusCounts(base, headers)).byStatus.Pending ?? 0;
    if (now === pending) return;
    pending = now;
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
}

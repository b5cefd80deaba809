/**
 * The SQLite store's `capabilities.dueWorkBatch`: users evaluated, or job items applied or
 * settled, in one transaction of the due work. Each committed transaction writes every page it changed once, and a bulk job's users are spread
 * over the users' sort indexes, so at 5,000 users a commit already rewrites most of their pages:
 * measured on SQLite with the 200,000-user demo (a 100,000-user bulk activation through the
 * API), batches of 5,000 took 13.8 s, of 10,000 12.3 s, of 20,000 11.7 s, of 50,000 11.9 s.
 * The transaction's store calls stay short whatever the batch (the engine's 200 users each), so
 * requests are served between them, and a batch ends early when a write waits (a Save); only its
 * commit grows (~60 ms at 20,000 users). HUB_DUE_WORK_BATCH changes it.
 */
export const SQLITE_DUE_WORK_BATCH = 20_000;

/**
 * Users evaluated, or job items applied or settled, in one transaction of the due work.
 * Each committed transaction writes every page it changed once, and a bulk job's users are spread
 * over the users' sort indexes: measured on SQLite with the 200,000-user demo (a 100,000-user
 * bulk activation, in-process), batches of 1,000 took 26.6 s, of 5,000 19.8 s, of 10,000 17.1 s.
 * The transaction's store calls stay short whatever the batch (WRITE_CHUNK users each), so
 * requests are served between them; only its commit grows (~30 ms at 5,000 users).
 * `EngineOptions.dueWorkBatchSize` changes it.
 */
export const DUE_WORK_BATCH = 5000;

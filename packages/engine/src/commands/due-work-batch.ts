/**
 * Users evaluated, or job items applied or settled, in one transaction of the due work.
 * Measured on SQLite with a 50,000-user demo (40,000 users reactivated in bulk): batches of 2,000
 * took less than half the total time of batches of 500, because each commit has a fixed cost;
 * each transaction then held the write lock for about 0.3 s. `EngineOptions.dueWorkBatchSize`
 * trades one for the other.
 */
export const DUE_WORK_BATCH = 2000;

import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Checkpoints the store's write-ahead log from a worker thread, off the event loop.
 *
 * Left to SQLite, the connection whose COMMIT takes the WAL past `wal_autocheckpoint` pages runs
 * the checkpoint inside that COMMIT: it syncs the WAL, copies every page into the database file
 * and syncs that too. A due-work transaction of 1,000 users dirties 2,000–5,000 pages, so nearly
 * every COMMIT checkpointed, on the main thread: 72 ms a COMMIT (measured on a 100,000-user bulk
 * activation, 46 % of its SQL time), during which no request was answered. Here a worker with its
 * own connection checkpoints instead (on the other core, its syncs waiting on the disk, not on
 * our event loop), and a checkpoint covers several commits, so a page written by each of them is
 * copied and synced once.
 *
 * The WAL only starts again from its beginning when a write transaction begins with every frame
 * already checkpointed, which never happens by itself while transactions follow each other: the
 * worker is always one transaction behind. So `ready()` is back-pressure: once the WAL is past
 * `limitPages`, the next transaction first waits, asynchronously (requests keep being served),
 * for the worker's RESTART checkpoint of what is left, and then writes from the WAL's start.
 * While it waits the event loop has nothing else to do, so the limit is a few transactions'
 * worth (a due-work transaction of 5,000 users writes ~5,500 pages): at 8,192 pages nearly every
 * transaction waited, 2.4–4.1 s in all of a 100,000-user bulk activation; at 32,768 (128 MiB)
 * 0.9–1.2 s, the worker's periodic checkpoints having copied most of it already.
 *
 * Checkpointing in COMMIT instead (no worker) made a 5,000-user COMMIT take ~150 ms instead of
 * 30–60, and the event loop's delay p99 230 ms instead of 90 (same job, measured in-process).
 */
export interface WalCheckpointer {
  /** Resolves when a write transaction may begin: at once unless the WAL is past the limit. */
  ready(): Promise<void>;
  /** The WAL's length in frames as the worker last reported it (what `ready()` goes by). */
  readonly reportedFrames: number;
  /** Stops the worker (the database's own close checkpoints what is left). */
  close(): Promise<void>;
}

export interface WalCheckpointerOptions {
  /** Pause of the worker between two checkpoints (ms). */
  intervalMs?: number;
  /** WAL length (pages) past which the next write transaction waits for a restart. */
  limitPages?: number;
  /** Longest wait for the worker before a transaction goes ahead anyway (ms). */
  maxWaitMs?: number;
  /** Called when the worker fails: the caller falls back to SQLite's own checkpoints. */
  onFailure(error: unknown): void;
}

/** What the worker reports after each checkpoint (`PRAGMA wal_checkpoint`'s own result). */
interface Report {
  /** The RESTART asked for, or a periodic PASSIVE checkpoint. */
  restart: boolean;
  /** 1 when a RESTART could not finish (a reader or another writer was in the way). */
  busy: number;
  /** Frames in the WAL (-1 when the checkpoint could not run). */
  log: number;
  /** Of them, frames copied into the database file. */
  checkpointed: number;
}

/**
 * The worker, as plain CommonJS run with `eval`: no TypeScript loader is needed in the thread,
 * whether the BFF runs under tsx or the tests under Vitest. Every `intervalMs` it checkpoints
 * PASSIVE (never waiting for, nor blocking, the writer or the readers); asked to, it checkpoints
 * RESTART (waits up to `busy_timeout` for readers of old frames, so the next write restarts the
 * WAL). It reports every result.
 */
const WORKER_SOURCE = /* js */ `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
let timer;
const checkpoint = (restart) => {
  clearTimeout(timer);
  const [result] = db.pragma(restart ? 'wal_checkpoint(RESTART)' : 'wal_checkpoint(PASSIVE)');
  parentPort.postMessage({ restart, ...result });
  timer = setTimeout(checkpoint, workerData.intervalMs, false);
};
parentPort.on('message', (message) => {
  if (message === 'restart') checkpoint(true);
  if (message === 'close') { clearTimeout(timer); db.close(); parentPort.close(); }
});
checkpoint(false);
`;

export function startWalCheckpointer(
  file: string,
  { intervalMs = 100, limitPages = 32_768, maxWaitMs = 1000, onFailure }: WalCheckpointerOptions,
): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driver, intervalMs, busyTimeoutMs: Math.min(100, maxWaitMs) },
    // The parent's --import hooks (tsx) are not needed here and cost a start-up each.
    execArgv: [],
  });
  // The thread must not keep the process alive on its own (close() ends it properly).
  worker.unref();
  /** Frames in the WAL as last reported: the transactions since then are not counted yet. */
  let log = 0;
  let failed = false;
  let restarted: (() => void) | undefined;
  worker.on('message', (report: Report) => {
    if (process.env.DEBUG_CKPT) console.log('report', report);
    // A RESTART that went through leaves nothing to wait for: the next write starts the WAL anew.
    log = report.restart && report.busy === 0 ? 0 : report.log;
    if (report.restart) restarted?.();
  });
  const fail = (error: unknown) => {
    if (failed) return;
    failed = true;
    restarted?.();
    onFailure(error);
  };
  worker.on('error', fail);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let closing = false;
  void exited.then(() => {
    if (!closing) fail(new Error('the WAL checkpointer stopped'));
  });

  return {
    get reportedFrames() {
      return log;
    },
    ready() {
      if (failed || closing || log < limitPages) return Promise.resolve();
      if (process.env.DEBUG_CKPT) console.log('wait', log);
      return new Promise<void>((resolve) => {
        const timeout = setTimeout(done, maxWaitMs);
        function done() {
          clearTimeout(timeout);
          restarted = undefined;
          resolve();
        }
        restarted = done;
        worker.postMessage('restart');
      });
    },
    async close() {
      if (closing) return;
      closing = true;
      restarted?.();
      if (failed) return;
      // Waited for, the thread must hold the process until it has exited: otherwise a short-lived
      // process (a command line tool) would run out of work mid-close and exit with code 13.
      worker.ref();
      worker.postMessage('close');
      await exited;
    },
  };
}

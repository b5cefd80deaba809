import { csvRecords } from '@hybrid-hub/contract/csv';
import type { Request, Response } from 'express';
import { sessionOf } from '../middleware/identify-session.ts';
import { sendProblem } from '../middleware/problem.ts';
import { DOWNLOAD_RETRY_AFTER_SECONDS, type CsvDownloads } from './csv-downloads.ts';

export interface CsvDownload<T> {
  /** The file's name as the browser saves it. */
  filename: string;
  columns: readonly string[];
  /** The rows, batch by batch from keyset reads: the whole file never sits in memory. */
  batches: AsyncIterable<T[]>;
  /** The row's cells as they read: the writer quotes them and neutralizes formulas. */
  cells: (row: T) => string[];
  /** What the log says when the download fails half-way. */
  failure: string;
}

/**
 * Streams a CSV download, one write per batch, waiting for the client when the socket's buffer
 * is full, and for its turn among the downloads under way (`downloads`), which also refuses one
 * over the session's or the organization's limit (429, before anything is read). The first batch
 * is read before anything is sent, so a store error is still answered as a problem instead of a
 * truncated file.
 */
export async function sendCsv<T>(
  req: Request,
  res: Response,
  downloads: CsvDownloads,
  { filename, columns, batches: source, cells, failure }: CsvDownload<T>,
): Promise<void> {
  const orgId = res.locals.orgId as string;
  const started = downloads.start(sessionOf(res)?.idHash ?? `address:${req.ip}`, orgId);
  if (!('release' in started)) {
    const whose = started.over === 'session' ? 'this session' : 'your organization';
    res.setHeader('Retry-After', String(DOWNLOAD_RETRY_AFTER_SECONDS));
    return sendProblem(res, 429, 'rate_limited', {
      detail: `Too many downloads at once: ${whose} already has ${started.limit} under way. Try again when one has finished.`,
    });
  }
  const gone = new AbortController();
  res.on('close', () => {
    started.release();
    gone.abort();
  });
  const drained = drainWaiter(res, gone.signal);
  const batches = source[Symbol.asyncIterator]();
  await downloads.turn();
  let batch = await batches.next();

  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  // Rows go out as they are read: no proxy buffering of a download that may take a while.
  res.setHeader('X-Accel-Buffering', 'no');

  try {
    let chunk = csvRecords([columns]);
    while (!batch.done && !gone.signal.aborted) {
      chunk += csvRecords(batch.value.map(cells));
      // When the socket's buffer is full, wait until the client has taken it (or left) before
      // reading the next batch from the store.
      if (!res.write(chunk)) await drained();
      chunk = '';
      await downloads.turn();
      batch = await batches.next();
    }
    if (gone.signal.aborted) return; // the client left; nothing to answer
    if (chunk) res.write(chunk);
    res.end();
  } catch (error) {
    if (gone.signal.aborted) return; // the client left; nothing to answer
    // Headers are out, so no problem document can follow: cut the connection, so the browser
    // reports a failed download instead of saving a file that looks complete but is not.
    req.log.error({ err: error, orgId }, failure);
    res.destroy();
  } finally {
    // Stop the store's reads when the client left or the loop ended early.
    if (!batch.done) await batches.return?.();
  }
}

/**
 * Waits until the response takes writes again, or the client has left. One 'drain' listener for
 * the whole download, not one a wait: the compression middleware hands res.on('drain') listeners
 * to its compressor, where res.removeListener cannot reach them, so they would pile up.
 */
function drainWaiter(res: Response, gone: AbortSignal): () => Promise<void> {
  let wake: (() => void) | undefined;
  res.on('drain', () => wake?.());
  gone.addEventListener('abort', () => wake?.(), { once: true });
  return () =>
    new Promise<void>((resolve) => {
      wake = resolve;
      if (gone.aborted) resolve();
    });
}

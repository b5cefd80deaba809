import { once } from 'node:events';
import { csvRecords } from '@hybrid-hub/contract/csv';
import type { Request, Response } from 'express';

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
 * is full. The first batch is read before anything is sent, so a store error is still answered
 * as a problem instead of a truncated file.
 */
export async function sendCsv<T>(
  req: Request,
  res: Response,
  { filename, columns, batches: source, cells, failure }: CsvDownload<T>,
): Promise<void> {
  const gone = new AbortController();
  res.on('close', () => gone.abort());
  const batches = source[Symbol.asyncIterator]();
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
      if (!res.write(chunk)) await once(res, 'drain', { signal: gone.signal });
      chunk = '';
      batch = await batches.next();
    }
    if (chunk) res.write(chunk);
    res.end();
  } catch (error) {
    if (gone.signal.aborted) return; // the client left; nothing to answer
    // Headers are out, so no problem document can follow: cut the connection, so the browser
    // reports a failed download instead of saving a file that looks complete but is not.
    req.log.error({ err: error, orgId: res.locals.orgId as unknown }, failure);
    res.destroy();
  } finally {
    // Stop the store's reads when the client left or the loop ended early.
    if (!batch.done) await batches.return?.();
  }
}

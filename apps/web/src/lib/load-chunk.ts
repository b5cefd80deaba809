/** Before the one more try of a screen's code that did not download. */
export const CHUNK_RETRY_DELAY_MS = 1000;

/** A part of the console's code that could not be downloaded, even on a second try. */
export class ChunkLoadError extends Error {
  override readonly name = 'ChunkLoadError';
}

// What Chromium, Firefox and Safari say when a dynamic import's script does not arrive, and
// what Vite's preloading says when a chunk's style sheet does not.
const BROWSER_WORDS =
  /Failed to fetch dynamically imported module|error loading dynamically imported module|Importing a module script failed|Unable to preload CSS/i;

export function isChunkLoadError(error: unknown): boolean {
  return (
    error instanceof ChunkLoadError || (error instanceof Error && BROWSER_WORDS.test(error.message))
  );
}

/**
 * `load` (a function that imports a chunk), tried once more after a pause when the chunk did not
 * download (a dropped connection, a server restarting); a second failure is a ChunkLoadError,
 * which the route's error page explains in words. An error of the chunk's own code is not
 * retried: it would only happen again.
 */
export function retryChunk<A extends unknown[], T>(
  load: (...args: A) => Promise<T>,
  delayMs = CHUNK_RETRY_DELAY_MS,
): (...args: A) => Promise<T> {
  return async (...args) => {
    try {
      return await load(...args);
    } catch (error) {
      if (!isChunkLoadError(error)) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    try {
      return await load(...args);
    } catch (error) {
      if (!isChunkLoadError(error)) throw error;
      throw new ChunkLoadError('Part of the console could not be downloaded.', { cause: error });
    }
  };
}

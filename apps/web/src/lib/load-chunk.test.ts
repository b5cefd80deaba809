import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChunkLoadError, isChunkLoadError, retryChunk } from './load-chunk.ts';

const notFetched = () =>
  new TypeError('Failed to fetch dynamically imported module: http://x/assets/users-route.js');

describe('retryChunk', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('tries a chunk that did not download once more after a pause, and takes it then', async () => {
    const load = vi.fn().mockRejectedValueOnce(notFetched()).mockResolvedValueOnce('module');
    const loaded = retryChunk(load, 1000)();
    await vi.advanceTimersByTimeAsync(999);
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(loaded).resolves.toBe('module');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('gives up after the second try with a ChunkLoadError, which keeps the browser’s as its cause', async () => {
    const first = notFetched();
    const load = vi.fn().mockRejectedValue(first);
    const loaded = retryChunk(load, 1000)();
    const settled = expect(loaded).rejects.toBeInstanceOf(ChunkLoadError);
    await vi.advanceTimersByTimeAsync(1000);
    await settled;
    await expect(loaded).rejects.toMatchObject({ cause: first });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not retry an error of the chunk’s own code', async () => {
    const load = vi.fn().mockRejectedValue(new ReferenceError('x is not defined'));
    await expect(retryChunk(load, 1000)()).rejects.toThrow('x is not defined');
    expect(load).toHaveBeenCalledTimes(1);
  });
});

describe('isChunkLoadError', () => {
  it('knows the browsers’ words for a module that did not download', () => {
    expect(isChunkLoadError(notFetched())).toBe(true);
    expect(isChunkLoadError(new TypeError('error loading dynamically imported module'))).toBe(true);
    expect(isChunkLoadError(new TypeError('Importing a module script failed.'))).toBe(true);
    expect(isChunkLoadError(new Error('Unable to preload CSS for /assets/a.css'))).toBe(true);
    expect(isChunkLoadError(new ChunkLoadError('x'))).toBe(true);
    expect(isChunkLoadError(new Error('Broken screen'))).toBe(false);
    expect(isChunkLoadError('Failed to fetch dynamically imported module')).toBe(false);
  });
});

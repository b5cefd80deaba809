/**
 * A FIFO lock for async work: a store's `transaction(work)` awaits inside `work`, and nothing
 * else may run on the store in the middle (it would see uncommitted writes, or land inside them).
 */
export class AsyncMutex {
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;

  /** True when nothing holds the lock and nothing waits for it. */
  get idle(): boolean {
    return this.#pending === 0;
  }

  /** Tasks queued behind the one holding the lock. */
  get waiting(): number {
    return Math.max(0, this.#pending - 1);
  }

  run<T>(task: () => Promise<T> | T): Promise<T> {
    this.#pending++;
    const result = this.#tail.then(task).finally(() => {
      this.#pending--;
    });
    this.#tail = result.catch(() => undefined);
    return result;
  }
}

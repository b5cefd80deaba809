/**
 * A FIFO lock for async work. better-sqlite3 has one synchronous connection, and a transaction
 * that awaits (the engine's `transaction(work)` is async) must not let other calls run on that
 * connection in the middle, or they would read its uncommitted writes or land inside it.
 */
export class AsyncMutex {
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;

  /** True when nothing holds the lock and nothing waits for it. */
  get idle(): boolean {
    return this.#pending === 0;
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

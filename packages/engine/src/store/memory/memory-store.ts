import { AsyncMutex } from '../../async-mutex.ts';
import { embeddedStoreMethods } from '../embedded.ts';
import type { StoreMethods } from '../store-areas.ts';
import type { Store, StoreCapabilities } from '../store.ts';
import { MemoryData } from './memory-data.ts';

/**
 * A base whose instances carry the Store's methods as own properties, made from the port's
 * method list (store-areas.ts), so that no class here lists them again.
 */
const WithStoreMethods = class {
  constructor(methods: StoreMethods) {
    Object.assign(this, methods);
  }
} as new (methods: StoreMethods) => StoreMethods;

/** The SQLite store's batch: the mocks and tests run the due work as the BFF does. */
const CAPABILITIES: StoreCapabilities = { dueWorkBatch: 20_000 };

/** Runs a synchronous operation as a promise, so that a throw becomes a rejection. */
function settle<T>(operation: () => T): Promise<T> {
  try {
    return Promise.resolve(operation());
  } catch (error) {
    return Promise.reject(error as Error);
  }
}

/**
 * The Store in memory: for the browser mocks (msw) and unit tests. Same semantics as the SQLite
 * store (both pass `describeStoreContract`).
 *
 * Transactions are serialized by a FIFO mutex; while one is open or queued, calls on the store
 * itself wait their turn (so nobody sees uncommitted writes), and `work` gets a view whose calls
 * run at once. A throw rolls the writes back from an undo log; a nested `transaction()` on the
 * view rolls back only its own writes.
 */
export class MemoryStore extends WithStoreMethods implements Store {
  readonly capabilities = CAPABILITIES;
  readonly #mutex: AsyncMutex;
  readonly #data: MemoryData;
  #closed = false;

  constructor() {
    const mutex = new AsyncMutex();
    const data = new MemoryData();
    super(
      embeddedStoreMethods(data.areas, (operation) =>
        mutex.idle ? settle(operation) : mutex.run(operation),
      ),
    );
    this.#mutex = mutex;
    this.#data = data;
  }

  /** Every transaction in turn, whatever its organization: that keeps the port's promise. */
  transaction<T>(_orgId: string, work: (tx: Store) => Promise<T>): Promise<T> {
    return this.#mutex.run(async () => {
      if (this.#closed) throw new Error('the store is closed');
      const view = new TransactionView(this.#data, () => this.shouldYield());
      this.#data.begin();
      let committed = false;
      try {
        const result = await work(view);
        committed = true;
        return result;
      } finally {
        this.#data.end(committed);
        view.finish();
      }
    });
  }

  /** Any call on the store itself queues behind an open transaction, reads included. */
  shouldYield(): Promise<boolean> {
    return Promise.resolve(this.#mutex.waiting > 0);
  }

  async close(): Promise<void> {
    await this.#mutex.run(() => {
      this.#closed = true;
    });
  }
}

class TransactionView extends WithStoreMethods implements Store {
  readonly capabilities = CAPABILITIES;
  #open = true;
  readonly #data: MemoryData;
  readonly shouldYield: () => Promise<boolean>;

  constructor(data: MemoryData, shouldYield: () => Promise<boolean>) {
    const view: { open: () => boolean } = { open: () => true };
    super(
      embeddedStoreMethods(data.areas, (operation) =>
        view.open()
          ? settle(operation)
          : Promise.reject(new Error('the transaction has already finished')),
      ),
    );
    view.open = () => this.#open;
    this.#data = data;
    this.shouldYield = shouldYield;
  }

  finish(): void {
    this.#open = false;
  }

  /** Nested: a savepoint. Its writes roll back on throw; the outer transaction goes on. */
  async transaction<T>(_orgId: string, work: (tx: Store) => Promise<T>): Promise<T> {
    if (!this.#open) throw new Error('the transaction has already finished');
    const mark = this.#data.mark();
    try {
      return await work(this);
    } catch (error) {
      this.#data.rollbackTo(mark);
      throw error;
    }
  }

  close(): Promise<void> {
    return Promise.reject(new Error('close the store, not its transaction'));
  }
}

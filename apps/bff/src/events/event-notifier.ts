/** One open event stream, as the notifier sees it. */
export interface EventSubscriber {
  /** New events may be in the outbox: read it. */
  wake(): void;
  /** The server is stopping: end the stream (the client reconnects and resumes). */
  end(): void;
}

/**
 * Wakes this process's event streams when the engine has committed events for their
 * organization. It carries no events and no sequence numbers — only "look again" — so it holds
 * nothing two replicas could disagree on: what a stream sends always comes from the outbox.
 * Events committed by another replica arrive through PostgreSQL's LISTEN/NOTIFY when there are
 * replicas (pg-event-listener.ts), and the streams' slow poll is the backstop.
 */
export class EventNotifier {
  readonly #subscribers = new Map<string, Set<EventSubscriber>>();

  subscribe(orgId: string, subscriber: EventSubscriber): () => void {
    let set = this.#subscribers.get(orgId);
    if (!set) {
      set = new Set();
      this.#subscribers.set(orgId, set);
    }
    set.add(subscriber);
    return () => {
      set.delete(subscriber);
      if (set.size === 0 && this.#subscribers.get(orgId) === set) this.#subscribers.delete(orgId);
    };
  }

  /** The engine's `onEventsCommitted`. */
  notify(orgIds: readonly string[]): void {
    for (const orgId of new Set(orgIds)) {
      for (const subscriber of [...(this.#subscribers.get(orgId) ?? [])]) subscriber.wake();
    }
  }

  /** Every stream reads its outbox again (notifications from other replicas may have been lost). */
  wakeAll(): void {
    for (const set of [...this.#subscribers.values()]) {
      for (const subscriber of [...set]) subscriber.wake();
    }
  }

  /** Open streams, all organizations together (tests and shutdown). */
  get size(): number {
    let size = 0;
    for (const set of this.#subscribers.values()) size += set.size;
    return size;
  }

  /** Ends every stream, so that closing the server does not wait for clients that never leave. */
  endAll(): void {
    for (const set of [...this.#subscribers.values()]) {
      for (const subscriber of [...set]) subscriber.end();
    }
  }
}

import { openEventStream, type EventStreamClient } from './event-stream-client.ts';

export interface ResumingEventStream {
  /** Every event received, across connections, in order. */
  readonly events: { id: number; event: string }[];
  /** Connections opened, the first included. */
  readonly connections: number;
  /** Drops the current connection (as a browser does with a silent one) and resumes elsewhere. */
  reconnect(): void;
  /** Ends the stream; resolves once the last connection's events are in `events`. */
  close(): Promise<void>;
}

/**
 * What a browser's EventSource does when its stream drops: waits the server's `retry:` (else
 * `retryMs`), opens it again on whatever replica `pickUrl` names now, with `Last-Event-ID` set
 * to the last id it got, so that it resumes where it was: what was committed meanwhile comes first.
 */
export function resumeEventStream(
  pickUrl: () => string,
  headers: Record<string, string>,
  retryMs = 1_000,
): ResumingEventStream {
  const events: { id: number; event: string }[] = [];
  let connections = 0;
  let closed = false;
  let current: EventStreamClient | undefined;
  const collect = (client: EventStreamClient) => {
    for (const message of client.messages.splice(0)) {
      events.push({ id: Number(message.id), event: message.event });
    }
  };
  const lastId = () => events.at(-1)?.id;
  const follow = async () => {
    let wait = retryMs;
    while (!closed) {
      const last = lastId();
      try {
        connections++;
        const client = await openEventStream(`${pickUrl()}/api/v1/events`, {
          ...headers,
          ...(last === undefined ? {} : { 'last-event-id': String(last) }),
        });
        current = client;
        if (client.response.ok) await client.ended.catch(() => {});
        wait = client.retry ?? wait;
        collect(client);
      } catch {
        // Refused or reset: the replica is down; try again, maybe elsewhere.
      }
      current = undefined;
      if (!closed) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  };
  const following = follow();
  return {
    events,
    get connections() {
      return connections;
    },
    reconnect() {
      current?.close();
    },
    async close() {
      closed = true;
      current?.close();
      await following;
    },
  };
}

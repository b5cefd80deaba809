/** One server-sent event as a browser's EventSource would dispatch it. */
export interface StreamMessage {
  id: string | undefined;
  event: string;
  data: string;
}

export interface EventStreamClient {
  response: Response;
  /** Every message received so far, in order. */
  messages: StreamMessage[];
  /** Comment lines (`: heartbeat`) received so far. */
  comments: string[];
  /** The last `retry:` the server sent. */
  retry: number | undefined;
  /** Resolves with the first message (from the start of the stream) that `match` accepts. */
  waitFor(match: (message: StreamMessage) => boolean, timeoutMs?: number): Promise<StreamMessage>;
  /** Resolves when the server has ended the stream. */
  ended: Promise<void>;
  close(): void;
}

/**
 * A minimal EventSource for tests (Node has none before v22 behind a flag): reads the stream
 * with fetch and parses it by the HTML standard's rules — `field: value` lines, a blank line
 * dispatches, `:` starts a comment.
 */
export async function openEventStream(
  url: string,
  headers: Record<string, string> = {},
): Promise<EventStreamClient> {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  const messages: StreamMessage[] = [];
  const comments: string[] = [];
  const listeners = new Set<() => void>();
  const client: EventStreamClient = {
    response,
    messages,
    comments,
    retry: undefined,
    waitFor(match, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(match);
          if (!found) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          const seen = messages.map((message) => `${message.id} ${message.event}`).join(', ');
          reject(new Error(`no matching event within ${timeoutMs} ms (seen: ${seen || 'none'})`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    ended: Promise.resolve(),
    close: () => abort.abort(),
  };
  if (!response.ok || !response.body) return client;

  client.ended = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    let pending: { id?: string; event?: string; data: string[] } = { data: [] };
    try {
      for await (const chunk of response.body!) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        const lines = buffer.split(/\r\n|\r|\n/);
        buffer = lines.pop()!;
        for (const line of lines) {
          if (line === '') {
            if (pending.data.length > 0) {
              messages.push({
                id: pending.id,
                event: pending.event ?? 'message',
                data: pending.data.join('\n'),
              });
            }
            pending = { data: [] };
            for (const listener of [...listeners]) listener();
            continue;
          }
          if (line.startsWith(':')) {
            comments.push(line.slice(1).trim());
            continue;
          }
          const colon = line.indexOf(':');
          const field = colon === -1 ? line : line.slice(0, colon);
          const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'data') pending.data.push(value);
          else if (field === 'id') pending.id = value;
          else if (field === 'event') pending.event = value;
          else if (field === 'retry') client.retry = Number(value);
        }
      }
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    }
  })();
  return client;
}

import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openEventStream } from './testing/event-stream-client.ts';
import { startTestBff, type TestBff } from './testing/test-bff.ts';

let bff: TestBff;
beforeAll(async () => {
  bff = await startTestBff({}, undefined, { eventStreamTiming: { pollMs: 500, heartbeatMs: 500 } });
});
afterAll(() => bff.destroy());

interface RawConnection {
  socket: Socket;
  /** Everything the server sent. */
  received(): string;
  /** Resolves when the server has closed the connection (the test never closes it first). */
  closed: Promise<void>;
}

function rawConnection(): Promise<RawConnection> {
  const { hostname, port } = new URL(bff.url);
  const socket = connect(Number(port), hostname);
  let text = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (text += chunk));
  socket.on('error', () => {}); // a reset is a close too
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve({ socket, received: () => text, closed }));
    socket.once('error', reject);
  });
}

/** Writes `text` a byte a second for as long as the socket stays open. */
function trickle(socket: Socket, text: string): () => void {
  let at = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || socket.writableEnded) return clearInterval(timer);
    socket.write(text[at % text.length]!);
    at += 1;
  }, 1000);
  return () => clearInterval(timer);
}

/** Resolves when `promise` does, or fails after `ms`. */
async function within(promise: Promise<void>, ms: number, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: still open after ${ms} ms`)), ms);
  });
  try {
    await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('slow clients', () => {
  it('closes a connection whose headers trickle in (slowloris), not event streams or quick requests', async () => {
    // An admin's event stream, open before the slow clients and meant to outlive them.
    const stream = await openEventStream(`${bff.url}/api/v1/events`, bff.headers);
    expect(stream.response.status).toBe(200);
    let streamEnded = false;
    void stream.ended.then(() => (streamEnded = true));

    const headers = await rawConnection();
    headers.socket.write(`GET /api/health HTTP/1.1\r\nHost: ${new URL(bff.url).host}\r\n`);
    const stopHeaders = trickle(headers.socket, 'X-Padding: slowloris\r\n');

    // A body that trickles in after complete headers: the whole request has a deadline too.
    const body = await rawConnection();
    body.socket.write(
      `POST /api/v1/session HTTP/1.1\r\nHost: ${new URL(bff.url).host}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"email":"',
    );
    const stopBody = trickle(body.socket, 'a');

    try {
      await within(headers.closed, 15_000, 'slow headers');
      expect(headers.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
      // Meanwhile everyone else is served as usual.
      const health = await fetch(`${bff.url}/api/health`);
      expect(health.status).toBe(200);
      await health.arrayBuffer();

      await within(body.closed, 25_000, 'slow body');
      // Its request is under way in Express by then: the connection is cut without an answer.
      expect(body.received()).toMatch(/^(HTTP\/1\.1 408 |$)/);

      // The stream, open longer than both deadlines by now, still delivers.
      const heartbeats = stream.comments.length;
      await vi.waitFor(() => expect(stream.comments.length).toBeGreaterThan(heartbeats), {
        timeout: 3000,
      });
      expect(streamEnded).toBe(false);
    } finally {
      stopHeaders();
      stopBody();
      headers.socket.destroy();
      body.socket.destroy();
      stream.close();
    }
  }, 40_000);
});

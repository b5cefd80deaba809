import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE, problemOf, type ProblemCode } from '@hybrid-hub/contract';

/**
 * Requests Node's HTTP parser refuses never reach Express: a URL or headers over its limit
 * (16 KiB), a malformed request line, a request that took too long to arrive (the server's
 * headersTimeout and requestTimeout). Node answers them with an empty 400, 431 or 408; this
 * answers them as problem+json like every other error, then closes the connection (what follows
 * on it cannot be trusted to start at a request boundary).
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
    if (!socket.writable || (socket as { _httpMessage?: unknown })._httpMessage) {
      // The socket is gone, or a response is already under way on it: nothing clean to send.
      socket.destroy();
      return;
    }
    const { status, reason, code, title, detail } = REFUSALS[error.code ?? ''] ?? MALFORMED;
    const problem = problemOf(status, code, { detail });
    const body = JSON.stringify(title ? { ...problem, title } : problem);
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}

interface Refusal {
  status: number;
  reason: string;
  code: ProblemCode;
  /** When the code's own title would not say it. */
  title?: string;
  detail: string;
}

/** By the parser's error code; anything else is a malformed request (400). */
const REFUSALS: Record<string, Refusal> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    code: 'payload_too_large',
    detail: 'The URL or the headers are larger than allowed (16 KiB).',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: 'Request Timeout',
    code: 'validation_failed',
    title: 'Request too slow',
    detail: 'The request did not arrive in time (its headers within 10 s, all of it within 20 s).',
  },
};
const MALFORMED: Refusal = {
  status: 400,
  reason: 'Bad Request',
  code: 'validation_failed',
  detail: 'The request could not be read as HTTP.',
};

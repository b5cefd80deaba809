import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE, problemType, type Problem } from '@hybrid-hub/contract';

/**
 * Requests Node's HTTP parser refuses never reach Express: a URL or headers over its limit
 * (16 KiB), a malformed request line. Node answers them with an empty 400 or 431; this answers
 * them as problem+json like every other error, then closes the connection (what follows on it
 * cannot be trusted to start at a request boundary).
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
    if (!socket.writable || (socket as { _httpMessage?: unknown })._httpMessage) {
      // The socket is gone, or a response is already under way on it: nothing clean to send.
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const problem: Problem = tooLarge
      ? {
          type: problemType('payload_too_large'),
          title: 'Request too large',
          status,
          code: 'payload_too_large',
          detail: 'The URL or the headers are larger than allowed (16 KiB).',
        }
      : {
          type: problemType('validation_failed'),
          title: 'Invalid request',
          status,
          code: 'validation_failed',
          detail: 'The request could not be read as HTTP.',
        };
    const body = JSON.stringify(problem);
    socket.end(
      `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}

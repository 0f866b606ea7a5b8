import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorCode } from '../errors/app-error';
import { problemFor } from './problem';

/**
 * Requests Node's HTTP parser rejects never reach Express: a request line and headers over
 * Node's 16 KB limit (a URL with a huge query string, say), or bytes that aren't HTTP. Node
 * answers those with a bare status line; this makes them the same problem+json as every other
 * refusal, naming what was wrong. The connection closes afterwards, since the parser can't
 * tell where the next request would begin.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // Nothing to answer on a connection that is gone or already mid-response.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const code: ErrorCode = tooLarge ? 'headers-too-large' : 'validation';
    const detail = tooLarge
      ? 'The request line and headers together are larger than the server accepts (16 KB). Send long input in a request body instead of the URL.'
      : 'The request is not valid HTTP.';
    const problem = problemFor(code, detail, [{ field: tooLarge ? 'headers' : 'request', message: detail }]);
    const body = JSON.stringify(problem);
    socket.end(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
        'Content-Type: application/problem+json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Cache-Control: no-store\r\n' +
        'X-Content-Type-Options: nosniff\r\n' +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}

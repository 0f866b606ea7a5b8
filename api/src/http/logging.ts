import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import pino, { type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({
    level,
    // Tokens and cookies never reach the log, wherever they appear.
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.token', '*.password', '*.accessToken'],
      censor: '[redacted]',
    },
  });
}

declare module 'express-serve-static-core' {
  interface Request {
    /** the request's id: the caller's `X-Request-Id` when it is a safe token, else a new UUID */
    id: string;
    /** the app's logger bound to this request's id (and, once signed in, the user's) */
    log: Logger;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * One line per request when it finishes — method, redacted URL, status, duration — at `info`,
 * `warn` for 4xx and `error` for 5xx, and `req.log` for whatever the request logs on the way.
 * Written here rather than with pino-http, which serialises every request into a child logger
 * up front (and through the redaction paths) even when its line is below the level: about a
 * tenth of the API's CPU per read at `LOG_LEVEL=warn` (bench:api, docs/benchmarks.md).
 */
export function requestLogging(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', id);
    req.id = id;
    req.log = logger.child({ reqId: id });
    const started = performance.now();
    const method = req.method;
    // Routers rewrite req.url on the way down; the line names what the caller asked for.
    const url = req.originalUrl;
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      const status = res.statusCode;
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      if (!req.log.isLevelEnabled(level)) return;
      const fields = { req: { id, method, url: redactUrl(url) }, res: { statusCode: status }, responseTime: Math.round(performance.now() - started) };
      req.log[level](fields, res.writableFinished ? 'request completed' : 'request aborted');
    };
    res.once('finish', done);
    res.once('close', done);
    next();
  };
}

/** Calendar feed URLs carry their credential in the path; it must never reach a log. */
export function redactUrl(url: string): string {
  return url.replace(/^(\/api\/calendar\/)[^/?]+(\.ics)/i, '$1[redacted]$2');
}

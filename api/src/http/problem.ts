import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isDatabaseUnavailable } from '../db/retry';
import { AppError, errorCatalog, problemType, type ErrorCode } from '../errors/app-error';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: { field: string; message: string }[];
}

export function problemFor(code: ErrorCode, detail: string, errors: AppError['errors'] = [], instance?: string): ProblemBody {
  const { status, title } = errorCatalog[code];
  return {
    type: problemType(code),
    title,
    status,
    detail,
    ...(instance ? { instance } : {}),
    ...(errors.length > 0 ? { errors } : {}),
  };
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** Errors that body-parser and friends raise before our handlers run. */
function fromFrameworkError(error: unknown): AppError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { type?: string; status?: number; expose?: boolean; limit?: unknown };
  if (e.type === 'entity.parse.failed') return new AppError('validation', 'The request body is not valid JSON.', [{ field: 'body', message: 'Malformed JSON' }]);
  if (e.type === 'entity.too.large') {
    const detail = `The request body is larger than this endpoint accepts${typeof e.limit === 'number' ? ` (at most ${sizeText(e.limit)})` : ''}.`;
    return new AppError('payload-too-large', detail, [{ field: 'body', message: detail }]);
  }
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') return new AppError('unsupported-media-type', 'Send JSON encoded as UTF-8.');
  if (e.status === 404 && e.expose) return new AppError('not-found', 'There is no such file.');
  // The router sets status 400 but not `expose` when a path parameter isn't valid percent-encoded UTF-8 (e.g. %ED%A0%80).
  if (error instanceof URIError && e.status === 400) {
    return AppError.validation([{ field: 'path', message: 'Not valid percent-encoded UTF-8' }], 'A path parameter is not valid percent-encoded UTF-8.');
  }
  if (e.status === 400 && e.expose) return new AppError('validation', 'The request could not be read.');
  return undefined;
}

/**
 * A locked or unreachable database. Usually a transaction was rolled back whole and the client
 * can simply send the request again; a lone statement whose connection dropped may have run,
 * so the detail promises nothing either way.
 */
const DATABASE_BUSY = new AppError('unavailable', 'The database is busy or briefly unreachable; try again in a moment.');
const DATABASE_RETRY_AFTER_SECONDS = 1;

export const errorHandler: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const busy = !(error instanceof AppError) && isDatabaseUnavailable(error);
  const known = error instanceof AppError ? error : busy ? DATABASE_BUSY : fromFrameworkError(error);
  const body = known
    ? problemFor(known.code, known.detail, known.errors, req.originalUrl)
    : problemFor('internal', 'An unexpected error occurred. It has been logged; try again shortly.', [], req.originalUrl);
  if (!known) req.log?.error({ err: error }, 'unhandled error');
  if (busy) {
    // Worth knowing about when it happens often, but the client only needs to try again.
    req.log?.warn({ err: error }, 'database busy or unreachable');
    res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
  }
  res.status(body.status).type('application/problem+json').json(body);
};

export const notFoundHandler: RequestHandler = (req, res) => {
  const body = problemFor('not-found', `No API route matches ${req.method} ${req.path}.`, [], req.originalUrl);
  res.status(404).type('application/problem+json').json(body);
};

/** The only error type services throw. HTTP statuses live in one table, not in services. */
export const errorCatalog = {
  validation: { status: 400, title: 'Your request has invalid fields' },
  unauthenticated: { status: 401, title: 'Sign-in required' },
  forbidden: { status: 403, title: 'Not allowed' },
  'not-found': { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict with the current state' },
  'payload-too-large': { status: 413, title: 'Request body too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported content type' },
  'headers-too-large': { status: 431, title: 'Request line or headers too large' },
  unprocessable: { status: 422, title: 'Some of the content can’t be applied' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  unavailable: { status: 503, title: 'Service unavailable' },
  internal: { status: 500, title: 'Something went wrong on our side' },
} as const;

export type ErrorCode = keyof typeof errorCatalog;

export interface FieldError {
  /** dotted path of the offending field, e.g. `email` or `actionSteps.2` */
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super(detail);
    this.name = 'AppError';
  }

  static validation(errors: FieldError[], detail?: string): AppError {
    const fields = errors.map((e) => e.field).join(', ');
    return new AppError('validation', detail ?? `Check these fields: ${fields}.`, errors);
  }

  static notFound(what: string): AppError {
    return new AppError('not-found', `${what} was not found.`);
  }
}

export function problemType(code: ErrorCode): string {
  return `urn:tandem:problem:${code}`;
}

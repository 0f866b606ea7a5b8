import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { Router, text, type Request, type RequestHandler, type Response } from 'express';
import type { ZodError, ZodType, ZodTypeAny } from 'zod';
import { AppError, errorCatalog, type ErrorCode } from '../errors/app-error';
import type { CurrentUser } from '../users/users.service';
import { z } from './zod';

/** Who may call an endpoint; the matrix tests read this from OpenAPI (`x-access`). */
export type Access = 'public' | 'user' | 'admin';
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteContext<P, Q, B, A extends Access> {
  params: P;
  query: Q;
  body: B;
  user: A extends 'public' ? CurrentUser | undefined : CurrentUser;
  req: Request;
  res: Response;
}

export interface RouteSpec<
  P extends ZodTypeAny,
  Q extends ZodTypeAny,
  B extends ZodTypeAny,
  R extends ZodTypeAny,
  A extends Access,
> {
  method: Method;
  /** OpenAPI-style path, e.g. `/api/pairs/{pairId}` */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  access: A;
  params?: P;
  /** the path parameters accept any value (so no 400 is documented for them) */
  paramsAlwaysValid?: boolean;
  query?: Q;
  body?: B;
  /** how the body arrives: JSON (the default, parsed for all of /api) or a CSV file (`text/csv`, UTF-8, ≤ `csvLimit`) as a string */
  bodyType?: 'json' | 'csv';
  /** the largest CSV body accepted, in body-parser's notation; `1mb` unless said */
  csvLimit?: '1mb' | '5mb';
  /** success status, 200 unless said */
  status?: 200 | 201 | 202 | 204;
  response: R;
  /** media type of the success body, `application/json` unless said (the handler then writes it itself) */
  contentType?: string;
  /** error codes this endpoint can answer with, for the OpenAPI document */
  errors?: ErrorCode[];
  /** another status the handler may set (`res.status`) with the same response body, for the OpenAPI document */
  alsoAnswers?: { status: number; description: string };
  handler(ctx: RouteContext<z.infer<P>, z.infer<Q>, z.infer<B>, A>): Promise<z.input<R>> | z.input<R>;
}

export interface AuthMiddleware {
  /** sets `req.user` when a valid bearer token is present; rejects otherwise */
  requireUser: RequestHandler;
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: CurrentUser;
  }
}

const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

/**
 * Collects route definitions: each becomes an Express route (validated with its zod
 * schemas, authorised by its `access`) and an OpenAPI operation from the same schemas.
 */
export class ApiBuilder {
  /** every route, mounted by the first segment after `/api/` (see `groupOf`) */
  readonly router = Router();
  private readonly groups = new Map<string, Router>();

  constructor(
    private readonly registry: OpenAPIRegistry,
    private readonly auth: AuthMiddleware,
  ) {}

  add<
    P extends ZodTypeAny = ZodType<Record<string, never>>,
    Q extends ZodTypeAny = ZodType<Record<string, never>>,
    B extends ZodTypeAny = ZodType<undefined>,
    R extends ZodTypeAny = ZodTypeAny,
    A extends Access = Access,
  >(spec: RouteSpec<P, Q, B, R, A>): void {
    this.document(spec);
    const { group, rest } = groupOf(spec.path);
    const expressPath = rest.replace(/\{(\w+)\}/g, ':$1');
    const guards: RequestHandler[] = [];
    if (spec.access !== 'public') guards.push(this.auth.requireUser);
    if (spec.access === 'admin') guards.push(requireAdmin);
    if (spec.bodyType === 'csv') guards.push(requireCsv, csvBody(spec.csvLimit ?? '1mb'));
    const status = spec.status ?? 200;

    this.groupRouter(group)[spec.method](expressPath, ...guards, async (req, res) => {
      const params = parse('path', spec.params, req.params);
      const query = parse('query', spec.query, req.query);
      const body = parse('body', spec.body, spec.body ? req.body : undefined);
      const result = await spec.handler({ params, query, body, user: req.user as never, req, res });
      if (res.headersSent) return;
      if (status === 204) {
        res.status(204).end();
        return;
      }
      // Parsing the response strips anything the contract doesn't name, so a query
      // that selects too much can never leak it.
      // A handler may choose another status (health answers 503 with its normal body).
      if (res.statusCode === 200) res.status(status);
      res.json(spec.response.parse(result));
    });
  }

  private groupRouter(group: string): Router {
    let router = this.groups.get(group);
    if (!router) {
      router = Router();
      // Where it is mounted, for tools that list the routes Express serves (tests/support/routes.ts).
      Object.defineProperty(router, 'mountPath', { value: group });
      this.groups.set(group, router);
      this.router.use(group, router);
    }
    return router;
  }

  private document(spec: RouteSpec<any, any, any, any, any>): void {
    const responses: RouteConfig['responses'] = {
      [spec.status ?? 200]: {
        description: 'Success',
        ...(spec.status === 204 ? {} : { content: { [spec.contentType ?? 'application/json']: { schema: spec.response } } }),
      },
    };
    if (spec.alsoAnswers) {
      responses[spec.alsoAnswers.status] = { description: spec.alsoAnswers.description, content: { 'application/json': { schema: spec.response } } };
    }
    const codes = new Set<ErrorCode>(spec.errors ?? []);
    if (spec.bodyType === 'csv') {
      codes.add('payload-too-large');
      codes.add('unsupported-media-type');
    }
    if (spec.query || spec.body || (spec.params && !spec.paramsAlwaysValid)) codes.add('validation');
    if (spec.access !== 'public') codes.add('unauthenticated');
    if (spec.access === 'admin') codes.add('forbidden');
    for (const code of codes) {
      responses[errorCatalog[code].status] = {
        description: errorCatalog[code].title,
        content: { 'application/problem+json': { schema: problemSchema } },
      };
    }
    this.registry.registerPath({
      method: spec.method,
      path: spec.path,
      operationId: spec.operationId,
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      tags: [spec.tag],
      ...(spec.access === 'public' ? { security: [] } : {}),
      request: {
        ...(spec.params ? { params: spec.params } : {}),
        ...(spec.query ? { query: spec.query } : {}),
        ...(spec.body ? { body: { required: true, content: { [spec.bodyType === 'csv' ? 'text/csv' : 'application/json']: { schema: spec.body } } } } : {}),
      },
      responses,
      'x-access': spec.access,
    } as RouteConfig);
  }
}

const requireAdmin: RequestHandler = (req, _res, next) => {
  if (!req.user?.isAdmin) throw new AppError('forbidden', 'Only program admins (L&D managers) can do this.');
  next();
};

/** CSV bodies: only `text/csv`, only UTF-8, at most the route's limit (larger is a 413 problem from the parser). */
const requireCsv: RequestHandler = (req, _res, next) => {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (!req.is('text/csv') || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
    throw new AppError('unsupported-media-type', 'Send the file as text/csv encoded as UTF-8.');
  }
  next();
};
const csvBody = (limit: string) => text({ type: 'text/csv', limit, defaultCharset: 'utf-8' });

function parse<S extends ZodTypeAny | undefined>(where: 'path' | 'query' | 'body', schema: S, value: unknown) {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw validationError(where, result.error);
}

export function validationError(where: 'path' | 'query' | 'body', error: ZodError): AppError {
  const errors = error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : where,
    message: issue.message,
  }));
  return AppError.validation(errors, where === 'body' ? undefined : `Check these ${where === 'path' ? 'path' : 'query'} parameters: ${errors.map((e) => e.field).join(', ')}.`);
}

/**
 * Express tries routes one by one, so with every endpoint on one router each request paid for
 * matching the ~90 that came before its own. Mounted per first segment (`/api/pairs`,
 * `/api/admin`, …), a request only walks its own group. Groups can't overlap: each is a
 * different literal segment, so the order of registration within a group is all that matters.
 */
function groupOf(path: string): { group: string; rest: string } {
  const match = /^(\/api\/[\w-]+)(\/.*)?$/.exec(path);
  if (!match) throw new Error(`route path ${path} must start with /api/ and a literal segment`);
  return { group: match[1]!, rest: match[2] ?? '/' };
}

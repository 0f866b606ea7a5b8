import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';
import { GRAPH_RESOURCE, type EntraStandIn } from './entra-stand-in';
import { graphCsdl, GRAPH_CSDL_PATH } from './graph-csdl';

/**
 * A local stand-in for the directory slice of Microsoft Graph v1.0 that Tandem reads app-only:
 * `GET /users/delta` (paging with @odata.nextLink, a final @odata.deltaLink, $select, `manager@delta`,
 * `@removed`, expirable tokens answering 410), `GET /users/{id}` and `/users/{id}/manager`, and
 * `POST /$batch` of those. It accepts only app-only tokens from the Entra stand-in that carry the
 * `User.Read.All` role, speaks Graph's error bodies, and checks paths, $select and $expand names
 * against Graph's published CSDL (violations are answered 400 and listed).
 */
export interface DirectoryUserInput {
  id: string;
  displayName?: string;
  mail?: string | null;
  userPrincipalName?: string;
  department?: string | null;
  jobTitle?: string | null;
  officeLocation?: string | null;
  usageLocation?: string | null;
  accountEnabled?: boolean;
  /** object id of the manager */
  manager?: string | null;
}

export interface DirectoryRequestRecord {
  method: string;
  /** path without /v1.0, decoded */
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  /** for `$batch`: the sub-requests' urls */
  batch?: string[];
}

export interface DirectoryFaultMatch {
  method?: string;
  path?: RegExp;
  /** only requests carrying this query parameter (e.g. `$skiptoken` — a second or later page) */
  hasQuery?: string;
  /** match a `$batch` sub-request (answered inside the batch) instead of an HTTP request */
  batchItem?: boolean;
}
export type DirectoryFault = { status: number; retryAfterSeconds?: number; code?: string; message?: string } | { reset: true };

export interface GraphDirectoryStandIn {
  /** http://127.0.0.1:<port>/v1.0 */
  baseUrl: string;
  /** users per delta page */
  pageSize: number;
  /** latency added to every answer (ms), so concurrency shows */
  delayMs: number;
  requests: DirectoryRequestRecord[];
  /** request problems (CSDL or Graph's own rules); each one was also answered 400 */
  contractViolations: string[];
  /** adds a user, or changes the properties given (each change is what the next delta round reports) */
  upsertUser(user: DirectoryUserInput): void;
  /** deletes the user: `changed` when soft-deleted (restorable), `deleted` when permanently */
  deleteUser(id: string, reason?: 'changed' | 'deleted'): void;
  /** delta answers leave `manager@delta` out for this user, as Graph sometimes does */
  withholdManagerInDelta(id: string): void;
  /** every delta and skip token issued so far answers 410 Gone with this code */
  expireTokens(code?: 'syncStateNotFound' | 'resyncRequired'): void;
  /** the next `times` requests matching get the fault instead */
  fail(match: DirectoryFaultMatch, fault: DirectoryFault, times?: number): void;
  /** the most `$batch` requests in flight at once */
  readonly maxBatchesInFlight: number;
  close(): Promise<void>;
}

interface StoredUser {
  props: Record<string, unknown>;
  manager: string | null;
  /** the manager before the last change, for `manager@delta` removals */
  previousManager: string | null;
  createdSeq: number;
  /** sequence number of each property's last change ('manager' included) */
  changedAt: Map<string, number>;
  deleted: { reason: 'changed' | 'deleted'; seq: number } | null;
}
interface Round {
  /** users (ids) this round reports, in order */
  items: string[];
  /** changes after this sequence number are reported; 0 for a full round */
  since: number;
  /** the sequence number when the round began: the next round starts after it */
  upTo: number;
  select: string[];
  expired: boolean;
}
interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const USER_TYPE = '#microsoft.graph.user';
/** what Graph returns for a user when $select leaves it to Graph */
const DEFAULT_SELECT = ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id'];
const READ_ROLES = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const TRACKED = ['displayName', 'mail', 'userPrincipalName', 'department', 'jobTitle', 'officeLocation', 'usageLocation', 'accountEnabled'];

/** Graph's CSDL declares `delta` as a function bound to Collection(graph.user). */
function csdlDeclaresUserDelta(): boolean {
  const xml = fs.readFileSync(GRAPH_CSDL_PATH, 'utf8');
  return /<Function Name="delta" IsBound="true">\s*<Parameter Name="bindingParameter" Type="Collection\(graph\.user\)"/.test(xml);
}

export async function startGraphDirectoryStandIn(options: { entra: EntraStandIn }): Promise<GraphDirectoryStandIn> {
  const { entra } = options;
  const csdl = graphCsdl();
  if (!csdlDeclaresUserDelta()) throw new Error('The Graph CSDL declares no delta function on users');
  const users = new Map<string, StoredUser>();
  const rounds = new Map<string, Round>();
  const deltaTokens = new Map<string, { since: number; select: string[]; expired: boolean }>();
  const requests: DirectoryRequestRecord[] = [];
  const contractViolations: string[] = [];
  const faults: Array<{ match: DirectoryFaultMatch; fault: DirectoryFault; remaining: number }> = [];
  const state = { seq: 0, pageSize: 3, delayMs: 0, batchesInFlight: 0, maxBatchesInFlight: 0, expiryCode: 'syncStateNotFound' };
  const withheld = new Set<string>();
  let baseUrl = '';

  // ---------- answers ----------

  function graphError(status: number, code: string, message: string, headers: Record<string, string> = {}): Reply {
    return {
      status,
      headers,
      body: { error: { code, message, innerError: { date: entra.now().toISOString().replace(/\.\d+Z$/, ''), 'request-id': randomUUID(), 'client-request-id': randomUUID() } } },
    };
  }
  function violation(what: string, status = 400, code = 'BadRequest'): Reply {
    contractViolations.push(what);
    return graphError(status, code, what);
  }

  /** Property names a $select may name: the user's properties and navigation properties in the CSDL. */
  function checkSelect(names: string[], where: string): Reply | undefined {
    const problems = csdl.checkType('user', Object.fromEntries(names.map((n) => [n, undefined])), { partial: true }).filter((p) => p.includes('no such property'));
    if (problems.length > 0) return violation(`${where}: $select names ${problems.map((p) => p.split(':')[0]).join(', ')}, not properties of user in Graph v1.0 (${problems.join('; ')})`);
    return undefined;
  }
  /** Every user answer is itself checked against the CSDL, so the stand-in can't drift from Graph's types. */
  function checked(user: Record<string, unknown>): Record<string, unknown> {
    const plain = Object.fromEntries(Object.entries(user).filter(([k]) => !k.includes('@')));
    const problems = csdl.checkType('user', plain, { partial: true });
    if (problems.length > 0) throw new Error(`stand-in rendered a user Graph would not: ${problems.join('; ')}`);
    return user;
  }
  const selectOf = (query: URLSearchParams) => {
    const raw = query.get('$select');
    return raw ? raw.split(',').map((s) => s.trim()).filter(Boolean) : null;
  };

  function render(user: StoredUser, select: string[], only?: Set<string>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const name of select) {
      if (name === 'manager' || (only && !only.has(name))) continue;
      out[name] = name === 'id' ? user.props.id : (user.props[name] ?? (name === 'businessPhones' ? [] : null));
    }
    out.id = user.props.id;
    return checked(out);
  }

  // ---------- delta ----------

  function startRound(since: number, select: string[]): string {
    const items = [...users.entries()]
      .filter(([, u]) =>
        since === 0
          ? !u.deleted
          : u.createdSeq > since || (u.deleted && u.deleted.seq > since) || [...u.changedAt.entries()].some(([prop, seq]) => seq > since && (select.includes(prop) || prop === 'manager')),
      )
      .filter(([, u]) => !(u.deleted && u.createdSeq > since))
      .map(([id]) => id)
      .sort();
    const id = randomBytes(12).toString('base64url');
    rounds.set(id, { items, since, upTo: state.seq, select, expired: false });
    return id;
  }

  function deltaPage(roundId: string, offset: number): Reply {
    const round = rounds.get(roundId)!;
    const value: Array<Record<string, unknown>> = [];
    const managerSelected = round.select.includes('manager');
    for (const id of round.items.slice(offset, offset + state.pageSize)) {
      const user = users.get(id)!;
      if (user.deleted && user.deleted.seq > round.since) {
        value.push({ '@odata.type': USER_TYPE, id, '@removed': { reason: user.deleted.reason } });
        continue;
      }
      const whole = round.since === 0 || user.createdSeq > round.since;
      // A delta round sends what changed (Graph sends at least the changed properties).
      const changed = whole ? undefined : new Set([...user.changedAt.entries()].filter(([, seq]) => seq > round.since).map(([prop]) => prop));
      const item = render(user, round.select.filter((s) => s !== 'manager'), changed);
      const managerChanged = whole || changed!.has('manager');
      if (managerSelected && managerChanged && !withheld.has(id)) {
        if (user.manager) item['manager@delta'] = [{ '@odata.type': USER_TYPE, id: user.manager }];
        else if (!whole && user.previousManager) item['manager@delta'] = [{ '@odata.type': USER_TYPE, id: user.previousManager, '@removed': { reason: 'deleted' } }];
      }
      value.push(item);
    }
    const body: Record<string, unknown> = { '@odata.context': `${baseUrl}/$metadata#users(${round.select.join(',')})` };
    if (offset + state.pageSize < round.items.length) {
      body['@odata.nextLink'] = `${baseUrl}/users/delta?$skiptoken=${roundId}.${offset + state.pageSize}`;
    } else {
      const token = randomBytes(24).toString('base64url');
      deltaTokens.set(token, { since: round.upTo, select: round.select, expired: false });
      body['@odata.deltaLink'] = `${baseUrl}/users/delta?$deltatoken=${token}`;
    }
    body.value = value;
    return { status: 200, body };
  }

  const gone = () =>
    graphError(
      410,
      state.expiryCode,
      state.expiryCode === 'resyncRequired'
        ? 'Resync required. Replace any local cached copy of the data with a full synchronization.'
        : 'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
    );

  function usersDelta(query: URLSearchParams): Reply {
    const skip = query.get('$skiptoken');
    const delta = query.get('$deltatoken');
    if (skip !== null) {
      const [roundId, offset] = skip.split('.');
      const round = roundId ? rounds.get(roundId) : undefined;
      if (!round || !/^\d+$/.test(offset ?? '')) return graphError(400, 'Request_BadRequest', 'Invalid skip token.');
      if (round.expired) return gone();
      if (query.has('$select')) return violation('GET /users/delta: $select goes only in the first request of a round; later links carry it', 400, 'Request_BadRequest');
      return deltaPage(roundId!, Number(offset));
    }
    if (delta !== null) {
      const token = deltaTokens.get(delta);
      if (!token) return graphError(400, 'Request_BadRequest', 'Invalid delta token.');
      if (token.expired) return gone();
      if (query.has('$select')) return violation('GET /users/delta: $select goes only in the first request of a round; later links carry it', 400, 'Request_BadRequest');
      return deltaPage(startRound(token.since, token.select), 0);
    }
    const select = selectOf(query) ?? DEFAULT_SELECT;
    const bad = checkSelect(select, 'GET /users/delta');
    if (bad) return bad;
    for (const key of query.keys()) {
      if (!['$select', '$filter', '$deltatoken', '$skiptoken'].includes(key)) return violation(`GET /users/delta: ${key} is not supported by user delta`);
    }
    return deltaPage(startRound(0, select), 0);
  }

  // ---------- single users ----------

  const notFound = (id: string) => graphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
  const live = (id: string) => {
    const user = users.get(id);
    return user && !user.deleted ? user : undefined;
  };

  function getUser(id: string, query: URLSearchParams): Reply {
    const select = selectOf(query) ?? DEFAULT_SELECT;
    const bad = checkSelect(select, `GET /users/${id}`);
    if (bad) return bad;
    const expand = query.get('$expand');
    let expandManager: string[] | null = null;
    if (expand !== null) {
      const m = /^(\w+)(?:\(\$select=([\w,]+)\))?$/.exec(expand);
      if (!m) return violation(`GET /users/${id}: unreadable $expand ${expand}`);
      const nav = csdl.checkType('user', { [m[1]!]: {} }, { partial: true });
      if (nav.length > 0 || m[1] !== 'manager') return violation(`GET /users/${id}: $expand=${m[1]} is not the manager navigation property (${nav.join('; ')})`);
      expandManager = m[2] ? m[2].split(',') : ['id', 'displayName'];
      const badInner = checkSelect(expandManager, `GET /users/${id} $expand=manager`);
      if (badInner) return badInner;
    }
    const user = live(id);
    if (!user) return notFound(id);
    const body: Record<string, unknown> = { '@odata.context': `${baseUrl}/$metadata#users(${select.join(',')})/$entity`, ...render(user, select) };
    if (expandManager) {
      const manager = user.manager ? live(user.manager) : undefined;
      if (manager) body.manager = { '@odata.type': USER_TYPE, ...render(manager, expandManager) };
    }
    return { status: 200, body };
  }

  function getManager(id: string, query: URLSearchParams): Reply {
    const select = selectOf(query) ?? DEFAULT_SELECT;
    const bad = checkSelect(select, `GET /users/${id}/manager`);
    if (bad) return bad;
    const user = live(id);
    if (!user) return notFound(id);
    const manager = user.manager ? live(user.manager) : undefined;
    if (!manager) return graphError(404, 'Request_ResourceNotFound', "Resource 'manager' does not exist or one of its queried reference-property objects are not present.");
    return { status: 200, body: { '@odata.context': `${baseUrl}/$metadata#directoryObjects(${select.join(',')})/$entity`, '@odata.type': USER_TYPE, ...render(manager, select) } };
  }

  // ---------- routing ----------

  function route(method: string, path: string, query: URLSearchParams): Reply {
    const segments = path.split('/').filter(Boolean);
    if (segments[0] !== 'users') return graphError(400, 'BadRequest', `Resource not found for the segment '${segments[0] ?? ''}'.`);
    if (method !== 'GET') return graphError(405, 'Request_BadRequest', `The HTTP method '${method}' is not allowed for this resource.`);
    if (segments.length === 2 && (segments[1] === 'delta' || segments[1] === 'microsoft.graph.delta')) return usersDelta(query);
    if (segments.length === 2) return getUser(segments[1]!, query);
    if (segments.length === 3) {
      const nav = csdl.checkType('user', { [segments[2]!]: {} }, { partial: true });
      if (nav.length > 0) return violation(`GET ${path}: ${nav.join('; ')}`);
      if (segments[2] === 'manager') return getManager(segments[1]!, query);
    }
    return graphError(400, 'BadRequest', `Resource not found for the segment '${segments.at(-1) ?? ''}'.`);
  }

  function takeFault(method: string, path: string, query: URLSearchParams, batchItem: boolean) {
    const i = faults.findIndex(
      (f) =>
        !!f.match.batchItem === batchItem &&
        (!f.match.method || f.match.method.toUpperCase() === method) &&
        (!f.match.path || f.match.path.test(path)) &&
        (!f.match.hasQuery || query.has(f.match.hasQuery)),
    );
    if (i < 0) return undefined;
    const entry = faults[i]!;
    if (--entry.remaining <= 0) faults.splice(i, 1);
    return entry.fault;
  }
  const faultReply = (fault: { status: number; retryAfterSeconds?: number; code?: string; message?: string }): Reply => {
    const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
    const code = fault.code ?? (fault.status === 429 ? 'TooManyRequests' : fault.status === 503 ? 'ServiceUnavailable' : 'InternalServerError');
    const message = fault.message ?? (fault.status === 429 ? 'Too many requests.' : 'The service is temporarily unavailable.');
    return graphError(fault.status, code, message, headers);
  };

  function batch(body: unknown): Reply & { urls?: string[] } {
    const shape = body as { requests?: unknown };
    if (!body || typeof body !== 'object' || !Array.isArray(shape.requests)) return violation('POST /$batch: the body must be { requests: [...] }');
    const items = shape.requests as Array<Record<string, unknown>>;
    if (items.length === 0) return violation('POST /$batch: no requests');
    if (items.length > 20) return violation(`POST /$batch: ${items.length} requests; Graph accepts at most 20 per batch`);
    const ids = new Set<string>();
    const responses: Array<Record<string, unknown>> = [];
    const urls: string[] = [];
    for (const item of items) {
      const { id, method, url } = item;
      if (typeof id !== 'string' || !id || ids.has(id)) return violation(`POST /$batch: request ids must be unique non-empty strings (${String(id)})`);
      ids.add(id);
      if (typeof method !== 'string' || typeof url !== 'string') return violation(`POST /$batch: request ${id} needs a method and a url`);
      if (!url.startsWith('/') || /^\/v1\.0\//.test(url)) return violation(`POST /$batch: request ${id}'s url ${url} must be relative to the version (e.g. /users/{id})`);
      const parsed = new URL(url, 'http://batch');
      const path = safeDecode(parsed.pathname);
      urls.push(`${method.toUpperCase()} ${path}${parsed.search}`);
      const fault = takeFault(method.toUpperCase(), path, parsed.searchParams, true);
      const reply = fault && 'status' in fault ? faultReply(fault) : route(method.toUpperCase(), path, parsed.searchParams);
      responses.push({ id, status: reply.status, headers: { 'Cache-Control': 'no-cache', ...(reply.body ? { 'Content-Type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8' } : {}), ...reply.headers }, body: reply.body });
    }
    return { status: 200, body: { responses }, urls };
  }

  // ---------- authentication ----------

  async function authenticate(header: string | undefined): Promise<Reply | undefined> {
    const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!m) return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    try {
      const { payload } = await jwtVerify(m[1]!, entra.publicKey, {
        algorithms: ['RS256'],
        audience: [GRAPH_RESOURCE, `${GRAPH_RESOURCE}/`, GRAPH_APP_ID],
        issuer: entra.graphTokenIssuer,
        currentDate: entra.now(),
        clockTolerance: 300,
      });
      const roles = Array.isArray(payload.roles) ? (payload.roles as string[]) : [];
      if (payload.idtyp !== 'app' || !roles.some((r) => READ_ROLES.includes(r))) {
        return graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
      }
      return undefined;
    } catch {
      return graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure.');
    }
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const record: DirectoryRequestRecord = {
      method: (req.method ?? 'GET').toUpperCase(),
      path: safeDecode(url.pathname).replace(/^\/v1\.0(?=\/|$)/, ''),
      query: Object.fromEntries(url.searchParams),
      body: undefined,
      status: 0,
    };
    requests.push(record);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        if (raw.trim()) {
          try {
            record.body = JSON.parse(raw);
          } catch {
            return send(res, record, violation(`${record.method} ${record.path}: the body is not JSON`));
          }
        }
        if (!url.pathname.startsWith('/v1.0/')) return send(res, record, graphError(404, 'BadRequest', 'Unsupported API version or segment.'));
        const refused = await authenticate(req.headers.authorization);
        if (refused) return send(res, record, refused);
        const isBatch = record.method === 'POST' && record.path === '/$batch';
        if (isBatch) {
          state.batchesInFlight += 1;
          state.maxBatchesInFlight = Math.max(state.maxBatchesInFlight, state.batchesInFlight);
        }
        try {
          if (state.delayMs > 0) await new Promise((r) => setTimeout(r, state.delayMs));
          const fault = takeFault(record.method, record.path, url.searchParams, false);
          if (fault && 'reset' in fault) {
            record.status = -1;
            req.socket.destroy();
            return;
          }
          if (fault) return send(res, record, faultReply(fault));
          if (isBatch) {
            const answer = batch(record.body);
            record.batch = answer.urls;
            return send(res, record, answer);
          }
          send(res, record, route(record.method, record.path, url.searchParams));
        } finally {
          if (isBatch) state.batchesInFlight -= 1;
        }
      })().catch((err: unknown) => {
        send(res, record, graphError(500, 'InternalServerError', `stand-in failure: ${err instanceof Error ? err.stack : String(err)}`));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`;

  function send(res: http.ServerResponse, record: DirectoryRequestRecord, reply: Reply) {
    record.status = reply.status;
    if (res.destroyed) return;
    const headers: Record<string, string> = { 'cache-control': 'no-cache', 'request-id': randomUUID(), ...reply.headers };
    if (reply.body === undefined) {
      res.writeHead(reply.status, headers).end();
      return;
    }
    res.writeHead(reply.status, { 'content-type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8', ...headers });
    res.end(JSON.stringify(reply.body));
  }

  return {
    baseUrl,
    get pageSize() {
      return state.pageSize;
    },
    set pageSize(n: number) {
      state.pageSize = n;
    },
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    get maxBatchesInFlight() {
      return state.maxBatchesInFlight;
    },
    requests,
    contractViolations,
    upsertUser(input) {
      state.seq += 1;
      const existing = users.get(input.id);
      const user: StoredUser = existing ?? {
        props: { id: input.id, accountEnabled: true },
        manager: null,
        previousManager: null,
        createdSeq: state.seq,
        changedAt: new Map(),
        deleted: null,
      };
      if (existing?.deleted) {
        // Restored from the recycle bin: delta reports the user again, in full.
        existing.deleted = null;
        existing.createdSeq = state.seq;
      }
      for (const prop of TRACKED) {
        const value = (input as unknown as Record<string, unknown>)[prop];
        if (value === undefined || user.props[prop] === value) continue;
        user.props[prop] = value;
        user.changedAt.set(prop, state.seq);
      }
      if (input.manager !== undefined && input.manager !== user.manager) {
        user.previousManager = user.manager;
        user.manager = input.manager;
        user.changedAt.set('manager', state.seq);
      }
      users.set(input.id, user);
    },
    deleteUser(id, reason = 'deleted') {
      const user = users.get(id);
      if (!user) throw new Error(`deleteUser: no user ${id}`);
      state.seq += 1;
      user.deleted = { reason, seq: state.seq };
    },
    withholdManagerInDelta(id) {
      withheld.add(id);
    },
    expireTokens(code = 'syncStateNotFound') {
      state.expiryCode = code;
      for (const token of deltaTokens.values()) token.expired = true;
      for (const round of rounds.values()) round.expired = true;
    },
    fail(match, fault, times = 1) {
      faults.push({ match, fault, remaining: times });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

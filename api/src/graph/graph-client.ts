import {
  Client,
  GraphError,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { toGraphProblem, GraphProblem } from './graph-errors';

export interface GraphClientOptions {
  /** e.g. `https://graph.microsoft.com/v1.0` */
  baseUrl: string;
  /** one HTTP attempt is abandoned after this */
  timeoutMs: number;
  /** Graph's documented per-mailbox limit for Outlook is 4 concurrent requests */
  maxInFlightPerMailbox?: number;
  /** 429/503/504 are retried in-process up to this many times… */
  maxRetries?: number;
  /** …but only when Graph asks to wait at most this long; longer waits are scheduled by the caller */
  maxRetryWaitSeconds?: number;
}

/** Runs at most `limit` tasks per key at once; the rest queue in arrival order. */
export class KeyedLimiter {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();

  constructor(private readonly limit: number) {}

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    await this.acquire(key);
    try {
      return await task();
    } finally {
      this.release(key);
    }
  }

  private acquire(key: string): Promise<void> {
    const running = this.running.get(key) ?? 0;
    if (running < this.limit) {
      this.running.set(key, running + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const queue = this.waiting.get(key) ?? [];
      queue.push(resolve);
      this.waiting.set(key, queue);
    });
  }

  private release(key: string): void {
    const next = this.waiting.get(key)?.shift();
    if (next) {
      next(); // the permit passes straight to the next waiter
      return;
    }
    this.waiting.delete(key);
    const running = (this.running.get(key) ?? 1) - 1;
    if (running <= 0) this.running.delete(key);
    else this.running.set(key, running);
  }
}

class MailboxLimitMiddleware implements Middleware {
  private next?: Middleware;
  constructor(
    private readonly limiter: KeyedLimiter,
    private readonly mailbox: string,
  ) {}
  setNext(next: Middleware) {
    this.next = next;
  }
  execute(context: Context) {
    return this.limiter.run(this.mailbox, () => this.next!.execute(context));
  }
}

class BearerTokenMiddleware implements Middleware {
  private next?: Middleware;
  constructor(private readonly token: string) {}
  setNext(next: Middleware) {
    this.next = next;
  }
  async execute(context: Context) {
    const token = this.token;
    const headers = new Headers(context.options?.headers as ConstructorParameters<typeof Headers>[0]);
    headers.set('Authorization', `Bearer ${token}`);
    context.options = { ...context.options, headers: Object.fromEntries(headers.entries()) };
    await this.next!.execute(context);
  }
}

/** Below the retry handler, so every attempt gets its own deadline. */
class TimeoutMiddleware implements Middleware {
  private next?: Middleware;
  constructor(private readonly timeoutMs: number) {}
  setNext(next: Middleware) {
    this.next = next;
  }
  execute(context: Context) {
    context.options = { ...context.options, signal: AbortSignal.timeout(this.timeoutMs) };
    return this.next!.execute(context);
  }
}

/**
 * A Graph client whose requests carry `token`; 429/503/504 are retried in-process only while
 * Graph asks to wait at most `maxWaitSeconds` (a longer wait is the caller's to schedule, not a
 * request to hold open), and every attempt gets its own deadline. `first` runs before all that.
 */
function graphClient(parts: { host: string; version: string; token: string; timeoutMs: number; maxRetries: number; maxWaitSeconds: number; first?: Middleware }): Client {
  const chain: Middleware[] = [
    ...(parts.first ? [parts.first] : []),
    new BearerTokenMiddleware(parts.token),
    new RetryHandler(
      new RetryHandlerOptions(1, parts.maxRetries, (_delay, _attempt, _request, _options, response) => {
        const header = response.headers.get('retry-after');
        const wait = header === null ? 0 : Number(header);
        return Number.isNaN(wait) || wait <= parts.maxWaitSeconds;
      }),
    ),
    new TimeoutMiddleware(parts.timeoutMs),
    new HTTPMessageHandler(),
  ];
  for (let i = 0; i < chain.length - 1; i++) chain[i]!.setNext!(chain[i + 1]!);
  return Client.initWithMiddleware({ middleware: chain[0]!, baseUrl: parts.host, defaultVersion: parts.version });
}

// ---------------------------------------------------------------------------------------------
// What Tandem reads back from Graph, checked at the boundary.

const dateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string() });

export const graphEventSchema = z.object({
  id: z.string().min(1),
  iCalUId: z.string().nullish(),
  type: z.string().nullish(),
  webLink: z.string().nullish(),
  onlineMeeting: z.object({ joinUrl: z.string().nullish() }).nullish(),
});
export type GraphEvent = z.infer<typeof graphEventSchema>;

const instanceSchema = z.object({
  id: z.string().min(1),
  originalStart: z.string().nullish(),
  start: dateTimeTimeZone,
  end: dateTimeTimeZone,
  isCancelled: z.boolean().nullish(),
});
const instancesPageSchema = z.object({ value: z.array(instanceSchema), '@odata.nextLink': z.string().optional() });

export interface GraphInstance {
  id: string;
  /** UTC ISO instant the occurrence had in the pattern before any move */
  originalStart: string | null;
  start: string;
  end: string;
}

const scheduleSchema = z.object({
  value: z.array(
    z.object({
      scheduleId: z.string(),
      scheduleItems: z.array(z.object({ status: z.string(), start: dateTimeTimeZone, end: dateTimeTimeZone })).nullish(),
      error: z.object({ message: z.string().nullish(), responseCode: z.string().nullish() }).nullish(),
    }),
  ),
});

export interface BusyInterval {
  start: string;
  end: string;
}

/** Calls as one person, on their own mailbox. Every failure arrives as a GraphProblem. */
export interface GraphCalendar {
  createEvent(body: Record<string, unknown>): Promise<GraphEvent>;
  getEvent(eventId: string): Promise<GraphEvent>;
  updateEvent(eventId: string, patch: Record<string, unknown>): Promise<void>;
  cancelEvent(eventId: string, comment: string): Promise<void>;
  listInstances(seriesMasterId: string, fromIso: string, toIso: string): Promise<GraphInstance[]>;
  /** busy intervals per email address (lower-cased) */
  busyTimes(emails: string[], fromIso: string, toIso: string): Promise<Map<string, BusyInterval[]>>;
}

const onlineMeetingsSchema = z.object({ value: z.array(z.object({ id: z.string().min(1) })) });
const reportsSchema = z.object({
  value: z.array(z.object({ id: z.string().min(1), meetingStartDateTime: z.string().nullish(), meetingEndDateTime: z.string().nullish() })),
});
const reportSchema = z.object({
  attendanceRecords: z
    .array(z.object({ emailAddress: z.string().nullish(), totalAttendanceInSeconds: z.number().nullish() }))
    .nullish(),
});

export interface AttendanceReport {
  id: string;
  /** UTC ISO instants */
  meetingStart: string | null;
  meetingEnd: string | null;
}

/** Teams meetings of one organiser: the attendance Teams recorded. */
export interface GraphTeamsMeetings {
  /** the online meeting behind a join link, or null when the organiser has none with it */
  findByJoinUrl(joinUrl: string): Promise<{ id: string } | null>;
  attendanceReports(onlineMeetingId: string): Promise<AttendanceReport[]>;
  /** lower-cased email addresses of the people who attended, with their total seconds */
  attendees(onlineMeetingId: string, reportId: string): Promise<{ email: string; seconds: number }[]>;
}

export interface GraphClientFactory {
  calendarOf(mailboxKey: string, token: () => Promise<string>): GraphCalendar;
  teamsMeetingsOf(mailboxKey: string, token: () => Promise<string>): GraphTeamsMeetings;
}

const UTC_PREFERENCE = 'outlook.timezone="UTC"';
// Graph answers with up to 7 fractional digits and no offset when the zone is UTC.
const toUtcIso = (dt: { dateTime: string; timeZone: string }) => {
  if (dt.timeZone !== 'UTC' && dt.timeZone !== 'Etc/UTC') throw new GraphProblem('rejected', `Graph answered in ${dt.timeZone}, not UTC.`);
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?/.exec(dt.dateTime);
  if (!match) throw new GraphProblem('rejected', `Graph answered an unreadable time "${dt.dateTime}".`);
  return `${match[1]}.${(match[2] ?? '.000').slice(1, 4).padEnd(3, '0')}Z`;
};
const normalizeInstant = (value: string) => new Date(value).toISOString();

export function createGraphClientFactory(options: GraphClientOptions): GraphClientFactory {
  const url = new URL(options.baseUrl);
  const version = url.pathname.replace(/^\/+|\/+$/g, '') || 'v1.0';
  const host = `${url.protocol}//${url.host}`;
  const root = `${host}/${version}`;
  const limiter = new KeyedLimiter(options.maxInFlightPerMailbox ?? 4);
  const maxWait = options.maxRetryWaitSeconds ?? 10;

  const clientFor = (mailboxKey: string, token: string) =>
    graphClient({ host, version, token, timeoutMs: options.timeoutMs, maxRetries: options.maxRetries ?? 3, maxWaitSeconds: maxWait, first: new MailboxLimitMiddleware(limiter, mailboxKey) });

  // The token is fetched before the Graph client runs: errors thrown inside its middleware
  // come back flattened into a GraphError, and Entra's consent errors must stay readable.
  const caller = (mailboxKey: string, token: () => Promise<string>) =>
    async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
      try {
        return await work(clientFor(mailboxKey, await token()));
      } catch (error) {
        throw toGraphProblem(error);
      }
    };

  return {
    teamsMeetingsOf(mailboxKey, token) {
      const call = caller(mailboxKey, token);
      const meetingPath = (id: string) => `/me/onlineMeetings/${encodeURIComponent(id)}`;
      return {
        findByJoinUrl: (joinUrl) =>
          call(async (client) => {
            const found = onlineMeetingsSchema.parse(await client
                .api('/me/onlineMeetings')
                // The Graph client leaves $filter values as they are, and Graph decodes them: the
                // join URL must go in percent-encoded to arrive as itself.
                .filter(`JoinWebUrl eq '${encodeURIComponent(joinUrl.replace(/'/g, "''"))}'`)
                .get());
            return found.value[0] ? { id: found.value[0].id } : null;
          }),
        attendanceReports: (onlineMeetingId) =>
          call(async (client) =>
            reportsSchema.parse(await client.api(`${meetingPath(onlineMeetingId)}/attendanceReports`).get()).value.map((r) => ({
              id: r.id,
              meetingStart: r.meetingStartDateTime ? normalizeInstant(r.meetingStartDateTime) : null,
              meetingEnd: r.meetingEndDateTime ? normalizeInstant(r.meetingEndDateTime) : null,
            })),
          ),
        attendees: (onlineMeetingId, reportId) =>
          call(async (client) => {
            const report = reportSchema.parse(
              await client.api(`${meetingPath(onlineMeetingId)}/attendanceReports/${encodeURIComponent(reportId)}`).expand('attendanceRecords').get(),
            );
            return (report.attendanceRecords ?? [])
              .filter((r) => r.emailAddress)
              .map((r) => ({ email: r.emailAddress!.toLowerCase(), seconds: r.totalAttendanceInSeconds ?? 0 }));
          }),
      };
    },
    calendarOf(mailboxKey, token) {
      const call = caller(mailboxKey, token);
      return {
        createEvent: (body) => call(async (client) => graphEventSchema.parse(await client.api('/me/events').post(body))),
        getEvent: (eventId) =>
          call(async (client) => graphEventSchema.parse(await client.api(`/me/events/${encodeURIComponent(eventId)}`).select('id,iCalUId,type,webLink,onlineMeeting').get())),
        updateEvent: (eventId, patch) => call(async (client) => void (await client.api(`/me/events/${encodeURIComponent(eventId)}`).patch(patch))),
        cancelEvent: (eventId, comment) =>
          call(async (client) => void (await client.api(`/me/events/${encodeURIComponent(eventId)}/cancel`).post({ Comment: comment }))),
        listInstances: (seriesMasterId, fromIso, toIso) =>
          call(async (client) => {
            const found: GraphInstance[] = [];
            let page = instancesPageSchema.parse(
              await client
                .api(`/me/events/${encodeURIComponent(seriesMasterId)}/instances`)
                .query({ startDateTime: fromIso, endDateTime: toIso })
                .select('id,originalStart,start,end,isCancelled')
                .header('Prefer', UTC_PREFERENCE)
                .get(),
            );
            for (let pages = 0; ; pages++) {
              for (const item of page.value) {
                if (item.isCancelled) continue;
                found.push({
                  id: item.id,
                  originalStart: item.originalStart ? normalizeInstant(item.originalStart) : null,
                  start: toUtcIso(item.start),
                  end: toUtcIso(item.end),
                });
              }
              const next = page['@odata.nextLink'];
              if (!next) return found;
              // A series has at most a few dozen future occurrences; this guards against a loop.
              if (pages > 50 || !next.startsWith(root)) throw new GraphProblem('rejected', 'Graph returned an unexpected page link.');
              page = instancesPageSchema.parse(await client.api(next.slice(root.length)).header('Prefer', UTC_PREFERENCE).get());
            }
          }),
        busyTimes: (emails, fromIso, toIso) =>
          call(async (client) => {
            const answer = scheduleSchema.parse(
              await client.api('/me/calendar/getSchedule').header('Prefer', UTC_PREFERENCE).post({
                schedules: emails,
                startTime: { dateTime: fromIso.replace(/Z$/, ''), timeZone: 'UTC' },
                endTime: { dateTime: toIso.replace(/Z$/, ''), timeZone: 'UTC' },
                availabilityViewInterval: 30,
              }),
            );
            const busy = new Map<string, BusyInterval[]>();
            for (const schedule of answer.value) {
              if (schedule.error) throw new GraphProblem('rejected', `Outlook could not share ${schedule.scheduleId}'s free/busy: ${schedule.error.message ?? 'unknown error'}`);
              busy.set(
                schedule.scheduleId.toLowerCase(),
                (schedule.scheduleItems ?? [])
                  .filter((item) => item.status !== 'free' && item.status !== 'workingElsewhere')
                  .map((item) => ({ start: toUtcIso(item.start), end: toUtcIso(item.end) })),
              );
            }
            return busy;
          }),
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The directory (app-only): the users of one tenant, read through delta queries (docs/directory.md).

/** The user properties Tandem reads (Graph's names), plus `manager` so delta reports manager changes. */
export const DIRECTORY_USER_FIELDS = ['id', 'displayName', 'mail', 'userPrincipalName', 'department', 'jobTitle', 'officeLocation', 'usageLocation', 'accountEnabled'] as const;
export const DIRECTORY_DELTA_SELECT = [...DIRECTORY_USER_FIELDS, 'manager'].join(',');

/**
 * A user as Graph described them. In a delta round Graph sends at least the properties that
 * changed: a property left out (undefined) is unchanged, null means it was cleared.
 */
export interface DirectoryUser {
  id: string;
  displayName?: string | null;
  mail?: string | null;
  userPrincipalName?: string | null;
  department?: string | null;
  jobTitle?: string | null;
  officeLocation?: string | null;
  usageLocation?: string | null;
  accountEnabled?: boolean | null;
  /** the manager's object id; null: no manager (any more); undefined: this answer didn't say */
  manager?: string | null;
}

export interface DirectoryRemoval {
  id: string;
  /** `changed`: soft-deleted (restorable for 30 days); `deleted`: permanently deleted */
  reason: string;
}

export interface DirectoryPage {
  users: DirectoryUser[];
  removed: DirectoryRemoval[];
  /** more pages follow; null on the last page */
  nextLink: string | null;
  /** on the last page only: where the next delta round starts */
  deltaLink: string | null;
}

/** One tenant's directory, app-only. Every failure arrives as a GraphProblem. */
export interface GraphDirectory {
  /**
   * One page of `/users/delta`: `null` starts a full round, else a stored next or delta link.
   * Throws DeltaTokenExpired when Graph no longer knows the link's sync state.
   */
  usersDelta(link: string | null): Promise<DirectoryPage>;
  /** each user's manager object id (null: none), through `$batch` */
  managersOf(userIds: string[]): Promise<Map<string, string | null>>;
  /** users read one by one through `$batch`, with their manager; null: not in the directory (any more) */
  usersByIds(userIds: string[]): Promise<Map<string, DirectoryUser | null>>;
}

export interface GraphDirectoryFactory {
  forTenant(tenantId: string): GraphDirectory;
}

/** Graph can no longer continue from a delta or next link: the round must start over in full. */
export class DeltaTokenExpired extends GraphProblem {
  constructor(detail: string) {
    super('rejected', `Microsoft Graph asked for a full directory resync (${detail}).`);
    this.name = 'DeltaTokenExpired';
  }
}

export interface GraphDirectoryOptions {
  /** e.g. `https://graph.microsoft.com/v1.0` */
  baseUrl: string;
  timeoutMs: number;
  /**
   * App-only token of a tenant; throws GraphProblem (consent-required when admin consent is
   * missing). `fresh`: not from the cache — a cached token predates a consent just granted.
   */
  token: (tenantId: string, options?: { fresh?: boolean }) => Promise<string>;
  maxRetries?: number;
  maxRetryWaitSeconds?: number;
  /** Graph's limit is 20 requests per `$batch` */
  batchSize?: number;
  maxBatchesInFlight?: number;
}

const removedSchema = z.object({ reason: z.string() });
const managerRefSchema = z.object({ id: z.string().min(1), '@odata.type': z.string().optional(), '@removed': removedSchema.optional() });
const deltaItemSchema = z
  .object({
    id: z.string().min(1),
    displayName: z.string().nullish(),
    mail: z.string().nullish(),
    userPrincipalName: z.string().nullish(),
    department: z.string().nullish(),
    jobTitle: z.string().nullish(),
    officeLocation: z.string().nullish(),
    usageLocation: z.string().nullish(),
    accountEnabled: z.boolean().nullish(),
    'manager@delta': z.array(managerRefSchema).optional(),
    manager: managerRefSchema.nullish(),
    '@removed': removedSchema.optional(),
  })
  .passthrough();
const deltaPageSchema = z.object({
  value: z.array(deltaItemSchema),
  '@odata.nextLink': z.string().optional(),
  '@odata.deltaLink': z.string().optional(),
});
const batchAnswerSchema = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number().int(),
      headers: z.record(z.string()).nullish(),
      body: z.unknown().optional(),
    }),
  ),
});
const graphErrorBodySchema = z.object({ error: z.object({ code: z.string().optional(), message: z.string().optional() }) });

type DeltaItem = z.infer<typeof deltaItemSchema>;
const USER_TYPE = '#microsoft.graph.user';

function toDirectoryUser(item: DeltaItem): DirectoryUser {
  const user: DirectoryUser = { id: item.id };
  // Absent and null differ in a delta answer, so copy only what Graph actually sent.
  for (const field of DIRECTORY_USER_FIELDS) {
    if (field !== 'id' && field in item) (user as unknown as Record<string, unknown>)[field] = item[field] ?? null;
  }
  const managerDelta = item['manager@delta'];
  if (managerDelta) {
    const current = managerDelta.filter((m) => !m['@removed'] && (!m['@odata.type'] || m['@odata.type'] === USER_TYPE));
    user.manager = current.at(-1)?.id ?? null;
  } else if ('manager' in item) {
    user.manager = item.manager && (!item.manager['@odata.type'] || item.manager['@odata.type'] === USER_TYPE) ? item.manager.id : null;
  }
  return user;
}

/** Runs `task` over `items` with at most `limit` at once, keeping the input order of results. */
async function boundedMap<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** What the admin must do when the tenant hasn't granted Tandem the directory permission. */
export function directoryConsentMissing(tenantId: string): GraphProblem {
  return new GraphProblem(
    'consent-required',
    `Tandem may not read the directory of tenant ${tenantId}: an administrator must grant admin consent to the Microsoft Graph application permission User.Read.All (Entra admin center → Enterprise applications → Tandem → API permissions).`,
  );
}

function directoryProblem(error: unknown, tenantId: string): GraphProblem {
  if (error instanceof GraphProblem) return error;
  if (error instanceof z.ZodError) return new GraphProblem('rejected', `Microsoft Graph answered a directory request in a shape Tandem doesn't read (${error.issues[0]?.path.join('.') ?? 'body'}).`);
  if (error instanceof GraphError) {
    const status = error.statusCode;
    const code = error.code ?? '';
    if (status === 410 || /^(syncStateNotFound|resyncRequired)$/i.test(code)) return new DeltaTokenExpired(code || `HTTP ${status}`);
    if (status === 429 || status === 503 || status === 504) {
      const base = toGraphProblem(error);
      return new GraphProblem('throttled', `Microsoft Graph is throttling directory reads (${status}); the sync goes on from where it stopped on its next run.`, base.retryAfterSeconds);
    }
    // An app token without the User.Read.All role: the service principal exists, the grant doesn't.
    if (status === 403) return directoryConsentMissing(tenantId);
    if (status === 404) return new GraphProblem('not-found', 'The directory object no longer exists.');
    if (status === 401) return new GraphProblem('unreachable', 'Microsoft Graph refused Tandem’s app token; it will be tried again.');
    if (status >= 400 && status < 500) return new GraphProblem('rejected', `Microsoft Graph refused the directory request: ${error.message || code || `HTTP ${status}`}`);
  }
  const base = toGraphProblem(error);
  return base.kind === 'unreachable' ? base : new GraphProblem('unreachable', `Microsoft Graph could not be reached (${base.message}).`);
}

export function createGraphDirectoryFactory(options: GraphDirectoryOptions): GraphDirectoryFactory {
  const url = new URL(options.baseUrl);
  const version = url.pathname.replace(/^\/+|\/+$/g, '') || 'v1.0';
  const host = `${url.protocol}//${url.host}`;
  const root = `${host}/${version}`;
  const maxWait = options.maxRetryWaitSeconds ?? 10;
  const batchSize = Math.min(20, options.batchSize ?? 20);
  const inFlight = options.maxBatchesInFlight ?? 4;
  // Tenants whose last token Graph refused: a cached token may predate the consent granted since.
  const refused = new Set<string>();

  // A long Retry-After ends this run; the next one resumes from the stored link.
  const clientFor = (token: string) =>
    graphClient({ host, version, token, timeoutMs: options.timeoutMs, maxRetries: options.maxRetries ?? 3, maxWaitSeconds: maxWait });

  return {
    forTenant(tenantId) {
      const call = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
        try {
          // The token comes first, outside the client: its consent errors must stay readable.
          const token = await options.token(tenantId, { fresh: refused.has(tenantId) });
          refused.delete(tenantId);
          return await work(clientFor(token));
        } catch (error) {
          const problem = directoryProblem(error, tenantId);
          if (problem.kind === 'consent-required') refused.add(tenantId);
          throw problem;
        }
      };

      /** `$batch` of GETs (paths relative to the version), 20 per batch, a few batches at once. */
      const batchGet = (paths: Map<string, string>) =>
        call(async (client) => {
          const answers = new Map<string, { status: number; body: unknown }>();
          let pending = [...paths.keys()];
          for (let attempt = 0; pending.length > 0; attempt++) {
            const chunks: string[][] = [];
            for (let i = 0; i < pending.length; i += batchSize) chunks.push(pending.slice(i, i + batchSize));
            const throttled: string[] = [];
            let wait = 0;
            await boundedMap(chunks, inFlight, async (chunk) => {
              const answer = batchAnswerSchema.parse(
                await client.api('/$batch').post({ requests: chunk.map((key) => ({ id: key, method: 'GET', url: paths.get(key)! })) }),
              );
              for (const item of answer.responses) {
                if (!paths.has(item.id)) continue;
                if (item.status === 429 || item.status === 503 || item.status === 504) {
                  throttled.push(item.id);
                  const header = Object.entries(item.headers ?? {}).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
                  wait = Math.max(wait, header === undefined ? 1 : Number(header) || 1);
                } else {
                  answers.set(item.id, { status: item.status, body: item.body });
                }
              }
            });
            // Each request in a batch is throttled on its own; only those are sent again.
            if (throttled.length > 0 && (attempt >= (options.maxRetries ?? 3) || wait > maxWait)) {
              throw new GraphProblem('throttled', 'Microsoft Graph is throttling directory reads (429); the sync goes on from where it stopped on its next run.', wait);
            }
            if (throttled.length > 0) await new Promise((resolve) => setTimeout(resolve, wait * 1000));
            pending = throttled;
          }
          return answers;
        });

      const itemOf = <T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, id: string, body: unknown): T => {
        const parsed = schema.safeParse(body);
        if (!parsed.success) throw new GraphProblem('rejected', `Microsoft Graph answered about ${id} in a shape Tandem doesn't read (${parsed.error.issues[0]?.path.join('.') ?? 'body'}).`);
        return parsed.data;
      };
      const failedItem = (id: string, answer: { status: number; body: unknown }) => {
        const parsed = graphErrorBodySchema.safeParse(answer.body);
        const detail = parsed.success ? (parsed.data.error.message ?? parsed.data.error.code ?? '') : '';
        if (answer.status === 403) return directoryProblem(new GraphError(403, detail), tenantId);
        return new GraphProblem(answer.status >= 500 ? 'unreachable' : 'rejected', `Microsoft Graph could not read ${id} (${answer.status}${detail ? `: ${detail}` : ''}).`);
      };

      return {
        usersDelta: (link) =>
          call(async (client) => {
            let request;
            if (link === null) {
              request = client.api('/users/delta').select(DIRECTORY_DELTA_SELECT);
            } else {
              // The link goes back to Graph with our token: only ever to the Graph we were configured with.
              if (!link.startsWith(`${root}/`)) throw new GraphProblem('rejected', 'Graph returned an unexpected page link.');
              request = client.api(link.slice(root.length));
            }
            const page = deltaPageSchema.parse(await request.get());
            const users: DirectoryUser[] = [];
            const removed: DirectoryRemoval[] = [];
            for (const item of page.value) {
              if (item['@removed']) removed.push({ id: item.id, reason: item['@removed'].reason });
              else users.push(toDirectoryUser(item));
            }
            const nextLink = page['@odata.nextLink'] ?? null;
            const deltaLink = nextLink ? null : (page['@odata.deltaLink'] ?? null);
            if (!nextLink && !deltaLink) throw new GraphProblem('rejected', 'Graph ended a delta page with neither a next nor a delta link.');
            return { users, removed, nextLink, deltaLink };
          }),
        async managersOf(userIds) {
          const ids = [...new Set(userIds)];
          const answers = await batchGet(new Map(ids.map((id) => [id, `/users/${encodeURIComponent(id)}/manager?$select=id`])));
          const managers = new Map<string, string | null>();
          for (const id of ids) {
            const answer = answers.get(id);
            if (!answer) throw new GraphProblem('rejected', `Microsoft Graph's $batch answer left out ${id}.`);
            // 404: the user has no manager (or is gone, which the delta round reports itself).
            if (answer.status === 404) managers.set(id, null);
            else if (answer.status === 200) {
              const ref = itemOf(managerRefSchema, id, answer.body);
              managers.set(id, !ref['@odata.type'] || ref['@odata.type'] === USER_TYPE ? ref.id : null);
            } else throw failedItem(id, answer);
          }
          return managers;
        },
        async usersByIds(userIds) {
          const ids = [...new Set(userIds)];
          const select = DIRECTORY_USER_FIELDS.join(',');
          const answers = await batchGet(new Map(ids.map((id) => [id, `/users/${encodeURIComponent(id)}?$select=${select}&$expand=manager($select=id)`])));
          const users = new Map<string, DirectoryUser | null>();
          for (const id of ids) {
            const answer = answers.get(id);
            if (!answer) throw new GraphProblem('rejected', `Microsoft Graph's $batch answer left out ${id}.`);
            if (answer.status === 404) users.set(id, null);
            else if (answer.status === 200) {
              const user = toDirectoryUser(itemOf(deltaItemSchema, id, answer.body));
              // Asked with $expand: no manager in the answer means there is none.
              users.set(id, { ...user, manager: user.manager ?? null });
            } else throw failedItem(id, answer);
          }
          return users;
        },
      };
    },
  };
}

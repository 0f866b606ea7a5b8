import {
  Client,
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

  const clientFor = (mailboxKey: string, token: string) => {
    const chain: Middleware[] = [
      new MailboxLimitMiddleware(limiter, mailboxKey),
      new BearerTokenMiddleware(token),
      new RetryHandler(
        new RetryHandlerOptions(1, options.maxRetries ?? 3, (_delay, _attempt, _request, _options, response) => {
          const header = response.headers.get('retry-after');
          const wait = header === null ? 0 : Number(header);
          // A long Retry-After is honoured by scheduling the next sync, not by holding a request open.
          return Number.isNaN(wait) || wait <= maxWait;
        }),
      ),
      new TimeoutMiddleware(options.timeoutMs),
      new HTTPMessageHandler(),
    ];
    for (let i = 0; i < chain.length - 1; i++) chain[i]!.setNext!(chain[i + 1]!);
    return Client.initWithMiddleware({ middleware: chain[0]!, baseUrl: host, defaultVersion: version });
  };

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

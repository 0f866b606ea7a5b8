import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { DateTime, IANAZone } from 'luxon';
import type { Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { AppError } from '../errors/app-error';
import { acquireLease, releaseLease } from '../jobs/leases';
import type { CurrentUser } from '../users/users.service';
import {
  KIND_RULES,
  MAX_DELIVERY_ATTEMPTS,
  NOTIFICATION_KINDS,
  PER_MINUTE_LIMIT,
  PREFERENCE_GROUPS,
  QUIET_FROM_HOUR,
  QUIET_UNTIL_HOUR,
  WEEKLY_BUDGET,
  type NotificationKind,
  type NudgeDraft,
  type PreferenceGroup,
} from './kinds';
import {
  botSendsSince,
  countUnread,
  deliverAllDueToFeed,
  dueNotifications,
  existingDedupeKeys,
  feedPage,
  findNotificationOfUser,
  hasBotConversation,
  insertNotificationOnce,
  markAllRead,
  markDelivered,
  markRead,
  markRetry,
  preferencesOfUsers,
  pulseAnswersOf,
  savePreferences,
  timeZonesOfUsers,
} from './notifications.queries';
import type { RenderedNotification, TeamsNotifier } from './teams-notifier';
import { isNotificationKind, PREFERENCE_GROUP_TEXTS, renderNotification } from './texts';

export interface NotificationsDeps {
  db: Kysely<Database>;
  clock: Clock;
  /** TEAMS_APP_ID, for deep links; null without one */
  teamsAppId: string | null;
  /** present when the bot is configured; without it every notification lives in the feed only */
  teamsNotifier?: TeamsNotifier | undefined;
  logger?: Logger | undefined;
}

/** `evaluateNudges` (api/src/nudges/nudges.rules.ts) or a test's stand-in. */
export type EvaluateNudges = (db: Kysely<Database>, now: string) => Promise<NudgeDraft[]>;

const LEASE_NAME = 'nudges';
const LEASE_MS = 10 * 60_000;
const MINUTE_MS = 60_000;
const WEEK_MS = 7 * 24 * 60 * 60_000;
/** at most this many notifications are looked at per run; the rest wait for the next one */
const DELIVERY_BATCH = 500;
/** the `last_error` column's width */
const ERROR_MAX = 300;

const BUDGETED_KINDS = NOTIFICATION_KINDS.filter((kind) => KIND_RULES[kind].budgeted);

/** The zone quiet hours and texts use: the person's, or UTC when unknown or not a real zone. */
export function effectiveTimeZone(timeZone: string | null | undefined): string {
  return timeZone && IANAZone.isValidZone(timeZone) ? timeZone : 'UTC';
}

/** `instant` itself outside quiet hours; inside them, the next 08:00 in the person's zone. */
export function afterQuietHours(instant: string, timeZone: string | null | undefined): string {
  const at = DateTime.fromISO(instant, { zone: 'utc' }).setZone(effectiveTimeZone(timeZone));
  if (at.hour >= QUIET_UNTIL_HOUR && at.hour < QUIET_FROM_HOUR) return instant;
  const day = at.hour >= QUIET_FROM_HOUR ? at.plus({ days: 1 }) : at;
  return day.set({ hour: QUIET_UNTIL_HOUR, minute: 0, second: 0, millisecond: 0 }).toJSDate().toISOString();
}

function later(a: string, b: string): string {
  return Date.parse(a) > Date.parse(b) ? a : b;
}

function normalisedInstant(value: string, fallback: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? fallback : new Date(ms).toISOString();
}

function parsePayload(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

// ---------------------------------------------------------------------------------------------
// Enqueue and deliver (docs/nudges.md, "Delivery rules")

/**
 * Stores the drafts a rules run produced: a switched-off group's optional kinds are dropped,
 * quiet hours push the start to 08:00 local, and a dedupe key already stored is "already
 * there". Returns how many notifications were created.
 */
export async function enqueueNudges(db: Kysely<Database>, drafts: NudgeDraft[], now: string): Promise<number> {
  const byKey = new Map<string, NudgeDraft>();
  for (const draft of drafts) {
    if (isNotificationKind(draft.kind) && !byKey.has(draft.dedupeKey)) byKey.set(draft.dedupeKey, draft);
  }
  // Most drafts of a run were stored by an earlier run: one lookup skips them.
  const stored = await existingDedupeKeys(db, [...byKey.keys()]);
  const fresh = [...byKey.values()].filter((draft) => !stored.has(draft.dedupeKey));
  if (fresh.length === 0) return 0;

  const userIds = [...new Set(fresh.map((draft) => draft.userId))];
  const switchedOff = new Set(
    (await preferencesOfUsers(db, userIds)).filter((p) => Number(p.enabled) === 0).map((p) => `${p.userId}|${p.kind}`),
  );
  const zones = await timeZonesOfUsers(db, userIds);

  let created = 0;
  for (const draft of fresh) {
    const rules = KIND_RULES[draft.kind];
    if (rules.optional && switchedOff.has(`${draft.userId}|${rules.group}`)) continue;
    const start = later(normalisedInstant(draft.notBefore, now), now);
    const deliverAfter = rules.quietHours ? afterQuietHours(start, zones.get(draft.userId)) : start;
    const inserted = await insertNotificationOnce(db, {
      id: uuidv7(),
      userId: draft.userId,
      kind: draft.kind,
      dedupeKey: draft.dedupeKey,
      pairId: draft.pairId,
      payload: JSON.stringify(draft.payload),
      deliverAfter,
      deliveredAt: null,
      channel: 'feed',
      readAt: null,
      // When it arrives in the feed: its "not before", held back no further by quiet hours.
      createdAt: start,
    });
    if (inserted) created += 1;
  }
  return created;
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length <= ERROR_MAX ? text : `${text.slice(0, ERROR_MAX - 1)}…`;
}

/**
 * Delivers what is due: to the feed only without a bot; with one, once to Teams within the
 * weekly budget and the per-minute rate, retrying failed sends with backoff and leaving a
 * notification in the feed for good after the last attempt. Returns how many were delivered.
 */
export async function deliverDue(deps: Pick<NotificationsDeps, 'db' | 'teamsAppId' | 'teamsNotifier' | 'logger'>, now: string): Promise<number> {
  const { db, teamsNotifier: notifier } = deps;
  if (!notifier) return deliverAllDueToFeed(db, now);

  const due = await dueNotifications(db, now, DELIVERY_BATCH);
  if (due.length === 0) return 0;
  const userIds = [...new Set(due.map((n) => n.userId))];
  const nowMs = Date.parse(now);
  const zones = await timeZonesOfUsers(db, userIds);
  const budgetUsed = await botSendsSince(db, userIds, new Date(nowMs - WEEK_MS).toISOString(), BUDGETED_KINDS);
  const sentThisMinute = await botSendsSince(db, userIds, new Date(nowMs - MINUTE_MS).toISOString());
  const bump = (counts: Map<string, number>, userId: string) => counts.set(userId, (counts.get(userId) ?? 0) + 1);

  let delivered = 0;
  const toFeed = async (id: string, extra: { attempts?: number; lastError?: string } = {}) => {
    if (await markDelivered(db, id, { channel: 'feed', at: now, ...extra })) delivered += 1;
  };

  for (const n of due) {
    if (!isNotificationKind(n.kind)) {
      await toFeed(n.id);
      continue;
    }
    const rules = KIND_RULES[n.kind];
    if (rules.budgeted && rules.priority === 'low' && (budgetUsed.get(n.userId) ?? 0) >= WEEKLY_BUDGET) {
      await toFeed(n.id);
      continue;
    }
    // Over the rate it simply stays due: the next run sends it.
    if ((sentThisMinute.get(n.userId) ?? 0) >= PER_MINUTE_LIMIT) continue;

    const timeZone = zones.get(n.userId) ?? null;
    const payload = parsePayload(n.payload);
    const rendered: RenderedNotification = {
      id: n.id,
      kind: n.kind,
      ...renderNotification(n.kind, payload, { timeZone, teamsAppId: deps.teamsAppId, now }),
      payload,
    };
    let outcome: 'sent' | 'no-conversation';
    try {
      outcome = await notifier.send(n.userId, rendered);
    } catch (error) {
      const attempts = n.attempts + 1;
      const lastError = describeError(error);
      deps.logger?.warn({ err: error, notificationId: n.id, attempts }, 'Teams delivery failed');
      if (attempts >= MAX_DELIVERY_ATTEMPTS) {
        await toFeed(n.id, { attempts, lastError });
      } else {
        const retryAt = new Date(nowMs + 2 ** (attempts - 1) * MINUTE_MS).toISOString();
        await markRetry(db, n.id, { attempts, lastError, deliverAfter: rules.quietHours ? afterQuietHours(retryAt, timeZone) : retryAt });
      }
      continue;
    }
    if (outcome === 'sent') {
      if (await markDelivered(db, n.id, { channel: 'bot', at: now })) delivered += 1;
      bump(sentThisMinute, n.userId);
      if (rules.budgeted) bump(budgetUsed, n.userId);
    } else {
      await toFeed(n.id);
    }
  }
  return delivered;
}

/** Who holds the `nudges` lease: this process, and which of its runs. */
const PROCESS_HOLDER = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
let runs = 0;

export interface NudgeRun {
  created: number;
  delivered: number;
  /** another run (here or on another instance) held the lease, so this one did nothing */
  skipped: boolean;
}

/** One scheduler run: under the `nudges` lease, evaluate the rules, store the drafts, deliver. */
export async function runNudges(deps: NotificationsDeps, evaluate: EvaluateNudges): Promise<NudgeRun> {
  runs += 1;
  const holder = `${PROCESS_HOLDER}#${runs}`;
  const now = deps.clock.now().toISOString();
  const expiresAt = new Date(Date.parse(now) + LEASE_MS).toISOString();
  if (!(await acquireLease(deps.db, LEASE_NAME, holder, now, expiresAt))) return { created: 0, delivered: 0, skipped: true };
  try {
    // A failing rule must not hold back what is already waiting: deliver anyway, then report it.
    let created = 0;
    let failure: unknown;
    try {
      created = await enqueueNudges(deps.db, await evaluate(deps.db, now), now);
    } catch (error) {
      failure = error;
    }
    const delivered = await deliverDue(deps, now);
    if (failure !== undefined) throw failure;
    return { created, delivered, skipped: false };
  } finally {
    await releaseLease(deps.db, LEASE_NAME, holder);
  }
}

// ---------------------------------------------------------------------------------------------
// The feed

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  linkLabel: string;
  at: string;
  readAt: string | null;
  pairId: string | null;
  survey: { pairId: string; answered: boolean } | null;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ID = /^[0-9A-Za-z-]{1,64}$/;

/** Opaque to clients: where the page ended, as `createdAt|id`. */
function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { at: string; id: string } {
  const invalid = () => AppError.validation([{ field: 'cursor', message: 'Use the nextCursor of a previous page' }]);
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  // Node's decoder skips characters it doesn't know: only a faithful round trip is a cursor.
  if (Buffer.from(text, 'utf8').toString('base64url') !== cursor) throw invalid();
  const [at, id, ...rest] = text.split('|');
  if (!at || !id || rest.length > 0 || !INSTANT.test(at) || Number.isNaN(Date.parse(at)) || !ID.test(id)) throw invalid();
  return { at, id };
}

export async function listFeed(deps: NotificationsDeps, user: CurrentUser, query: { cursor?: string | undefined; limit: number }) {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const now = deps.clock.now().toISOString();
  const rows = await feedPage(deps.db, user.id, now, after, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null;

  const pulsePairs = [...new Set(page.filter((r) => r.kind === 'pulse-survey' && r.pairId).map((r) => r.pairId as string))];
  const answers = await pulseAnswersOf(deps.db, user.id, pulsePairs);

  const items: NotificationView[] = page.map((row) => {
    const payload = parsePayload(row.payload);
    const text = renderNotification(row.kind, payload, { timeZone: user.timeZone, teamsAppId: deps.teamsAppId, now });
    const pairId = row.pairId ?? (typeof payload.pairId === 'string' ? payload.pairId : null);
    const survey =
      row.kind === 'pulse-survey' && pairId
        ? { pairId, answered: answers.some((a) => a.pairId === pairId && a.createdAt >= row.createdAt) }
        : null;
    const { title, body, link, linkLabel } = text;
    return { id: row.id, kind: row.kind, title, body, link, linkLabel, at: row.createdAt, readAt: row.readAt, pairId, survey };
  });
  return { items, nextCursor, unread: await countUnread(deps.db, user.id, now) };
}

export async function unreadCount(deps: NotificationsDeps, user: CurrentUser) {
  return { unread: await countUnread(deps.db, user.id, deps.clock.now().toISOString()) };
}

/** Idempotent; another person's notification is "not found", so ids reveal nothing. */
export async function readNotification(deps: NotificationsDeps, user: CurrentUser, id: string): Promise<void> {
  const found = await findNotificationOfUser(deps.db, id, user.id);
  if (!found) throw AppError.notFound('The notification');
  if (found.readAt === null) await markRead(deps.db, id, user.id, deps.clock.now().toISOString());
}

export async function readAllNotifications(deps: NotificationsDeps, user: CurrentUser): Promise<void> {
  await markAllRead(deps.db, user.id, deps.clock.now().toISOString());
}

// ---------------------------------------------------------------------------------------------
// Settings

const pad = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

function canDisable(group: PreferenceGroup): boolean {
  return (Object.keys(KIND_RULES) as NotificationKind[]).some((kind) => KIND_RULES[kind].group === group && KIND_RULES[kind].optional);
}

export async function notificationSettings(deps: NotificationsDeps, user: CurrentUser) {
  const stored = new Map((await preferencesOfUsers(deps.db, [user.id])).map((p) => [p.kind, Number(p.enabled) !== 0]));
  return {
    groups: PREFERENCE_GROUPS.map((group) => {
      const switchable = canDisable(group);
      return {
        group,
        label: PREFERENCE_GROUP_TEXTS[group].label,
        description: PREFERENCE_GROUP_TEXTS[group].description,
        enabled: switchable ? (stored.get(group) ?? true) : true,
        canDisable: switchable,
      };
    }),
    quietHours: { from: pad(QUIET_FROM_HOUR), until: pad(QUIET_UNTIL_HOUR) },
    timeZone: effectiveTimeZone(user.timeZone),
    weeklyBudget: WEEKLY_BUDGET,
    teams: { botConfigured: deps.teamsNotifier !== undefined, installed: await hasBotConversation(deps.db, user.id) },
  };
}

export async function changeNotificationSettings(deps: NotificationsDeps, user: CurrentUser, groups: Record<string, boolean>) {
  const errors = Object.entries(groups).flatMap(([group, enabled]) => {
    const field = `groups.${group}`;
    if (!(PREFERENCE_GROUPS as readonly string[]).includes(group)) return [{ field, message: `Not a notification group; use one of ${PREFERENCE_GROUPS.join(', ')}` }];
    if (!enabled && !canDisable(group as PreferenceGroup)) return [{ field, message: 'These notifications cannot be switched off' }];
    return [];
  });
  if (errors.length > 0) throw AppError.validation(errors);
  const changes = Object.entries(groups).map(([group, enabled]) => ({ group, enabled }));
  await deps.db.transaction().execute((trx) => savePreferences(trx, user.id, changes));
  return notificationSettings(deps, user);
}

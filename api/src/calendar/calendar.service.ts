import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { AppError } from '../errors/app-error';
import { requirePairAccess } from '../pairs/pair-access';
import type { CurrentUser } from '../users/users.service';
import { renderCalendar, type CalendarOccurrence } from './calendar.ics';
import {
  findActiveFeed,
  findActiveFeedOfUser,
  findSeries,
  insertFeed,
  listFeedOccurrences,
  listFeedSeries,
  listSeriesOccurrences,
  revokeFeedsOfUser,
} from './calendar.queries';

export interface CalendarDeps {
  db: Kysely<Database>;
  clock: Clock;
}

/** 32 random bytes as base64url: always 43 characters from this alphabet. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function feedUrl(origin: string, feed: { token: string; createdAt: string }) {
  return { url: `${origin}/api/calendar/${feed.token}.ics`, createdAt: feed.createdAt };
}

/** The caller's subscription URL, created on first use. */
export async function getMyFeed(deps: CalendarDeps, user: CurrentUser, origin: string) {
  const feed = await deps.db.transaction().execute(async (trx) => {
    const existing = await findActiveFeedOfUser(trx, user.id);
    if (existing) return existing;
    const created = { token: newToken(), userId: user.id, revokedAt: null, createdAt: deps.clock.now().toISOString() };
    await insertFeed(trx, created);
    return created;
  });
  return feedUrl(origin, feed);
}

/** A new subscription URL; every earlier one stops working in the same transaction. */
export async function rotateMyFeed(deps: CalendarDeps, user: CurrentUser, origin: string) {
  const now = deps.clock.now().toISOString();
  const feed = { token: newToken(), userId: user.id, revokedAt: null, createdAt: now };
  await deps.db.transaction().execute(async (trx) => {
    await revokeFeedsOfUser(trx, user.id, now);
    await insertFeed(trx, feed);
  });
  return feedUrl(origin, feed);
}

/**
 * The token is the credential: an unknown, malformed or revoked token gets the same 404,
 * so an answer never tells whether a token ever existed.
 */
export async function feedCalendar(deps: CalendarDeps, token: string, origin: string): Promise<string> {
  const feed = TOKEN_SHAPE.test(token) ? await findActiveFeed(deps.db, token) : undefined;
  if (!feed) throw AppError.notFound('This calendar feed');
  const [series, occurrences] = await Promise.all([listFeedSeries(deps.db, feed.userId), listFeedOccurrences(deps.db, feed.userId)]);
  const bySeries = new Map<string, CalendarOccurrence[]>();
  for (const { seriesId, ...occurrence } of occurrences) {
    const list = bySeries.get(seriesId) ?? [];
    list.push(occurrence);
    bySeries.set(seriesId, list);
  }
  return renderCalendar(
    series.map((s) => ({ ...s, occurrences: bySeries.get(s.id) ?? [] })),
    { name: 'Tandem mentoring check-ins', origin, includeCancelled: false },
  );
}

/** One series as a download for its members (admins and everyone else: 404, as for the pair). */
export async function seriesCalendar(deps: CalendarDeps, user: CurrentUser, seriesId: string, origin: string) {
  const series = await findSeries(deps.db, seriesId);
  if (!series) throw AppError.notFound('This meeting series');
  // The same answer as for a series that doesn't exist, so ids can't be probed.
  await requirePairAccess(deps.db, user, series.pairId, { notFound: 'This meeting series' });
  const occurrences = await listSeriesOccurrences(deps.db, seriesId);
  const ics = renderCalendar([{ ...series, occurrences: occurrences.map(({ seriesId: _, ...o }) => o) }], {
    name: 'Tandem mentoring check-in',
    origin,
    includeCancelled: true,
  });
  return { ics, filename: `tandem-check-in-${seriesId}.ics` };
}

import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { ApiBuilder } from '../http/route';
import { isoInstant, uuid, z } from '../http/zod';
import { feedCalendar, getMyFeed, rotateMyFeed, seriesCalendar, type CalendarDeps } from './calendar.service';

const feedSchema = z
  .object({
    url: z.string().openapi({ description: 'private subscription URL; whoever has it can read the calendar', example: 'https://tandem.contoso.example/api/calendar/3q2-7wXk…Q.ics' }),
    createdAt: isoInstant,
  })
  .openapi('CalendarFeed');

const icsSchema = z.string().openapi({ description: 'An iCalendar (RFC 5545) document.' });

/** Links in the feed point back to the host the caller used (`trust proxy` is on). */
function requestOrigin(req: Request): string {
  return `${req.protocol}://${req.host}`;
}

// The builder answers JSON; iCalendar goes out through `res`, which makes it step aside.
function sendCalendar(res: Response, ics: string, headers: Record<string, string>): string {
  // The app computes no ETags for API answers (they are no-store); calendar apps polling the
  // feed do revalidate, and res.send answers 304 when their If-None-Match still matches.
  const etag = `"${createHash('sha1').update(ics).digest('base64url')}"`;
  res.set({ 'Content-Type': 'text/calendar; charset=utf-8', ETag: etag, ...headers });
  res.send(ics);
  return ics;
}

export function calendarRoutes(api: ApiBuilder, deps: CalendarDeps): void {
  api.add({
    method: 'get',
    path: '/api/calendar/feed',
    operationId: 'getMyCalendarFeed',
    summary: 'My private calendar subscription URL (created on first call)',
    tag: 'Calendar',
    access: 'user',
    response: feedSchema,
    handler: ({ user, req }) => getMyFeed(deps, user, requestOrigin(req)),
  });

  api.add({
    method: 'post',
    path: '/api/calendar/feed/rotate',
    operationId: 'rotateMyCalendarFeed',
    summary: 'Replace my calendar subscription URL; the old one stops working',
    tag: 'Calendar',
    access: 'user',
    response: feedSchema,
    handler: ({ user, req }) => rotateMyFeed(deps, user, requestOrigin(req)),
  });

  api.add({
    method: 'get',
    path: '/api/calendar/{token}.ics',
    operationId: 'getCalendarFeed',
    summary: "A person's check-ins as an iCalendar subscription (the token is the credential)",
    description:
      'Every live series of the token owner\'s active and paused pairs. Cancelled series are left out; cancelled occurrences are EXDATEs, ' +
      'rescheduled ones overriding VEVENTs. An unknown or revoked token is a 404.',
    tag: 'Calendar',
    access: 'public',
    params: z.object({ token: z.string() }),
    paramsAlwaysValid: true,
    response: icsSchema,
    contentType: 'text/calendar',
    errors: ['not-found'],
    handler: async ({ params, req, res }) =>
      sendCalendar(res, await feedCalendar(deps, params.token, requestOrigin(req)), { 'Cache-Control': 'private, max-age=300' }),
  });

  api.add({
    method: 'get',
    path: '/api/meeting-series/{seriesId}.ics',
    operationId: 'downloadMeetingSeries',
    summary: 'One meeting series as an iCalendar download (members)',
    description: 'A cancelled series downloads with STATUS:CANCELLED.',
    tag: 'Calendar',
    access: 'user',
    params: z.object({ seriesId: uuid }),
    response: icsSchema,
    contentType: 'text/calendar',
    errors: ['not-found'],
    handler: async ({ user, params, req, res }) => {
      const file = await seriesCalendar(deps, user, params.seriesId, requestOrigin(req));
      return sendCalendar(res, file.ics, { 'Content-Disposition': `attachment; filename="${file.filename}"`, 'Cache-Control': 'private, no-store' });
    },
  });
}

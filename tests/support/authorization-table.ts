/**
 * Who may call what: the one table the authorization matrix (tests/api/authorization-matrix.test.ts)
 * holds the API to. Keys are the OpenAPI document's operations, `METHOD path`; the matrix fails on an
 * operation missing here and on a row the document doesn't have, so a new endpoint can't be forgotten.
 *
 * The callers, against one fixture world: a program with a mentor and a mentee in an active pair
 * (with check-ins, goals, action items, notes, an introduction, an agreement, a notification and a
 * calendar feed of the mentee), a mentorship request from the mentee to the mentor in a second
 * program, someone `unrelated` enrolled in the first program but in no pair with them, and an
 * `admin` (L&D manager) who is enrolled there too but in no pair.
 *
 * Outcomes:
 * - `allow`: the caller gets past every access rule: 2xx, or 409/422 when the fixture's data is
 *   what stands in the way (closing survey of an active pair, withdrawing while in a pair, …).
 * - `unauthenticated`: 401 (no token).
 * - `forbidden`: 403 — the caller may know the thing exists but may not do this (the mentee
 *   accepting their own request, a non-admin on an admin endpoint).
 * - `hidden`: 404 — to this caller the thing does not exist: anything inside a pair they are not
 *   in, someone else's request or notification. Indistinguishable from an unknown id.
 * - `public` (a whole row): no sign-in; checked only to answer everyone and to leak nothing private.
 *
 * Admins see programs, aggregates and a pair's status (the counts-only `GET /api/pairs/{pairId}`),
 * never what participants wrote: every other pair-scoped operation hides the pair from them.
 */
export const CALLERS = ['anonymous', 'unrelated', 'mentee', 'mentor', 'admin'] as const;
export type Caller = (typeof CALLERS)[number];
export type Outcome = 'allow' | 'unauthenticated' | 'forbidden' | 'hidden';
export type Expectation = 'public' | Readonly<Record<Caller, Outcome>>;

const A = 'allow';
const U = 'unauthenticated';
const F = 'forbidden';
const H = 'hidden';

export const authorizationTable: Readonly<Record<string, Expectation>> = {
  // Operations and sign-in
  'GET /api/health': 'public',
  'POST /api/dev/token': 'public',
  'GET /api/dev/users': 'public',
  'GET /api/me': { anonymous: U, unrelated: A, mentee: A, mentor: A, admin: A },

  // Programs and taxonomy
  'GET /api/programs': { anonymous: U, unrelated: A, mentee: A, mentor: A, admin: A },
  'POST /api/programs': { anonymous: U, unrelated: F, mentee: F, mentor: F, admin: A },
  'GET /api/programs/{programId}': { anonymous: U, unrelated: A, mentee: A, mentor: A, admin: A },
  'PATCH /api/programs/{programId}': { anonymous: U, unrelated: F, mentee: F, mentor: F, admin: A },
  'GET /api/admin/programs': { anonymous: U, unrelated: F, mentee: F, mentor: F, admin: A },
  'GET /api/taxonomy': { anonymous: U, unrelated: A, mentee: A, mentor: A, admin: A },
  'POST /api/admin/taxonomy': { anonymous: U, unrelated: F, mentee: F, mentor: F, admin: A },
  'PATCH /api/admin/taxonomy/{termId}': { anonymous: U, unrelated: F, mentee: F, mentor: F, admin: A },

  // One's own enrolment (everyone acts on their own; the mentor/mentee answers are 409s of the data)
  'PUT /api/programs/{programId}/enrollment': { anonymous: U, unrelated: A, mentee: A, mentor: A, admin: A },
  'GET /api/programs/{programId}/enrollment': { anonymous: U, unrelated: A, mentee: A, mentor: A, admin: A },
  'DELETE /api/programs/{programId}/enrollment': { anonymous: U, unrelated: A, mentee: A, mentor: A, admin: A },
  'PATCH /api/programs/{programId}/availability': { anonymous: U, unrelated: A, mentee: A, mentor: A, admin: A },
  'GET /api/programs/{programId}/recommendations': { anonymous: U, unrelated: A, mentee: A, mentor: A, admin: A },

  // Mentorship requests: the request is the mentee's to the mentor; the other party may see it but not act for them
  'POST /api/programs/{programId}/requests': { anonymous: U, unrelated: A, mentee: A, mentor: A, admin: A },
  'GET /api/requests': { anonymous: U, unrelated: A, mentee: A, mentor: A, admin: A },
  'POST /api/requests/{requestId}/accept': { anonymous: U, unrelated: H, mentee: F, mentor: A, admin: H },
  'POST /api/requests/{requestId}/decline': { anonymous: U, unrelated: H, mentee: F, mentor: A, admin: H },
  'POST /api/requests/{requestId}/withdraw': { anonymous: U, unrelated: H, mentee: A, mentor: F, admin: H },

  // Pairs: admins get the counts-only view, nothing else
  'GET /api/pairs': { anonymous: U, unrelated: A, mentee: A, mentor: A, admin: A },
  'GET /api/pairs/{pairId}': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: A },
  'POST /api/pairs/{pairId}/pause': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'POST /api/pairs/{pairId}/resume': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'POST /api/pairs/{pairId}/complete': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'POST /api/pairs/{pairId}/end': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },

  // Admin views, matching and imports
  'GET /api/admin/pairs-at-risk': { anonymous: U, unrelated: F, mentee: F, mentor: F, admin: A },
  'GET /api/admin/pairs': { anonymous: U, unrelated: F, mentee: F, mentor: F, admin: A },
  'GET /api/admin/export.csv': { anonymous: U, unrelated: F, mentee: F, mentor: F, admin: A },
  'POST /api/admin/programs/{programId}/match-runs': { anonymous: U, unrelated: F, mentee: F, mentor: F, admin: A },
  'GET /api/admin/programs/{programId}/match-runs': { anonymous: U, unrelated: F, mentee: F, mentor: F, admin: A },
  'GET /api/admin/match-runs/{runId}': { anonymous: U, unrelated: F, mentee: F, mentor: F, admin: A },
  'PATCH /api/admin/match-runs/{runId}/proposals/{menteeId}': { anonymous: U, unrelated: F, mentee: F, mentor: F, admin: A },
  'POST /api/admin/match-runs/{runId}/rerun': { anonymous: U, unrelated: F, mentee: F, mentor: F, admin: A },
  'POST /api/admin/match-runs/{runId}/publish': { anonymous: U, unrelated: F, mentee: F, mentor: F, admin: A },
  'GET /api/admin/programs/{programId}/members': { anonymous: U, unrelated: F, mentee: F, mentor: F, admin: A },
  'GET /api/admin/programs/{programId}/exclusions': { anonymous: U, unrelated: F, mentee: F, mentor: F, admin: A },
  'POST /api/admin/programs/{programId}/exclusions': { anonymous: U, unrelated: F, mentee: F, mentor: F, admin: A },
  'DELETE /api/admin/exclusions/{exclusionId}': { anonymous: U, unrelated: F, mentee: F, mentor: F, admin: A },
  'POST /api/admin/programs/{programId}/pair-imports': { anonymous: U, unrelated: F, mentee: F, mentor: F, admin: A },
  'GET /api/admin/analytics': { anonymous: U, unrelated: F, mentee: F, mentor: F, admin: A },

  // Directory (issue 9)
  'GET /api/admin/directory': { anonymous: U, unrelated: F, mentee: F, mentor: F, admin: A },
  'POST /api/admin/directory/sync': { anonymous: U, unrelated: F, mentee: F, mentor: F, admin: A },
  'POST /api/admin/directory/import': { anonymous: U, unrelated: F, mentee: F, mentor: F, admin: A },

  // Check-ins (calendar-sync is a 409 for members here: no Outlook sync configured)
  'POST /api/pairs/{pairId}/meeting-times': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'POST /api/pairs/{pairId}/meetings': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'GET /api/pairs/{pairId}/meetings': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'PATCH /api/meetings/{meetingId}': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'PATCH /api/meeting-series/{seriesId}': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'DELETE /api/meeting-series/{seriesId}': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'POST /api/meeting-series/{seriesId}/calendar-sync': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'POST /api/meetings/{meetingId}/feedback': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'GET /api/meetings/{meetingId}/agenda-suggestions': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'GET /api/meetings/{meetingId}/private-note': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'PUT /api/meetings/{meetingId}/private-note': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'GET /api/agenda-topics': { anonymous: U, unrelated: A, mentee: A, mentor: A, admin: A },

  // Calendars: the feed URL's token is the credential
  'GET /api/calendar/consent-settings': 'public',
  'GET /api/calendar/feed': { anonymous: U, unrelated: A, mentee: A, mentor: A, admin: A },
  'POST /api/calendar/feed/rotate': { anonymous: U, unrelated: A, mentee: A, mentor: A, admin: A },
  'GET /api/calendar/{token}.ics': 'public',
  'GET /api/meeting-series/{seriesId}.ics': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },

  // Agreement, introductions (the mentee asks, the mentor answers), surveys
  'GET /api/pairs/{pairId}/agreement': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'PUT /api/pairs/{pairId}/agreement': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'GET /api/pairs/{pairId}/introductions': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'POST /api/pairs/{pairId}/introductions': { anonymous: U, unrelated: H, mentee: A, mentor: F, admin: H },
  'POST /api/introductions/{introductionId}/respond': { anonymous: U, unrelated: H, mentee: F, mentor: A, admin: H },
  'POST /api/pairs/{pairId}/survey': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'POST /api/pairs/{pairId}/pulse': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },

  // Goals and action items
  'GET /api/goal-templates': { anonymous: U, unrelated: A, mentee: A, mentor: A, admin: A },
  'GET /api/pairs/{pairId}/goals': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'POST /api/pairs/{pairId}/goals': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'PATCH /api/goals/{goalId}': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'DELETE /api/goals/{goalId}': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'POST /api/goals/{goalId}/steps': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'PATCH /api/goals/{goalId}/steps/{stepId}': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'POST /api/goals/{goalId}/updates': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'POST /api/goals/{goalId}/restore': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'GET /api/pairs/{pairId}/action-items': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'POST /api/pairs/{pairId}/action-items': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'PATCH /api/action-items/{id}': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'DELETE /api/action-items/{id}': { anonymous: U, unrelated: H, mentee: A, mentor: A, admin: H },
  'GET /api/me/action-items': { anonymous: U, unrelated: A, mentee: A, mentor: A, admin: A },

  // Notifications: the notification is the mentee's
  'GET /api/notifications': { anonymous: U, unrelated: A, mentee: A, mentor: A, admin: A },
  'GET /api/notifications/unread-count': { anonymous: U, unrelated: A, mentee: A, mentor: A, admin: A },
  'POST /api/notifications/{id}/read': { anonymous: U, unrelated: H, mentee: A, mentor: H, admin: H },
  'POST /api/notifications/read-all': { anonymous: U, unrelated: A, mentee: A, mentor: A, admin: A },
  'GET /api/me/notification-settings': { anonymous: U, unrelated: A, mentee: A, mentor: A, admin: A },
  'PUT /api/me/notification-settings': { anonymous: U, unrelated: A, mentee: A, mentor: A, admin: A },
};

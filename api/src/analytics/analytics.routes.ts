import type { ApiBuilder } from '../http/route';
import { isoDate, z } from '../http/zod';
import { getAnalytics, type AnalyticsDeps } from './analytics.service';
import { GAP_BUCKETS } from './cadence';
import { adminFiltersSchema } from './filters';

const count = z.number().int();
const rate = z.number().nullable();
const meetingCounts = { planned: count, held: count, missed: count, cancelled: count };

const departmentGroup = z.union([
  z.object({ department: z.string(), mentors: count, mentees: count, matchedMentees: count, matchRate: rate }),
  z.object({ department: z.string(), suppressed: z.literal(true).openapi({ description: 'fewer than 5 people: no numbers' }) }),
]);

const fullAnalytics = z
  .object({
    period: z.object({ from: isoDate, to: isoDate }),
    suppressed: z.literal(false),
    participation: z.object({
      mentors: count,
      mentees: count,
      menteesPerMentor: rate,
      matchedMentees: count,
      matchRate: rate,
      unmatchedMentees: count,
      pendingRequests: count,
      medianDaysToMatch: rate,
      pairs: z.object({ active: count, paused: count, completed: count, endedEarly: count }),
      mentorCapacityUtilisation: rate,
      byDepartment: z.array(departmentGroup),
      headcount: z
        .object({
          people: count.openapi({ description: 'accounts enabled and not deleted in the directory (in the department, when filtered)' }),
          enrolled: count.openapi({ description: 'distinct people enrolled at period end, either role' }),
          rate: rate.openapi({ description: 'enrolled / people, 3 decimals' }),
        })
        .optional()
        .openapi({ description: 'only when the whole tenant is synced (DIRECTORY_SYNC=tenant)' }),
    }),
    consistency: z.object({
      meetings: z.object({ ...meetingCounts, unconfirmed: count }),
      onCadenceRate: rate,
      onCadence: z.object({ eligible: count, kept: count }),
      gapDistribution: z.array(z.object({ bucket: z.enum(GAP_BUCKETS.map((b) => b.label) as [string, ...string[]]), count })),
      noFirstMeeting: count,
      mentoringHours: z.number(),
    }),
    outcomes: z.object({
      goals: z.object({ set: count, completed: count, overdue: count, open: count, completionRate: rate, averageProgress: z.number().int().nullable() }),
      ratings: z.object({ count, average: rate, distribution: z.array(z.object({ rating: count, count })) }),
      closingSurveys: z.object({
        responses: count,
        satisfaction: rate,
        nps: z.number().int().nullable(),
        promoters: count,
        passives: count,
        detractors: count,
      }),
      reported: z.object({ skillsGained: count, newContacts: count, promotions: count }),
      introductionsMade: count,
    }),
    trend: z.array(
      z.object({
        month: z.string().openapi({ example: '2026-09' }),
        mentees: count,
        activePairs: count,
        newPairs: count,
        meetings: z.object(meetingCounts),
        onCadenceRate: rate,
        averageRating: rate,
      }),
    ),
  })
  .openapi('Analytics');

const suppressedAnalytics = z
  .object({ suppressed: z.literal(true), detail: z.string() })
  .openapi('AnalyticsSuppressed', { description: 'the department filter selects fewer than 5 enrolled people' });

export function analyticsRoutes(api: ApiBuilder, deps: AnalyticsDeps): void {
  api.add({
    method: 'get',
    path: '/api/admin/analytics',
    operationId: 'getAnalytics',
    summary: 'Program health: participation, meeting consistency, outcomes and a monthly trend (admins)',
    description: 'Definitions in docs/metrics.md. Every call is written to the audit log.',
    tag: 'Admin',
    access: 'admin',
    query: adminFiltersSchema,
    response: z.union([fullAnalytics, suppressedAnalytics]),
    errors: ['not-found'],
    handler: ({ user, query }) => getAnalytics(deps, user, query),
  });
}

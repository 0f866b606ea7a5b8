import { graphCsdl } from '../support/graph-csdl';

/** A recurring Teams check-in as Tandem books it: weekly, four times, Windows zone names. */
function recurringTeamsEvent(): Record<string, unknown> {
  return {
    subject: 'Mentoring check-in: Priya & Sam',
    body: { contentType: 'html', content: '<p>Agenda in Tandem</p>' },
    start: { dateTime: '2026-10-26T10:00:00', timeZone: 'Eastern Standard Time' },
    end: { dateTime: '2026-10-26T10:45:00', timeZone: 'Eastern Standard Time' },
    recurrence: {
      pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'], firstDayOfWeek: 'sunday' },
      range: { type: 'numbered', startDate: '2026-10-26', numberOfOccurrences: 4, recurrenceTimeZone: 'Eastern Standard Time' },
    },
    attendees: [{ emailAddress: { address: 'sam.okafor@contoso.com', name: 'Sam Okafor' }, type: 'required' }],
    isOnlineMeeting: true,
    onlineMeetingProvider: 'teamsForBusiness',
    allowNewTimeProposals: false,
    showAs: 'busy',
    transactionId: '5d7c7e59-1f7b-4a53-9f59-2f3e8c1d0a11',
  };
}

describe('Graph contract checker (Microsoft Graph v1.0 CSDL)', () => {
  const csdl = graphCsdl();

  describe('accepts what Graph defines', () => {
    it('accepts a recurring Teams event body with a weekly numbered range, Windows zones and an attendee', () => {
      expect(csdl.checkType('event', recurringTeamsEvent())).toEqual([]);
    });

    it('accepts the type named as graph.event or microsoft.graph.event, and @odata annotations', () => {
      const body = { '@odata.type': '#microsoft.graph.event', ...recurringTeamsEvent() };
      expect(csdl.checkType('graph.event', body)).toEqual([]);
      expect(csdl.checkType('microsoft.graph.event', body)).toEqual([]);
    });

    it('accepts a partial PATCH body moving one occurrence', () => {
      const patch = { start: { dateTime: '2026-11-03T09:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-11-03T09:45:00', timeZone: 'UTC' } };
      expect(csdl.checkType('event', patch, { partial: true })).toEqual([]);
    });

    it('accepts an absoluteMonthly pattern with an endDate range and IANA zone names', () => {
      const body = {
        start: { dateTime: '2026-01-31T15:00:00', timeZone: 'Europe/Berlin' },
        end: { dateTime: '2026-01-31T15:30:00', timeZone: 'Europe/Berlin' },
        recurrence: { pattern: { type: 'absoluteMonthly', interval: 1, dayOfMonth: 31 }, range: { type: 'endDate', startDate: '2026-01-31', endDate: '2026-06-30' } },
      };
      expect(csdl.checkType('event', body)).toEqual([]);
    });

    it('accepts the getSchedule parameters in REST camelCase although the CSDL spells them in PascalCase', () => {
      const body = {
        schedules: ['priya.raman@contoso.com', 'sam.okafor@contoso.com'],
        startTime: { dateTime: '2026-12-01T08:00:00', timeZone: 'UTC' },
        endTime: { dateTime: '2026-12-05T18:00:00', timeZone: 'UTC' },
        availabilityViewInterval: 30,
      };
      expect(csdl.checkAction('getSchedule', 'calendar', body)).toEqual([]);
    });

    it('accepts a cancel body with a comment, and an empty one', () => {
      expect(csdl.checkAction('cancel', 'event', { Comment: 'The pair has ended.' })).toEqual([]);
      expect(csdl.checkAction('cancel', 'graph.event', { comment: 'lower-case works too' })).toEqual([]);
      expect(csdl.checkAction('cancel', 'event', undefined)).toEqual([]);
    });

    it('checks primitive Edm types: Duration, Double, Int32 and DateTimeOffset in findMeetingTimes', () => {
      const body = {
        attendees: [{ emailAddress: { address: 'sam.okafor@contoso.com' }, type: 'required' }],
        timeConstraint: { activityDomain: 'work', timeSlots: [{ start: { dateTime: '2026-12-01T09:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-12-01T17:00:00', timeZone: 'UTC' } }] },
        meetingDuration: 'PT45M',
        maxCandidates: 5,
        minimumAttendeePercentage: 100.0,
        isOrganizerOptional: false,
      };
      expect(csdl.checkAction('findMeetingTimes', 'user', body)).toEqual([]);
      expect(csdl.checkType('responseStatus', { response: 'accepted', time: '2026-12-01T09:00:00Z' })).toEqual([]);
      // Graph's own placeholder for 'never' is a valid DateTimeOffset.
      expect(csdl.checkType('responseStatus', { response: 'none', time: '0001-01-01T00:00:00Z' })).toEqual([]);
    });
  });

  describe('rejects what Graph does not define', () => {
    it('rejects a misspelled property and names the type and its base types', () => {
      const body = { ...recurringTeamsEvent(), isOnlineMeting: true };
      expect(csdl.checkType('event', body)).toEqual(['event.isOnlineMeting: no such property on event (or its base types outlookItem, entity)']);
    });

    it('rejects a misspelled property inside a nested complex value', () => {
      const body = recurringTeamsEvent();
      body.attendees = [{ emailAddress: { adress: 'sam.okafor@contoso.com' } }];
      expect(csdl.checkType('event', body)).toEqual(['event.attendees[0].emailAddress.adress: no such property on emailAddress']);
    });

    it('rejects "biweekly" as a recurrence pattern type', () => {
      const body = recurringTeamsEvent();
      (body.recurrence as { pattern: Record<string, unknown> }).pattern.type = 'biweekly';
      expect(csdl.checkType('event', body)).toEqual([expect.stringMatching(/^event\.recurrence\.pattern\.type: "biweekly" is not a member of recurrencePatternType/)]);
    });

    it('rejects "teams" as an online meeting provider', () => {
      const problems = csdl.checkType('event', { ...recurringTeamsEvent(), onlineMeetingProvider: 'teams' });
      expect(problems).toEqual([expect.stringMatching(/^event\.onlineMeetingProvider: "teams" is not a member of onlineMeetingProviderType/)]);
    });

    it('rejects an unknown day in a collection of enum values', () => {
      const body = recurringTeamsEvent();
      (body.recurrence as { pattern: Record<string, unknown> }).pattern.daysOfWeek = ['monday', 'mon'];
      expect(csdl.checkType('event', body)).toEqual([expect.stringMatching(/^event\.recurrence\.pattern\.daysOfWeek\[1\]: "mon" is not a member of dayOfWeek/)]);
    });

    it('rejects wrong primitive types', () => {
      const body = recurringTeamsEvent();
      body.isOnlineMeeting = 'true';
      (body.recurrence as { range: Record<string, unknown> }).range.numberOfOccurrences = '4';
      (body.recurrence as { range: Record<string, unknown> }).range.startDate = '2026-10-26T00:00:00Z';
      expect(csdl.checkType('event', body).sort()).toEqual([
        'event.isOnlineMeeting: expected Edm.Boolean, got "true"',
        'event.recurrence.range.numberOfOccurrences: expected Edm.Int32 (an integer in -2147483648..2147483647), got "4"',
        'event.recurrence.range.startDate: expected Edm.Date (YYYY-MM-DD), got "2026-10-26T00:00:00Z"',
      ]);
    });

    it('rejects a dateTimeTimeZone without its non-nullable dateTime, and a null where Nullable="false"', () => {
      expect(csdl.checkType('dateTimeTimeZone', { timeZone: 'UTC' })).toEqual(['dateTimeTimeZone.dateTime: required (Nullable="false") but missing']);
      expect(csdl.checkType('dateTimeTimeZone', { dateTime: null, timeZone: 'UTC' })).toEqual(['dateTimeTimeZone.dateTime: null is not allowed (Nullable="false")']);
    });

    it('rejects a non-ISO DateTimeOffset, a bad Duration and a non-array collection', () => {
      expect(csdl.checkType('responseStatus', { time: '2026-12-01 09:00' })).toEqual([expect.stringMatching(/^responseStatus\.time: expected Edm\.DateTimeOffset/)]);
      expect(csdl.checkAction('findMeetingTimes', 'user', { meetingDuration: '45 minutes' })).toEqual([expect.stringMatching(/^findMeetingTimes\.meetingDuration: expected Edm\.Duration/)]);
      expect(csdl.checkType('event', { attendees: { emailAddress: { address: 'a@contoso.com' } } })).toEqual([expect.stringMatching(/^event\.attendees: expected an array/)]);
    });

    it('rejects an action parameter the CSDL does not declare', () => {
      expect(csdl.checkAction('cancel', 'event', { comment: 'x', notifyAttendees: true })).toEqual([
        'cancel.notifyAttendees: no such parameter on cancel bound to event (parameters: Comment)',
      ]);
      expect(csdl.checkAction('getSchedule', 'calendar', { schedules: ['a@contoso.com'], timeZone: 'UTC' })).toEqual([
        'getSchedule.timeZone: no such parameter on getSchedule bound to calendar (parameters: Schedules, EndTime, StartTime, AvailabilityViewInterval)',
      ]);
    });

    it('rejects a getSchedule parameter of the wrong type', () => {
      expect(csdl.checkAction('getSchedule', 'calendar', { schedules: 'a@contoso.com', availabilityViewInterval: '30' })).toEqual([
        expect.stringMatching(/^getSchedule\.Schedules: expected an array/),
        expect.stringMatching(/^getSchedule\.AvailabilityViewInterval: expected Edm\.Int32/),
      ]);
    });

    it('rejects an action that is not bound to the given type, and an @odata.type outside the hierarchy', () => {
      expect(csdl.checkAction('getSchedule', 'event', {})).toEqual(['getSchedule: the CSDL declares no action getSchedule bound to event']);
      expect(csdl.checkType('event', { '@odata.type': '#microsoft.graph.message' })).toEqual(['event.@odata.type: message does not derive from event']);
    });
  });

  it('parses the metadata once per process', () => {
    expect(graphCsdl()).toBe(csdl);
    expect(csdl.enumMembers('onlineMeetingProviderType')).toContain('teamsForBusiness');
  });
});

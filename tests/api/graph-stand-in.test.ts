import { ConfidentialClientApplication, InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { decodeJwt } from 'jose';
import { startEntraStandIn, type EntraStandIn } from '../support/entra-stand-in';
import { startGraphStandIn, type GraphStandIn } from '../support/graph-stand-in';
import { graphCsdl } from '../support/graph-csdl';
import { standInNetworkClient } from '../support/msal-network';

const NOW = new Date('2026-10-20T12:00:00.000Z');
const GRAPH_SCOPES = ['https://graph.microsoft.com/Calendars.ReadWrite'];
const ORGANISER = { oid: '0a0a0a0a-1111-4222-8333-444444444444', preferred_username: 'priya.raman@contoso.com', name: 'Priya Raman' };
const PARTNER = { oid: '0b0b0b0b-1111-4222-8333-444444444444', preferred_username: 'sam.okafor@contoso.com', name: 'Sam Okafor' };

function msalApp(entra: EntraStandIn, clientSecret = entra.clientSecret) {
  return new ConfidentialClientApplication({
    auth: { clientId: entra.clientId, clientSecret, authority: `https://login.microsoftonline.com/${entra.tenantId}` },
    system: { networkClient: standInNetworkClient(entra) },
  });
}

describe('Entra stand-in: On-Behalf-Of through the real msal-node', () => {
  let entra: EntraStandIn;
  beforeAll(async () => {
    entra = await startEntraStandIn({ now: () => NOW });
  });
  afterAll(() => entra.close());

  it('exchanges a Teams SSO token for a Graph token carrying the user, with no discovery round-trips', async () => {
    const before = entra.requests.length;
    const result = await msalApp(entra).acquireTokenOnBehalfOf({ oboAssertion: await entra.sign(ORGANISER), scopes: GRAPH_SCOPES });
    expect(result?.accessToken).toEqual(expect.any(String));
    const claims = decodeJwt(result!.accessToken);
    expect(claims).toMatchObject({
      aud: 'https://graph.microsoft.com',
      iss: `https://sts.windows.net/${entra.tenantId}/`,
      tid: entra.tenantId,
      oid: ORGANISER.oid,
      upn: ORGANISER.preferred_username,
      preferred_username: ORGANISER.preferred_username,
      scp: 'Calendars.ReadWrite',
      exp: NOW.getTime() / 1000 + 3599,
    });
    // msal-node ships login.microsoftonline.com's metadata, so the token request is its only call.
    expect(entra.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual([`POST /${entra.tenantId}/oauth2/v2.0/token`]);
  });

  it('surfaces missing consent as msal InteractionRequiredAuthError invalid_grant / consent_required, until consent is granted', async () => {
    const user = { ...PARTNER, oid: '0c0c0c0c-1111-4222-8333-444444444444' };
    entra.requireConsent(user.oid);
    const app = msalApp(entra);
    const assertion = await entra.sign(user);
    const error = await app.acquireTokenOnBehalfOf({ oboAssertion: assertion, scopes: GRAPH_SCOPES }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InteractionRequiredAuthError);
    expect(error).toMatchObject({ name: 'InteractionRequiredAuthError', errorCode: 'invalid_grant', subError: 'consent_required', errorNo: 65001 });
    expect((error as Error).message).toMatch(/^invalid_grant: AADSTS65001: The user or administrator has not consented/);

    entra.grantConsent(user.oid);
    const before = entra.tokenRequests;
    await expect(app.acquireTokenOnBehalfOf({ oboAssertion: assertion, scopes: GRAPH_SCOPES })).resolves.toMatchObject({ accessToken: expect.any(String) });
    expect(entra.tokenRequests).toBe(before + 1);
  });

  it('rejects a wrong client secret as msal ServerError invalid_client (AADSTS7000215)', async () => {
    const error = await msalApp(entra, 'not-the-secret')
      .acquireTokenOnBehalfOf({ oboAssertion: await entra.sign(ORGANISER), scopes: GRAPH_SCOPES })
      .then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).not.toBeInstanceOf(InteractionRequiredAuthError);
    expect(error).toMatchObject({ errorCode: 'invalid_client', errorNo: 7000215 });
  });

  it('rejects an expired assertion and one issued for another application as invalid_grant', async () => {
    const expired = await entra.sign({ ...ORGANISER, exp: NOW.getTime() / 1000 - 60 });
    await expect(msalApp(entra).acquireTokenOnBehalfOf({ oboAssertion: expired, scopes: GRAPH_SCOPES })).rejects.toMatchObject({ errorCode: 'invalid_grant', errorNo: 500133 });
    const otherApp = await entra.sign({ ...ORGANISER, aud: '99999999-2222-4333-8444-555555555555' });
    await expect(msalApp(entra).acquireTokenOnBehalfOf({ oboAssertion: otherApp, scopes: GRAPH_SCOPES })).rejects.toMatchObject({ errorCode: 'invalid_grant', errorNo: 50013 });
    const forged = await entra.sign(ORGANISER, { key: entra.otherKey });
    await expect(msalApp(entra).acquireTokenOnBehalfOf({ oboAssertion: forged, scopes: GRAPH_SCOPES })).rejects.toMatchObject({ errorCode: 'invalid_grant', errorNo: 50013 });
  });

  it("answers errors in Entra's JSON shape", async () => {
    entra.requireConsent(ORGANISER.oid);
    const form = new URLSearchParams({
      client_id: entra.clientId,
      client_secret: entra.clientSecret,
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      requested_token_use: 'on_behalf_of',
      assertion: await entra.sign(ORGANISER),
      scope: GRAPH_SCOPES.join(' '),
    });
    const res = await fetch(`${entra.authorityHost}/${entra.tenantId}/oauth2/v2.0/token?client-request-id=11111111-0000-4000-8000-000000000000`, { method: 'POST', body: form });
    entra.grantConsent(ORGANISER.oid);
    expect(res.status).toBe(400);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({
      error: 'invalid_grant',
      error_description: expect.stringMatching(/^AADSTS65001: .* Trace ID: .* Correlation ID: 11111111-0000-4000-8000-000000000000 Timestamp: 2026-10-20 12:00:00Z$/),
      error_codes: [65001],
      timestamp: '2026-10-20 12:00:00Z',
      trace_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      correlation_id: '11111111-0000-4000-8000-000000000000',
      error_uri: 'https://login.microsoftonline.com/error?code=65001',
      suberror: 'consent_required',
    });
    const badSecret = await fetch(`${entra.authorityHost}/${entra.tenantId}/oauth2/v2.0/token`, { method: 'POST', body: new URLSearchParams({ ...Object.fromEntries(form), client_secret: 'x' }) });
    expect(badSecret.status).toBe(401);
    expect(await badSecret.json()).toMatchObject({ error: 'invalid_client', error_codes: [7000215], error_description: expect.stringMatching(/^AADSTS7000215: Invalid client secret provided/) });
  });

  it('serves instance discovery and the OpenID configuration with https endpoints, through the msal network client', async () => {
    const client = standInNetworkClient(entra);
    const authorize = `https://login.microsoftonline.com/${entra.tenantId}/oauth2/v2.0/authorize`;
    const discovery = await client.sendGetRequestAsync<Record<string, unknown>>(`https://login.microsoftonline.com/common/discovery/instance?api-version=1.1&authorization_endpoint=${authorize}`);
    expect(discovery.status).toBe(200);
    expect(discovery.body).toMatchObject({
      tenant_discovery_endpoint: `https://login.microsoftonline.com/${entra.tenantId}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: expect.arrayContaining([expect.objectContaining({ preferred_network: 'login.microsoftonline.com', aliases: expect.arrayContaining(['login.microsoftonline.com', 'login.windows.net']) })]),
    });
    const config = await client.sendGetRequestAsync<Record<string, unknown>>(`https://login.microsoftonline.com/${entra.tenantId}/v2.0/.well-known/openid-configuration`);
    expect(config.headers['content-type']).toMatch(/^application\/json/);
    expect(config.body).toMatchObject({
      issuer: `https://login.microsoftonline.com/${entra.tenantId}/v2.0`,
      token_endpoint: `https://login.microsoftonline.com/${entra.tenantId}/oauth2/v2.0/token`,
      authorization_endpoint: authorize,
      jwks_uri: `https://login.microsoftonline.com/${entra.tenantId}/discovery/v2.0/keys`,
    });
    const keys = await client.sendGetRequestAsync<{ keys: Array<{ kid: string }> }>(config.body.jwks_uri as string);
    expect(keys.body.keys.map((k) => k.kid)).toEqual(['entra-key-1']);
  });

  it('the msal network client refuses any host but login.microsoftonline.com', async () => {
    const client = standInNetworkClient(entra);
    await expect(client.sendGetRequestAsync('http://169.254.169.254/metadata/instance')).rejects.toThrow(/no stand-in/);
    await expect(client.sendPostRequestAsync('https://login.microsoftonline.com.evil.example/x/oauth2/v2.0/token')).rejects.toThrow(/no stand-in/);
  });
});

describe('Graph stand-in', () => {
  let entra: EntraStandIn;
  let graph: GraphStandIn;
  let organiserToken: string;
  let partnerToken: string;

  beforeAll(async () => {
    entra = await startEntraStandIn({ now: () => NOW });
    graph = await startGraphStandIn({ entra });
    const app = msalApp(entra);
    organiserToken = (await app.acquireTokenOnBehalfOf({ oboAssertion: await entra.sign(ORGANISER), scopes: GRAPH_SCOPES }))!.accessToken;
    partnerToken = (await app.acquireTokenOnBehalfOf({ oboAssertion: await entra.sign(PARTNER), scopes: GRAPH_SCOPES }))!.accessToken;
  });
  afterAll(async () => {
    await graph.close();
    await entra.close();
  });
  beforeEach(() => {
    graph.contractViolations.length = 0;
    graph.delayMs = 0;
  });

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, token = organiserToken) {
    const url = path.startsWith('http') ? path : `${graph.baseUrl}${path}`;
    const res = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as Record<string, any> };
  }

  /** Weekly on Mondays at 10:00 New York time, four times from 26 Oct 2026: the US leaves DST on 1 Nov. */
  function weeklyAcrossDst(extra: Record<string, unknown> = {}) {
    return {
      subject: 'Mentoring check-in',
      body: { contentType: 'html', content: '<p>See Tandem</p>' },
      start: { dateTime: '2026-10-26T10:00:00', timeZone: 'America/New_York' },
      end: { dateTime: '2026-10-26T10:30:00', timeZone: 'America/New_York' },
      recurrence: {
        pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] },
        range: { type: 'numbered', startDate: '2026-10-26', numberOfOccurrences: 4 },
      },
      attendees: [{ emailAddress: { address: PARTNER.preferred_username, name: PARTNER.name }, type: 'required' }],
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      ...extra,
    };
  }
  const instancesPath = (id: string, from = '2026-10-01T00:00:00Z', to = '2026-12-31T00:00:00Z') =>
    `/me/events/${encodeURIComponent(id)}/instances?startDateTime=${from}&endDateTime=${to}`;
  const PREFER_UTC = { prefer: 'outlook.timezone="UTC"' };

  it('creates a Teams series and lists 4 weekly instances at 10:00 New York time across the DST change', async () => {
    const created = await call('POST', '/me/events', weeklyAcrossDst());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^AAMk/),
      iCalUId: expect.any(String),
      type: 'seriesMaster',
      subject: 'Mentoring check-in',
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      onlineMeeting: { joinUrl: expect.stringMatching(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//) },
      organizer: { emailAddress: { address: ORGANISER.preferred_username, name: ORGANISER.name } },
      attendees: [expect.objectContaining({ emailAddress: { address: PARTNER.preferred_username, name: PARTNER.name }, type: 'required' })],
      webLink: expect.stringMatching(/^https:\/\/outlook\.office365\.com\//),
    });
    // What Graph answers is itself a valid event.
    expect(graphCsdl().checkType('event', created.body)).toEqual([]);

    const utc = await call('GET', instancesPath(created.body.id), undefined, PREFER_UTC);
    expect(utc.status).toBe(200);
    expect(utc.headers.get('preference-applied')).toBe('outlook.timezone="UTC"');
    expect(utc.body.value.map((i: any) => [i.type, i.start.dateTime, i.start.timeZone, i.originalStart])).toEqual([
      ['occurrence', '2026-10-26T14:00:00.0000000', 'UTC', '2026-10-26T14:00:00Z'],
      ['occurrence', '2026-11-02T15:00:00.0000000', 'UTC', '2026-11-02T15:00:00Z'],
      ['occurrence', '2026-11-09T15:00:00.0000000', 'UTC', '2026-11-09T15:00:00Z'],
      ['occurrence', '2026-11-16T15:00:00.0000000', 'UTC', '2026-11-16T15:00:00Z'],
    ]);
    expect(utc.body.value.every((i: any) => i.seriesMasterId === created.body.id && i.isCancelled === false && i.end.dateTime.endsWith(':30:00.0000000'))).toBe(true);
    expect(new Set(utc.body.value.map((i: any) => i.id)).size).toBe(4);

    const local = await call('GET', instancesPath(created.body.id), undefined, { prefer: 'outlook.timezone="Eastern Standard Time"' });
    expect(local.body.value.map((i: any) => i.start.dateTime.slice(11))).toEqual(Array(4).fill('10:00:00.0000000'));
    expect(local.body.value[0].start.timeZone).toBe('Eastern Standard Time');

    const again = await call('GET', instancesPath(created.body.id), undefined, PREFER_UTC);
    expect(again.body.value.map((i: any) => i.id)).toEqual(utc.body.value.map((i: any) => i.id));
    expect(graph.contractViolations).toEqual([]);
  });

  it('accepts Windows zone names and pages instances 10 at a time with an absolute @odata.nextLink', async () => {
    const created = await call('POST', '/me/events', {
      subject: 'Daily stand-up',
      start: { dateTime: '2026-12-01T09:00:00', timeZone: 'Pacific Standard Time' },
      end: { dateTime: '2026-12-01T09:15:00', timeZone: 'Pacific Standard Time' },
      recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'noEnd', startDate: '2026-12-01' } },
    });
    expect(created.status).toBe(201);
    const seen: any[] = [];
    let next: string | undefined = instancesPath(created.body.id, '2026-12-01T00:00:00Z', '2026-12-26T00:00:00Z');
    const pageSizes: number[] = [];
    while (next) {
      const page = await call('GET', next, undefined, PREFER_UTC);
      expect(page.status).toBe(200);
      pageSizes.push(page.body.value.length);
      seen.push(...page.body.value);
      next = page.body['@odata.nextLink'];
      if (next) expect(next.startsWith(graph.baseUrl)).toBe(true);
    }
    expect(pageSizes).toEqual([10, 10, 5]);
    expect(seen[0].start.dateTime).toBe('2026-12-01T17:00:00.0000000');
    expect(seen[24].start.dateTime).toBe('2026-12-25T17:00:00.0000000');
    const top = await call('GET', `${instancesPath(created.body.id, '2026-12-01T00:00:00Z', '2026-12-26T00:00:00Z')}&$top=7`);
    expect(top.body.value).toHaveLength(7);
    expect(top.body['@odata.nextLink']).toMatch(/\$skip=7/);
  });

  it('a moved occurrence becomes an exception and a cancelled one is no longer listed', async () => {
    const master = (await call('POST', '/me/events', weeklyAcrossDst())).body;
    const [first, second, third] = (await call('GET', instancesPath(master.id), undefined, PREFER_UTC)).body.value;

    const moved = await call('PATCH', `/me/events/${encodeURIComponent(second.id)}`, {
      start: { dateTime: '2026-11-03T16:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-11-03T16:30:00', timeZone: 'UTC' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: second.id, type: 'exception', seriesMasterId: master.id });
    const cancelled = await call('POST', `/me/events/${encodeURIComponent(third.id)}/cancel`, { comment: 'Sam is on leave' });
    expect(cancelled.status).toBe(202);
    expect(cancelled.body).toBeUndefined();

    const listed = (await call('GET', instancesPath(master.id), undefined, PREFER_UTC)).body.value;
    expect(listed.map((i: any) => [i.id, i.type, i.start.dateTime, i.originalStart])).toEqual([
      [first.id, 'occurrence', '2026-10-26T14:00:00.0000000', '2026-10-26T14:00:00Z'],
      [second.id, 'exception', '2026-11-03T16:00:00.0000000', '2026-11-02T15:00:00Z'],
      [expect.any(String), 'occurrence', '2026-11-16T15:00:00.0000000', '2026-11-16T15:00:00Z'],
    ]);
    expect((await call('GET', `/me/events/${encodeURIComponent(third.id)}`)).status).toBe(404);

    // What the organiser's Outlook now holds.
    expect(graph.occurrences(ORGANISER.preferred_username, master.id, '2026-10-01T00:00:00Z', '2027-01-01T00:00:00Z').map((o) => [o.type, o.start])).toEqual([
      ['occurrence', '2026-10-26T14:00:00.000Z'],
      ['exception', '2026-11-03T16:00:00.000Z'],
      ['occurrence', '2026-11-16T15:00:00.000Z'],
    ]);
    const stored = graph.events(ORGANISER.preferred_username).find((e) => e.id === master.id)!;
    expect(stored.exceptions).toEqual([{ id: second.id, originalStart: '2026-11-02T15:00:00.000Z', start: '2026-11-03T16:00:00.000Z', end: '2026-11-03T16:30:00.000Z', subject: undefined }]);
    expect(stored.cancelledOccurrences).toEqual(['2026-11-09T15:00:00.000Z']);

    // Moving the whole series rebuilds it, as Outlook does: the exception and the cancellation are gone.
    const shifted = await call('PATCH', `/me/events/${encodeURIComponent(master.id)}`, {
      start: { dateTime: '2026-10-26T11:00:00', timeZone: 'America/New_York' },
      end: { dateTime: '2026-10-26T11:30:00', timeZone: 'America/New_York' },
    });
    expect(shifted.status).toBe(200);
    expect(graph.occurrences(ORGANISER.preferred_username, master.id, '2026-10-01T00:00:00Z', '2027-01-01T00:00:00Z').map((o) => [o.type, o.start])).toEqual([
      ['occurrence', '2026-10-26T15:00:00.000Z'],
      ['occurrence', '2026-11-02T16:00:00.000Z'],
      ['occurrence', '2026-11-09T16:00:00.000Z'],
      ['occurrence', '2026-11-16T16:00:00.000Z'],
    ]);

    // Cancelling the master removes the series.
    expect((await call('POST', `/me/events/${encodeURIComponent(master.id)}/cancel`, {})).status).toBe(202);
    const gone = await call('GET', `/me/events/${encodeURIComponent(master.id)}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error).toMatchObject({ code: 'ErrorItemNotFound', innerError: { date: expect.any(String), 'request-id': expect.any(String), 'client-request-id': expect.any(String) } });
    expect(graph.contractViolations).toEqual([]);
  });

  it('expands absoluteMonthly on the 31st to the last day of shorter months, up to an inclusive endDate', async () => {
    const created = await call('POST', '/me/events', {
      subject: 'Monthly review',
      start: { dateTime: '2026-01-31T09:00:00', timeZone: 'W. Europe Standard Time' },
      end: { dateTime: '2026-01-31T09:30:00', timeZone: 'W. Europe Standard Time' },
      recurrence: { pattern: { type: 'absoluteMonthly', interval: 1, dayOfMonth: 31 }, range: { type: 'endDate', startDate: '2026-01-31', endDate: '2026-04-30' } },
    });
    expect(created.status).toBe(201);
    const listed = await call('GET', instancesPath(created.body.id, '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'), undefined, { prefer: 'outlook.timezone="W. Europe Standard Time"' });
    expect(listed.body.value.map((i: any) => i.start.dateTime)).toEqual([
      '2026-01-31T09:00:00.0000000',
      '2026-02-28T09:00:00.0000000',
      '2026-03-31T09:00:00.0000000',
      '2026-04-30T09:00:00.0000000',
    ]);
    // Berlin leaves winter time on 29 March: the wall-clock time stays, the UTC instant moves.
    expect(graph.occurrences(ORGANISER.preferred_username, created.body.id, '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z').map((o) => o.start)).toEqual([
      '2026-01-31T08:00:00.000Z',
      '2026-02-28T08:00:00.000Z',
      '2026-03-31T07:00:00.000Z',
      '2026-04-30T07:00:00.000Z',
    ]);
  });

  it('cutting only the end of a series keeps the earlier moved occurrences, as Outlook does', async () => {
    const master = (await call('POST', '/me/events', weeklyAcrossDst())).body;
    const [first] = (await call('GET', instancesPath(master.id), undefined, PREFER_UTC)).body.value;
    await call('PATCH', `/me/events/${encodeURIComponent(first.id)}`, { subject: 'First check-in (kick-off)', start: { dateTime: '2026-10-27T14:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-10-27T14:30:00', timeZone: 'UTC' } });
    const cut = await call('PATCH', `/me/events/${encodeURIComponent(master.id)}`, {
      recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] }, range: { type: 'endDate', startDate: '2026-10-26', endDate: '2026-11-02' } },
    });
    expect(cut.status).toBe(200);
    expect(graph.occurrences(ORGANISER.preferred_username, master.id, '2026-10-01T00:00:00Z', '2027-01-01T00:00:00Z').map((o) => [o.type, o.start, o.subject])).toEqual([
      ['exception', '2026-10-27T14:00:00.000Z', 'First check-in (kick-off)'],
      ['occurrence', '2026-11-02T15:00:00.000Z', 'Mentoring check-in'],
    ]);
    const fetched = await call('GET', `/me/events/${encodeURIComponent(first.id)}`);
    expect(fetched.body).toMatchObject({ type: 'exception', subject: 'First check-in (kick-off)', originalStart: '2026-10-26T14:00:00Z' });
    expect((await call('DELETE', `/me/events/${encodeURIComponent(master.id)}`)).status).toBe(204);
    expect(graph.events(ORGANISER.preferred_username).some((e) => e.id === master.id)).toBe(false);
    expect(graph.contractViolations).toEqual([]);
  });

  it('a second POST with the same transactionId returns the same event, also after a lost answer', async () => {
    const body = weeklyAcrossDst({ transactionId: 'series-7f4d1c2e' });
    const first = await call('POST', '/me/events', body);
    const second = await call('POST', '/me/events', body);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(graph.events(ORGANISER.preferred_username).filter((e) => e.transactionId === 'series-7f4d1c2e')).toHaveLength(1);

    graph.fail({ method: 'POST', path: /^\/me\/events$/ }, { status: 504, process: true });
    const lost = await call('POST', '/me/events', weeklyAcrossDst({ transactionId: 'series-lost-answer' }));
    expect(lost.status).toBe(504);
    expect(lost.body.error.code).toBe('GatewayTimeout');
    const retried = await call('POST', '/me/events', weeklyAcrossDst({ transactionId: 'series-lost-answer' }));
    expect(retried.status).toBe(201);
    expect(graph.events(ORGANISER.preferred_username).filter((e) => e.transactionId === 'series-lost-answer').map((e) => e.id)).toEqual([retried.body.id]);
  });

  it('serves an injected 429 with Retry-After, then resumes normal service', async () => {
    const master = (await call('POST', '/me/events', weeklyAcrossDst())).body;
    graph.fail({ method: 'GET', path: /\/instances$/ }, { status: 429, retryAfterSeconds: 7 });
    const throttled = await call('GET', instancesPath(master.id));
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(throttled.body.error).toMatchObject({ code: 'TooManyRequests', message: expect.any(String) });
    const ok = await call('GET', instancesPath(master.id));
    expect(ok.status).toBe(200);
    expect(ok.body.value).toHaveLength(4);
    expect(graph.requests.slice(-2).map((r) => [r.method, r.path.endsWith('/instances'), r.status, r.mailbox])).toEqual([
      ['GET', true, 429, ORGANISER.preferred_username],
      ['GET', true, 200, ORGANISER.preferred_username],
    ]);
  });

  it('answers an unknown property or enum value 400 RequestBodyRead and records a contract violation', async () => {
    const unknown = await call('POST', '/me/events', weeklyAcrossDst({ isOnlineMeting: true }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'RequestBodyRead', message: expect.stringMatching(/^The property 'isOnlineMeting' does not exist on type 'Microsoft\.OutlookServices\.Event'/) });
    const badEnum = await call('POST', '/me/events', weeklyAcrossDst({ onlineMeetingProvider: 'teams' }));
    expect(badEnum.status).toBe(400);
    expect(badEnum.body.error.code).toBe('RequestBodyRead');
    expect(graph.contractViolations).toEqual([
      'POST /me/events: event.isOnlineMeting: no such property on event (or its base types outlookItem, entity)',
      expect.stringMatching(/^POST \/me\/events: event\.onlineMeetingProvider: "teams" is not a member of onlineMeetingProviderType/),
    ]);
    const badCancel = await call('POST', `/me/events/${encodeURIComponent((await call('POST', '/me/events', weeklyAcrossDst())).body.id)}/cancel`, { comment: 'x', notify: true });
    expect(badCancel.status).toBe(400);
    expect(graph.contractViolations).toHaveLength(3);
  });

  it('rejects requests without a valid Graph token with InvalidAuthenticationToken', async () => {
    const missing = await fetch(`${graph.baseUrl}/me/events`);
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as any).error).toMatchObject({ code: 'InvalidAuthenticationToken', message: 'Access token is empty.' });
    // The SSO token is for Tandem, not for Graph.
    const wrongAudience = await call('GET', '/me/events', undefined, {}, await entra.sign(ORGANISER));
    expect(wrongAudience.status).toBe(401);
    expect(wrongAudience.body.error.message).toMatch(/Invalid audience/);
    const graphAudience = await call('GET', '/me/events', undefined, {}, await entra.sign({ ...ORGANISER, aud: 'https://graph.microsoft.com', scp: 'Calendars.ReadWrite' }));
    expect(graphAudience.status).toBe(200);
  });

  it('getSchedule merges registered busy times with events the person organises or attends', async () => {
    graph.setBusy(PARTNER.preferred_username, [{ start: '2026-12-07T09:00:00Z', end: '2026-12-07T10:00:00Z' }, { start: '2026-12-07T13:00:00Z', end: '2026-12-07T14:00:00Z', status: 'oof' }]);
    await call('POST', '/me/events', {
      subject: 'Pairing session',
      start: { dateTime: '2026-12-07T11:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-12-07T11:30:00', timeZone: 'UTC' },
      attendees: [{ emailAddress: { address: PARTNER.preferred_username }, type: 'required' }],
      showAs: 'tentative',
    });
    const res = await call(
      'POST',
      '/me/calendar/getSchedule',
      {
        schedules: [PARTNER.preferred_username],
        startTime: { dateTime: '2026-12-07T08:00:00', timeZone: 'UTC' },
        endTime: { dateTime: '2026-12-07T15:00:00', timeZone: 'UTC' },
        availabilityViewInterval: 60,
      },
      {},
      partnerToken,
    );
    expect(res.status).toBe(200);
    const [info] = res.body.value;
    expect(info.scheduleId).toBe(PARTNER.preferred_username);
    expect(info.availabilityView).toBe('0201030');
    expect(info.scheduleItems.map((i: any) => [i.status, i.start.dateTime, i.end.dateTime])).toEqual([
      ['busy', '2026-12-07T09:00:00.0000000', '2026-12-07T10:00:00.0000000'],
      ['tentative', '2026-12-07T11:00:00.0000000', '2026-12-07T11:30:00.0000000'],
      ['oof', '2026-12-07T13:00:00.0000000', '2026-12-07T14:00:00.0000000'],
    ]);
    expect(info.workingHours).toMatchObject({ daysOfWeek: expect.arrayContaining(['monday']), startTime: expect.any(String), timeZone: { name: expect.any(String) } });
    expect(graph.contractViolations).toEqual([]);
  });

  it('a hung answer makes the client give up, and close() still works; the in-flight peak is measured per mailbox', async () => {
    graph.fail({ path: /^\/me\/events$/, method: 'GET' }, { hang: true });
    await expect(fetch(`${graph.baseUrl}/me/events`, { headers: { authorization: `Bearer ${organiserToken}` }, signal: AbortSignal.timeout(200) })).rejects.toThrow();
    expect(graph.requests.at(-1)).toMatchObject({ method: 'GET', path: '/me/events', status: 0 });

    graph.delayMs = 100;
    await Promise.all(Array.from({ length: 5 }, () => call('GET', '/me/events', undefined, {}, partnerToken)));
    expect(graph.maxInFlight(PARTNER.preferred_username)).toBe(5);

    const spare = await startGraphStandIn({ entra });
    spare.fail({}, { hang: true });
    const pending = fetch(`${spare.baseUrl}/me/events`, { headers: { authorization: `Bearer ${organiserToken}` } }).then(
      () => 'answered',
      (e: unknown) => String(e),
    );
    await new Promise((r) => setTimeout(r, 50));
    await spare.close();
    expect(await pending).toMatch(/fetch failed/);
  });

  describe('Teams online meetings and attendance reports', () => {
    /** what Tandem asks Entra for to read attendance (its own token, apart from the calendar one) */
    const ATTENDANCE_SCOPES = ['https://graph.microsoft.com/OnlineMeetings.Read', 'https://graph.microsoft.com/OnlineMeetingArtifact.Read.All'];
    let organiserAttendance: string;
    let partnerAttendance: string;

    beforeAll(async () => {
      const app = msalApp(entra);
      organiserAttendance = (await app.acquireTokenOnBehalfOf({ oboAssertion: await entra.sign(ORGANISER), scopes: ATTENDANCE_SCOPES }))!.accessToken;
      partnerAttendance = (await app.acquireTokenOnBehalfOf({ oboAssertion: await entra.sign(PARTNER), scopes: ATTENDANCE_SCOPES }))!.accessToken;
    });

    const byJoinUrl = (joinUrl: string) => `/me/onlineMeetings?$filter=${encodeURIComponent(`JoinWebUrl eq '${joinUrl}'`)}`;
    const graphToken = (scp: string) => entra.sign({ ...ORGANISER, aud: 'https://graph.microsoft.com', scp });
    async function onlineSeries() {
      const master = (await call('POST', '/me/events', weeklyAcrossDst())).body;
      const joinUrl: string = master.onlineMeeting.joinUrl;
      const found = await call('GET', byJoinUrl(joinUrl), undefined, {}, organiserAttendance);
      expect(found.status).toBe(200);
      return { master, joinUrl, meetingId: found.body.value[0].id as string };
    }

    it('OBO for the attendance scopes puts them in scp', () => {
      expect(decodeJwt(organiserAttendance).scp).toBe('OnlineMeetings.Read OnlineMeetingArtifact.Read.All');
    });

    it("finds an online event's Teams meeting by its quoted, URL-encoded join URL, for its organiser only", async () => {
      const master = (await call('POST', '/me/events', weeklyAcrossDst())).body;
      const joinUrl: string = master.onlineMeeting.joinUrl;
      const found = await call('GET', byJoinUrl(joinUrl), undefined, {}, organiserAttendance);
      expect(found.status).toBe(200);
      expect(found.body['@odata.context']).toBe(`${graph.baseUrl}/$metadata#users('${ORGANISER.oid}')/onlineMeetings`);
      expect(found.body.value).toHaveLength(1);
      const [meeting] = found.body.value;
      expect(meeting).toMatchObject({
        id: expect.stringMatching(/^MS[A-Za-z0-9_=-]+$/),
        joinWebUrl: joinUrl,
        subject: 'Mentoring check-in',
        startDateTime: '2026-10-26T14:00:00Z',
        endDateTime: '2026-10-26T14:30:00Z',
        participants: { organizer: { upn: ORGANISER.preferred_username, role: 'presenter' }, attendees: [expect.objectContaining({ upn: PARTNER.preferred_username, role: 'attendee' })] },
      });
      expect(graphCsdl().checkType('onlineMeeting', meeting)).toEqual([]);

      // Stable: the same meeting every time, also by /users/{oid}, by the property spelt in camelCase and by its id.
      const again = await call('GET', `/users/${ORGANISER.oid}/onlineMeetings?$filter=${encodeURIComponent(`joinWebUrl eq '${joinUrl}'`)}`, undefined, {}, organiserAttendance);
      expect(again.body.value.map((m: any) => m.id)).toEqual([meeting.id]);
      const byId = await call('GET', `/me/onlineMeetings/${encodeURIComponent(meeting.id)}`, undefined, {}, organiserAttendance);
      expect(byId.body).toMatchObject({ id: meeting.id, joinWebUrl: joinUrl });
      const byMeetingId = await call('GET', `/me/onlineMeetings?$filter=${encodeURIComponent(`joinMeetingIdSettings/joinMeetingId eq '${meeting.joinMeetingIdSettings.joinMeetingId}'`)}`, undefined, {}, organiserAttendance);
      expect(byMeetingId.body.value.map((m: any) => m.id)).toEqual([meeting.id]);

      // Renaming or moving the event carries over.
      await call('PATCH', `/me/events/${encodeURIComponent(master.id)}`, { subject: 'Kick-off' });
      expect((await call('GET', byJoinUrl(joinUrl), undefined, {}, organiserAttendance)).body.value[0]).toMatchObject({ id: meeting.id, subject: 'Kick-off' });

      // A URL no meeting has: an empty collection. An invitee looking it up: 403, as Graph does.
      const none = await call('GET', byJoinUrl(joinUrl.replace('meeting_', 'meeting_x')), undefined, {}, organiserAttendance);
      expect(none.status).toBe(200);
      expect(none.body.value).toEqual([]);
      const invitee = await call('GET', byJoinUrl(joinUrl), undefined, {}, partnerAttendance);
      expect(invitee.status).toBe(403);
      expect(invitee.body.error.code).toBe('Forbidden');
      // Not encoding the join URL changes it (%3a arrives as ':'), so nothing matches.
      const unencoded = await call('GET', `/me/onlineMeetings?$filter=JoinWebUrl%20eq%20'${joinUrl}'`, undefined, {}, organiserAttendance);
      expect(unencoded.body.value).toEqual([]);
    });

    it('lists attendance reports newest first without records, and expands them on one report', async () => {
      const { joinUrl, meetingId } = await onlineSeries();
      const first = graph.addAttendanceReport(ORGANISER.preferred_username, joinUrl, {
        meetingStart: '2026-10-26T13:58:10.500Z',
        meetingEnd: '2026-10-26T14:31:00Z',
        attendees: [
          { email: ORGANISER.preferred_username, joined: '2026-10-26T13:58:10.500Z', left: '2026-10-26T14:31:00Z' },
          { email: PARTNER.preferred_username, displayName: PARTNER.name, joined: '2026-10-26T14:02:00Z', left: '2026-10-26T14:10:30Z' },
          { email: PARTNER.preferred_username, displayName: PARTNER.name, joined: '2026-10-26T14:12:00Z', left: '2026-10-26T14:30:00Z' },
        ],
      });
      const second = graph.addAttendanceReport(ORGANISER.preferred_username, joinUrl, {
        meetingStart: '2026-11-02T15:00:00Z',
        meetingEnd: '2026-11-02T15:05:00Z',
        attendees: [{ email: ORGANISER.preferred_username, joined: '2026-11-02T15:00:00Z', left: '2026-11-02T15:05:00Z' }],
      });
      const reportsPath = `/me/onlineMeetings/${encodeURIComponent(meetingId)}/attendanceReports`;

      const listed = await call('GET', reportsPath, undefined, {}, organiserAttendance);
      expect(listed.status).toBe(200);
      expect(listed.body['@odata.context']).toBe(`${graph.baseUrl}/$metadata#users('${ORGANISER.oid}')/onlineMeetings('${meetingId}')/attendanceReports`);
      expect(listed.body.value).toEqual([
        { id: second, totalParticipantCount: 1, meetingStartDateTime: '2026-11-02T15:00:00Z', meetingEndDateTime: '2026-11-02T15:05:00Z', attendanceRecords: [] },
        { id: first, totalParticipantCount: 2, meetingStartDateTime: '2026-10-26T13:58:10.5Z', meetingEndDateTime: '2026-10-26T14:31:00Z', attendanceRecords: [] },
      ]);
      for (const r of listed.body.value) expect(graphCsdl().checkType('meetingAttendanceReport', r)).toEqual([]);

      const expanded = await call('GET', `${reportsPath}/${first}?$expand=attendanceRecords`, undefined, {}, organiserAttendance);
      expect(expanded.status).toBe(200);
      expect(expanded.body).toMatchObject({ id: first, totalParticipantCount: 2, meetingStartDateTime: '2026-10-26T13:58:10.5Z' });
      expect(expanded.body.attendanceRecords).toEqual([
        {
          id: ORGANISER.oid,
          emailAddress: ORGANISER.preferred_username,
          totalAttendanceInSeconds: 1969,
          role: 'Organizer',
          identity: { id: ORGANISER.oid, displayName: ORGANISER.name, tenantId: null },
          attendanceIntervals: [{ joinDateTime: '2026-10-26T13:58:10.5000000Z', leaveDateTime: '2026-10-26T14:31:00.0000000Z', durationInSeconds: 1969 }],
        },
        {
          id: PARTNER.oid,
          emailAddress: PARTNER.preferred_username,
          totalAttendanceInSeconds: 510 + 1080,
          role: 'Presenter',
          identity: { id: PARTNER.oid, displayName: PARTNER.name, tenantId: null },
          attendanceIntervals: [
            { joinDateTime: '2026-10-26T14:02:00.0000000Z', leaveDateTime: '2026-10-26T14:10:30.0000000Z', durationInSeconds: 510 },
            { joinDateTime: '2026-10-26T14:12:00.0000000Z', leaveDateTime: '2026-10-26T14:30:00.0000000Z', durationInSeconds: 1080 },
          ],
        },
      ]);
      // identity is a communicationsUserIdentity on the wire (it carries tenantId)
      for (const rec of expanded.body.attendanceRecords) {
        expect(graphCsdl().checkType('attendanceRecord', { ...rec, identity: { '@odata.type': '#microsoft.graph.communicationsUserIdentity', ...rec.identity } })).toEqual([]);
      }

      const plain = await call('GET', `${reportsPath}/${first}`, undefined, {}, organiserAttendance);
      expect(plain.body.attendanceRecords).toEqual([]);
      const records = await call('GET', `${reportsPath}/${first}/attendanceRecords`, undefined, {}, organiserAttendance);
      expect(records.status).toBe(200);
      expect(records.body.value).toEqual(expanded.body.attendanceRecords);

      expect((await call('GET', `${reportsPath}/${first}?$expand=attendees`, undefined, {}, organiserAttendance)).status).toBe(400);
      const unknownReport = await call('GET', `${reportsPath}/00000000-0000-4000-8000-000000000000`, undefined, {}, organiserAttendance);
      expect(unknownReport.status).toBe(404);
      // Only the organiser reads the reports; the invitee's token (with the right scopes) is refused.
      const partner = await call('GET', reportsPath, undefined, {}, partnerAttendance);
      expect(partner.status).toBe(403);
      expect(partner.body.error).toMatchObject({ code: 'Forbidden', innerError: { 'request-id': expect.any(String) } });
      expect(graph.contractViolations).toEqual([]);

      expect(() => graph.addAttendanceReport(PARTNER.preferred_username, joinUrl, { meetingStart: '2026-11-09T15:00:00Z', meetingEnd: '2026-11-09T15:30:00Z', attendees: [] })).toThrow(/organised by/);
      expect(() => graph.addAttendanceReport(ORGANISER.preferred_username, 'https://teams.microsoft.com/l/meetup-join/nope', { meetingStart: '2026-11-09T15:00:00Z', meetingEnd: '2026-11-09T15:30:00Z', attendees: [] })).toThrow(/no online meeting/);
    });

    it('answers 403 when the token lacks the scope each endpoint needs', async () => {
      const { joinUrl, meetingId } = await onlineSeries();
      const reportsPath = `/me/onlineMeetings/${encodeURIComponent(meetingId)}/attendanceReports`;

      // The calendar token Tandem already has reaches neither.
      const calendarOnly = await call('GET', byJoinUrl(joinUrl), undefined, {}, organiserToken);
      expect(calendarOnly.status).toBe(403);
      expect(calendarOnly.body.error).toMatchObject({ code: 'Forbidden', message: expect.stringMatching(/OnlineMeetings\.Read/) });
      expect((await call('GET', reportsPath, undefined, {}, organiserToken)).status).toBe(403);

      // The meeting scope alone does not reach the artifacts, nor the artifact scope the meeting lookup.
      const meetingsOnly = await graphToken('OnlineMeetings.Read');
      expect((await call('GET', byJoinUrl(joinUrl), undefined, {}, meetingsOnly)).status).toBe(200);
      const refused = await call('GET', reportsPath, undefined, {}, meetingsOnly);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/OnlineMeetingArtifact\.Read\.All/);
      const artifactsOnly = await graphToken('OnlineMeetingArtifact.Read.All');
      expect((await call('GET', byJoinUrl(joinUrl), undefined, {}, artifactsOnly)).status).toBe(403);
      expect((await call('GET', reportsPath, undefined, {}, artifactsOnly)).status).toBe(200);
      // OnlineMeetings.ReadWrite is the higher privilege for the lookup.
      expect((await call('GET', byJoinUrl(joinUrl), undefined, {}, await graphToken('OnlineMeetings.ReadWrite'))).status).toBe(200);
      // And the attendance token is no calendar token.
      expect((await call('GET', '/me/events', undefined, {}, organiserAttendance)).status).toBe(403);
    });

    it('answers 400 InvalidArgument when $filter is missing or not `JoinWebUrl eq ...` with the URL quoted', async () => {
      const { joinUrl } = await onlineSeries();
      const filters = [
        undefined,
        `JoinWebUrl eq ${joinUrl}`,
        `JoinWebUrl eq "${joinUrl}"`,
        `subject eq 'Mentoring check-in'`,
        `startDateTime ge 2026-10-01T00:00:00Z`,
        `JoinWebUrl eq '${joinUrl}' and subject eq 'x'`,
      ];
      for (const filter of filters) {
        const res = await call('GET', filter === undefined ? '/me/onlineMeetings' : `/me/onlineMeetings?$filter=${encodeURIComponent(filter)}`, undefined, {}, organiserAttendance);
        expect([filter, res.status]).toEqual([filter, 400]);
        expect(res.body.error).toMatchObject({ code: 'InvalidArgument', message: "Filter expression expected - /onlineMeetings?$filter={ParameterName} eq '{id}'." });
      }
    });

    it('records these requests and injects faults into them like any other', async () => {
      const { meetingId } = await onlineSeries();
      const reportsPath = `/me/onlineMeetings/${encodeURIComponent(meetingId)}/attendanceReports`;
      graph.fail({ method: 'GET', path: /\/attendanceReports$/ }, { status: 429, retryAfterSeconds: 3 });
      const throttled = await call('GET', reportsPath, undefined, {}, organiserAttendance);
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toBe('3');
      const ok = await call('GET', reportsPath, undefined, {}, organiserAttendance);
      expect(ok.status).toBe(200);
      expect(graph.requests.slice(-2).map((r) => [r.method, r.path, r.status, r.mailbox])).toEqual([
        ['GET', `/me/onlineMeetings/${meetingId}/attendanceReports`, 429, ORGANISER.preferred_username],
        ['GET', `/me/onlineMeetings/${meetingId}/attendanceReports`, 200, ORGANISER.preferred_username],
      ]);
      const lookups = graph.requests.filter((r) => r.path === '/me/onlineMeetings');
      expect(lookups.at(-1)?.query.$filter).toMatch(/^JoinWebUrl eq 'https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    });
  });
});

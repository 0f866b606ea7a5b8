import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { TestAdapter, type Activity } from 'botbuilder';
import pino from 'pino';
import { devObjectId, DEV_TENANT_ID } from '../../api/src/auth/dev-issuer';
import { createBot, type BotDeps } from '../../api/src/bot/bot';
import { createTestApp } from './app';

export const BOT_ID = '6f1d1c52-8d0f-4a55-9a1e-2f7e2b0d9c11';
export const BOT_PASSWORD = 'stand-in-secret';
export const TEAMS_APP_ID = 'tandem-teams-app';

/**
 * The real app over a fresh database, and the bot wired to it the way the server wires it, with
 * the Bot Framework's token endpoint pointed at the connector stand-in.
 */
export async function createBotTestApp(
  connector: { tokenEndpoint: string },
  options: { now?: string; env?: Record<string, string>; languageModelFetch?: BotDeps['languageModelFetch'] } = {},
) {
  const app = await createTestApp({
    now: options.now ?? '2026-11-25T10:00:00.000Z',
    env: { BOT_ID, BOT_PASSWORD, BOT_OAUTH_ENDPOINT: connector.tokenEndpoint, TEAMS_APP_ID, ...options.env },
  });
  const bot = createBot({
    db: app.db.kysely,
    config: app.config,
    clock: app.clock,
    logger: pino({ level: 'silent' }),
    ...(options.languageModelFetch ? { languageModelFetch: options.languageModelFetch } : {}),
  });
  return { app, bot };
}

/** A person as Teams presents them to the bot: the dev issuer's object id in the dev tenant. */
export interface TeamsPerson {
  email: string;
  name?: string;
  /** another Entra object id, for someone Tandem has never seen */
  objectId?: string;
}

function userId(person: TeamsPerson): string {
  return `29:${(person.objectId ?? devObjectId(person.email)).slice(0, 18)}`;
}

/**
 * Activities shaped like the ones Teams posts to the bot, in a personal chat unless `scope` says
 * otherwise. `serviceUrl` is where the stored reference later sends proactive messages.
 */
export function teamsActivities(serviceUrl: string) {
  const from = (person: TeamsPerson) => ({ id: userId(person), name: person.name ?? person.email, aadObjectId: person.objectId ?? devObjectId(person.email) });
  const conversation = (person: TeamsPerson, scope: 'personal' | 'groupChat' | 'channel') => ({
    id: scope === 'personal' ? `a:personal-${userId(person)}` : `19:${scope}-thread@thread.v2`,
    conversationType: scope,
    tenantId: DEV_TENANT_ID,
    isGroup: scope !== 'personal',
  });
  const base = (person: TeamsPerson, scope: 'personal' | 'groupChat' | 'channel' = 'personal'): Partial<Activity> => ({
    channelId: 'msteams',
    serviceUrl,
    from: from(person),
    recipient: { id: `28:${BOT_ID}`, name: 'Tandem' },
    conversation: conversation(person, scope) as Activity['conversation'],
    channelData: { tenant: { id: DEV_TENANT_ID } },
    locale: 'en-GB',
  });
  return {
    message: (person: TeamsPerson, text: string, scope: 'personal' | 'groupChat' | 'channel' = 'personal'): Partial<Activity> => ({
      ...base(person, scope),
      type: 'message',
      text,
    }),
    installation: (person: TeamsPerson, action: 'add' | 'remove', scope: 'personal' | 'groupChat' | 'channel' = 'personal'): Partial<Activity> => ({
      ...base(person, scope),
      type: 'installationUpdate',
      action,
    }),
    botAdded: (person: TeamsPerson): Partial<Activity> => ({
      ...base(person),
      type: 'conversationUpdate',
      membersAdded: [{ id: `28:${BOT_ID}`, name: 'Tandem' }],
    }),
    /** a press on an `Action.Execute` button; `data` is the button's data plus the card's inputs */
    cardAction: (person: TeamsPerson, verb: string, data: Record<string, unknown>, scope: 'personal' | 'groupChat' | 'channel' = 'personal'): Partial<Activity> => ({
      ...base(person, scope),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    }),
  };
}

/** Runs one activity through the application on botbuilder's TestAdapter; returns what the bot sent (typing aside). */
export async function botTurn(application: Application<TurnState>, activity: Partial<Activity>): Promise<Partial<Activity>[]> {
  const adapter = new TestAdapter(async (context) => {
    await application.run(context);
  });
  await adapter.processActivity(activity);
  return adapter.activeQueue.filter((a) => a.type !== 'typing');
}

/** The Adaptive Card of a message, or of an `adaptiveCard/action` invoke response. */
export function cardOf(activity: Partial<Activity> | undefined): CardJson {
  if (!activity) throw new Error('the bot sent nothing');
  if (activity.type === 'invokeResponse') {
    const body = (activity.value as { body?: { type?: string; value?: unknown } }).body;
    if (body?.type !== 'application/vnd.microsoft.card.adaptive') throw new Error(`invoke answered with ${JSON.stringify(body)}`);
    return body.value as CardJson;
  }
  const attachment = activity.attachments?.[0];
  if (attachment?.contentType !== 'application/vnd.microsoft.card.adaptive') throw new Error(`no card in ${JSON.stringify(activity)}`);
  return attachment.content as CardJson;
}

export interface CardJson {
  type: 'AdaptiveCard';
  version: string;
  body: Record<string, unknown>[];
  actions?: Record<string, unknown>[];
}

/** Every TextBlock text and FactSet fact of a card, nested ones included, as one string. */
export function cardText(card: CardJson): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'TextBlock' && typeof n.text === 'string') parts.push(n.text);
      if (n.type === 'FactSet') for (const f of n.facts as { title: string; value: string }[]) parts.push(`${f.title}: ${f.value}`);
      if (typeof n.label === 'string') parts.push(n.label);
      for (const [key, value] of Object.entries(n)) if (key !== 'facts') walk(value);
    }
  };
  walk(card.body);
  return parts.join('\n');
}

/** Every action of a card (its own and those in ActionSets), in order. */
export function cardActions(card: CardJson): { type: string; title: string; verb?: string; data?: Record<string, string>; url?: string }[] {
  const found: { type: string; title: string; verb?: string; data?: Record<string, string>; url?: string }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (typeof n.type === 'string' && n.type.startsWith('Action.')) found.push(n as never);
      else for (const value of Object.values(n)) walk(value);
    }
  };
  walk(card.body);
  walk(card.actions ?? []);
  return found;
}

export interface ConnectorCall {
  method: string;
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

/**
 * The Bot Framework as Tandem's proactive sends meet it: an OAuth token endpoint and the
 * connector's conversation API. Records every activity posted; a conversation in `failures`
 * answers that status instead — 403 is what the real connector says once the bot has been
 * removed from the chat.
 */
export async function startConnectorStandIn() {
  const calls: ConnectorCall[] = [];
  const tokenRequests: URLSearchParams[] = [];
  const failures = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method === 'POST' && url.pathname === '/oauth/token') {
        tokenRequests.push(new URLSearchParams(raw));
        return send(200, { token_type: 'Bearer', access_token: 'stand-in-connector-token', expires_in: 3600 });
      }
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/.exec(url.pathname);
      if (req.method === 'POST' && match) {
        const conversationId = decodeURIComponent(match[1]!);
        const failure = failures.get(conversationId);
        if (failure) return send(failure, { error: { code: failure === 403 ? 'BotNotInConversationRoster' : 'ServiceError', message: `stand-in answers ${failure}` } });
        calls.push({ method: req.method, path: url.pathname, authorization: req.headers.authorization, body: JSON.parse(raw) as Record<string, unknown> });
        return send(201, { id: `activity-${calls.length}` });
      }
      send(404, { error: { code: 'NotFound', message: `${req.method} ${url.pathname}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    /** the connector's service URL, as Teams puts it on activities */
    serviceUrl: `${base}/`,
    tokenEndpoint: `${base}/oauth/token`,
    calls,
    tokenRequests,
    failures,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ModelCall {
  url: string;
  body: { messages: { role: string; content: string }[]; [key: string]: unknown };
}

/**
 * OpenAI's chat completions API as a `fetch`: answers `reply` (or fails with `status`) and
 * records every prompt, so a test can read exactly what would have left Tandem.
 */
export function languageModelStandIn(reply: string) {
  const calls: ModelCall[] = [];
  let status = 200;
  const fetchStandIn = async (input: unknown, init?: { body?: unknown }): Promise<Response> => {
    const url = typeof input === 'string' ? input : String((input as { url?: string }).url ?? input);
    calls.push({ url, body: JSON.parse(String(init?.body ?? '{}')) as ModelCall['body'] });
    if (status !== 200) {
      return new Response(JSON.stringify({ error: { message: 'stand-in refused', type: 'invalid_request_error' } }), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    }
    return new Response(
      JSON.stringify({
        id: 'chatcmpl-stand-in',
        object: 'chat.completion',
        created: 1_764_000_000,
        model: 'gpt-4o-mini',
        choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: reply } }],
        usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
      }),
      { status: 200, headers: { 'content-type': 'application/json' } },
    );
  };
  return {
    fetch: fetchStandIn,
    calls,
    failWith(code: number) {
      status = code;
    },
  };
}

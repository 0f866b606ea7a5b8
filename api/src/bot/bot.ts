import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import {
  ActivityTypes,
  CardFactory,
  MemoryStorage,
  MessageFactory,
  TurnContext,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { Request, Response } from 'express';
import type { Kysely } from 'kysely';
import type { ClientOptions } from 'openai';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { Config } from '../config/config';
import type { Database } from '../db/schema';
import type { TeamsNotifier } from '../notifications/teams-notifier';
import type { CurrentUser } from '../users/users.service';
import type { AdaptiveCardJson } from './adaptive-cards';
import { CARD_ACTIONS } from './bot.actions';
import { helpCard, messageCard } from './bot.cards';
import { BOT_COMMANDS, parseCommand, runCommand, type BotReply, type CommandDeps } from './bot.commands';
import { tokenEndpointCredentials } from './bot.credentials';
import { buildGrounding, groundingText, suggestionsFrom } from './bot.grounding';
import { createPlanner } from './bot.model';
import { createBotNotifier } from './bot.notifier';
import { findBotUser, forgetConversation, isPersonalConversation, rememberConversation, type BotServiceDeps } from './bot.service';
import { BOT_TEXTS } from './bot.texts';

export { BOT_COMMANDS } from './bot.commands';

export interface BotDeps {
  /** the same Kysely instance the domain services take (`db.kysely`) */
  db: Kysely<Database>;
  config: Config;
  clock: Clock;
  logger: Logger;
  /** the language model's HTTP transport; unset in production, a stand-in in tests */
  languageModelFetch?: ClientOptions['fetch'];
}

export interface Bot {
  /** Express handler for `POST /api/messages` (JSON body already parsed) */
  handle(req: Request, res: Response): Promise<void>;
  /** proactive nudges to people's personal chats with the bot */
  notifier: TeamsNotifier;
  /** the Teams AI application (tests drive it through botbuilder's TestAdapter) */
  application: Application<TurnState>;
  adapter: TeamsAdapter;
}

const USER_KEY = Symbol('tandem.bot.user');
const CARD_ACTION_INVOKE = 'adaptiveCard/action';

/**
 * The Tandem bot (docs/nudges.md, "The bot"): commands, card actions, free-text help and
 * proactive nudges, in a personal chat only, for people who have opened the Tandem tab.
 * Needs `config.bot` (BOT_ID); without it there is no bot and nudges stay in the feed.
 */
export function createBot(deps: BotDeps): Bot {
  const botConfig = deps.config.bot;
  if (!botConfig) throw new Error('createBot needs BOT_ID (config.bot); without it the bot is not hosted.');
  const { db, clock, logger } = deps;
  const service: BotServiceDeps = { db, clock, adminEmails: deps.config.adminEmails };
  const domain: CommandDeps = { db, clock, teamsAppId: deps.config.teamsAppId };

  const auth: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: botConfig.appId,
    MicrosoftAppType: botConfig.type,
    // A user-assigned managed identity has no secret; the identity's client id is the app id.
    ...(botConfig.type !== 'UserAssignedMSI' && botConfig.password ? { MicrosoftAppPassword: botConfig.password } : {}),
    ...(botConfig.tenantId ? { MicrosoftAppTenantId: botConfig.tenantId } : {}),
  };
  const credentials =
    botConfig.oauthEndpoint && botConfig.password
      ? tokenEndpointCredentials({ appId: botConfig.appId, password: botConfig.password, endpoint: botConfig.oauthEndpoint, now: () => clock.now() })
      : undefined;
  const adapter = new TeamsAdapter(auth, credentials);

  const userOf = (context: TurnContext): CurrentUser => {
    const user = context.turnState.get(USER_KEY) as CurrentUser | undefined;
    if (!user) throw new Error('bot turn without a resolved Tandem user');
    return user;
  };

  const planner =
    deps.config.languageModel &&
    createPlanner(deps.config.languageModel, async (context) => groundingText(await buildGrounding(domain, userOf(context))), {
      ...(deps.languageModelFetch ? { fetch: deps.languageModelFetch } : {}),
    });

  const application = new Application<TurnState>({
    adapter,
    botAppId: botConfig.appId,
    // Only conversation references outlive a turn, and they live in the database.
    storage: new MemoryStorage(),
    removeRecipientMention: true,
    startTypingTimer: true,
    ...(planner ? { ai: { planner } } : {}),
  });

  const remember = (userId: string, activity: Partial<Activity>) => rememberConversation(service, userId, TurnContext.getConversationReference(activity));

  // Every message and card press: personal chat only, a known person only; messages also keep
  // the conversation reference fresh (Teams may move a chat to another service URL).
  application.turn('beforeTurn', async (context) => {
    const activity = context.activity;
    const isMessage = activity.type === ActivityTypes.Message;
    const isCardAction = activity.type === ActivityTypes.Invoke && activity.name === CARD_ACTION_INVOKE;
    if (!isMessage && !isCardAction) return true;
    if (!isPersonalConversation(activity)) {
      await answer(context, BOT_TEXTS.personalOnly);
      return false;
    }
    const user = await findBotUser(service, activity);
    if (!user) {
      await answer(context, BOT_TEXTS.unknownUser);
      return false;
    }
    if (isMessage) await remember(user.id, activity);
    context.turnState.set(USER_KEY, user);
    return true;
  });

  application.activity(ActivityTypes.InstallationUpdate, async (context) => {
    const activity = context.activity;
    if (!isPersonalConversation(activity)) return;
    const user = await findBotUser(service, activity);
    if (!user) return;
    const action = activity.action ?? '';
    if (action.startsWith('remove')) await forgetConversation(service, user.id);
    else if (action.startsWith('add')) await remember(user.id, activity);
  });

  // Teams sends this with installationUpdate on a personal install; it is the one that greets.
  application.conversationUpdate('membersAdded', async (context) => {
    const activity = context.activity;
    const botAdded = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
    if (!botAdded || !isPersonalConversation(activity)) return;
    const user = await findBotUser(service, activity);
    if (!user) {
      await context.sendActivity(BOT_TEXTS.unknownUser);
      return;
    }
    await remember(user.id, activity);
    await context.sendActivity(BOT_TEXTS.welcome);
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(helpCard(BOT_COMMANDS))));
  });

  application.message(
    async (context) => parseCommand(context.activity.text) !== null,
    async (context) => {
      const command = parseCommand(context.activity.text)!;
      try {
        await reply(context, await runCommand(domain, userOf(context), command));
      } catch (error) {
        logger.error({ err: error, command }, 'bot command failed');
        await context.sendActivity(BOT_TEXTS.somethingWentWrong);
      }
    },
  );

  application.activity(ActivityTypes.Message, async (context, state) => {
    const user = userOf(context);
    if (planner && (context.activity.text ?? '').trim() !== '') {
      try {
        await application.ai.run(context, state);
        return;
      } catch (error) {
        // The model is down or refused: the person still gets an answer, from Tandem's own data.
        logger.warn({ err: error }, 'language model answer failed; answering from Tandem data');
      }
    }
    try {
      const lines = suggestionsFrom(await buildGrounding(domain, user), clock.now());
      await context.sendActivity(lines.length > 1 ? [BOT_TEXTS.suggestions.intro, ...lines.map((l) => `- ${l}`)].join('\n') : lines.join('\n'));
    } catch (error) {
      logger.error({ err: error }, 'bot suggestions failed');
      await context.sendActivity(BOT_TEXTS.somethingWentWrong);
    }
  });

  for (const [verb, handler] of Object.entries(CARD_ACTIONS)) {
    application.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
      try {
        return await handler(domain, userOf(context), data);
      } catch (error) {
        logger.error({ err: error, verb }, 'bot card action failed');
        return messageCard(BOT_TEXTS.cannot.title, BOT_TEXTS.somethingWentWrong);
      }
    });
  }

  application.error(async (context, error) => {
    logger.error({ err: error, activityType: context.activity.type }, 'bot turn failed');
    if (context.activity.type === ActivityTypes.Message) await context.sendActivity(BOT_TEXTS.somethingWentWrong);
  });

  const notifier = createBotNotifier({ ...service, adapter, appId: botConfig.appId, logger });

  return {
    async handle(req, res) {
      await adapter.process(req, res as never, async (context) => {
        await application.run(context);
      });
    },
    notifier,
    application,
    adapter,
  };
}

/** Text for a message; for a card press, a card (an invoke must be answered with one). */
async function answer(context: TurnContext, detail: string): Promise<void> {
  if (context.activity.type === ActivityTypes.Invoke) await sendCardInvokeResponse(context, messageCard(BOT_TEXTS.cannot.title, detail));
  else await context.sendActivity(detail);
}

async function reply(context: TurnContext, message: BotReply): Promise<void> {
  if ('card' in message) await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(message.card)));
  else await context.sendActivity(message.text);
}

/** The `adaptiveCard/action` invoke response Teams expects, as the card routes send it. */
async function sendCardInvokeResponse(context: TurnContext, card: AdaptiveCardJson): Promise<void> {
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } },
  });
}

import path from 'node:path';
import { ActionPlanner, OpenAIModel, PromptManager, type TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { ClientOptions } from 'openai';
import type { LanguageModelConfig } from '../config/config';

/** The prompt folder (`prompts/chat`): next to this file, in the source tree and in the build (`npm run build:api` copies it). */
export function promptsFolder(): string {
  return path.join(__dirname, 'prompts');
}

export const CHAT_PROMPT = 'chat';

/**
 * The Teams AI planner for free-text questions: OpenAI or Azure OpenAI, one prompt whose
 * `{{grounding}}` is the person's own Tandem facts (see bot.grounding.ts), rendered per turn.
 * `fetch` replaces the HTTP transport (tests answer with a stand-in; production leaves it unset).
 */
export function createPlanner(
  config: LanguageModelConfig,
  grounding: (context: TurnContext) => Promise<string>,
  options: { fetch?: ClientOptions['fetch'] } = {},
): ActionPlanner<TurnState> {
  const clientOptions: ClientOptions = options.fetch ? { fetch: options.fetch } : {};
  const model =
    config.kind === 'openai'
      ? new OpenAIModel({ apiKey: config.apiKey, defaultModel: config.model, useSystemMessages: true, clientOptions })
      : new OpenAIModel({
          azureApiKey: config.apiKey,
          azureEndpoint: config.endpoint,
          azureDefaultDeployment: config.deployment,
          useSystemMessages: true,
          clientOptions,
        });
  const prompts = new PromptManager({ promptsFolder: promptsFolder() });
  prompts.addFunction('grounding', (context) => grounding(context));
  return new ActionPlanner<TurnState>({ model, prompts, defaultPrompt: CHAT_PROMPT });
}

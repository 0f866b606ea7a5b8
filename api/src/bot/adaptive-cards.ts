/**
 * Adaptive Cards (schema 1.5) as plain typed JSON: the handful of elements Tandem's cards use,
 * so a misspelt property fails the type check instead of rendering blank in Teams.
 */

export type Spacing = 'None' | 'Small' | 'Default' | 'Medium' | 'Large';
export type TextColor = 'Default' | 'Good' | 'Warning' | 'Attention' | 'Accent';

export type TextBlock = {
  type: 'TextBlock';
  text: string;
  wrap: boolean;
  weight?: 'Default' | 'Lighter' | 'Bolder';
  size?: 'Small' | 'Default' | 'Medium' | 'Large';
  isSubtle?: boolean;
  color?: TextColor;
  spacing?: Spacing;
  separator?: boolean;
};

export type FactSet = { type: 'FactSet'; facts: { title: string; value: string }[] };

export type Container = { type: 'Container'; items: CardElement[]; separator?: boolean; spacing?: Spacing };

export type ActionSet = { type: 'ActionSet'; actions: CardAction[] };

export type ChoiceSetInput = {
  type: 'Input.ChoiceSet';
  id: string;
  label: string;
  choices: { title: string; value: string }[];
  style?: 'compact' | 'expanded';
  isRequired?: boolean;
  errorMessage?: string;
  value?: string;
};

export type TextInput = { type: 'Input.Text'; id: string; label: string; isMultiline?: boolean; maxLength?: number; value?: string };

export type CardElement = TextBlock | FactSet | Container | ActionSet | ChoiceSetInput | TextInput;

export type ExecuteAction = {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data: Record<string, string>;
  style?: 'default' | 'positive' | 'destructive';
};

export type OpenUrlAction = { type: 'Action.OpenUrl'; title: string; url: string };

export type CardAction = ExecuteAction | OpenUrlAction;

export type AdaptiveCardJson = {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: '1.5';
  body: CardElement[];
  actions?: CardAction[];
};

export function adaptiveCard(body: CardElement[], actions: CardAction[] = []): AdaptiveCardJson {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

export function text(value: string, options: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {}): TextBlock {
  return { type: 'TextBlock', text: value, wrap: true, ...options };
}

export function heading(value: string): TextBlock {
  return text(value, { weight: 'Bolder', size: 'Medium' });
}

export function facts(entries: [string, string][]): FactSet {
  return { type: 'FactSet', facts: entries.map(([title, value]) => ({ title, value })) };
}

export function container(items: CardElement[], options: { separator?: boolean; spacing?: Spacing } = {}): Container {
  return { type: 'Container', items, ...options };
}

export function actionSet(actions: CardAction[]): ActionSet {
  return { type: 'ActionSet', actions };
}

export function execute(title: string, verb: string, data: Record<string, string>, style?: ExecuteAction['style']): ExecuteAction {
  return { type: 'Action.Execute', title, verb, data, ...(style ? { style } : {}) };
}

export function openUrl(title: string, url: string): OpenUrlAction {
  return { type: 'Action.OpenUrl', title, url };
}

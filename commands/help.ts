import { z } from 'zod';
import { type Reply, type ReplyBlock, bold, code, text } from '../src/core/reply.js';
import type { CommandDefinition, CommandOption } from './command.js';
import { paperCommand } from './paper.js';
import { previewCommand } from './preview.js';
import { searchCommand } from './search.js';
import { settingsCommand } from './settings.js';
import { subscribeCommand } from './subscribe.js';
import { subscriptionsCommand } from './subscriptions.js';
import { todayCommand } from './today.js';
import { topCommand } from './top.js';
import { unsubscribeCommand } from './unsubscribe.js';
import { whyCommand } from './why.js';

const schema = z.object({});

/** What help shows of a command. */
interface Listed {
  name: string;
  description: string;
  options: readonly CommandOption[];
  example: string;
}

/** `/papers search <query> [since] [min_upvotes]` */
export function usage(command: Listed): string {
  const args = command.options.map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`));
  return ['/papers', command.name, ...args].join(' ');
}

const HELP: Listed = {
  name: 'help',
  description: 'Every command with an example (this list).',
  options: [],
  example: '/papers help',
};

/** The commands in the order help lists them; `commands/index.ts` keeps the same order. */
export const HELP_ORDER: readonly Listed[] = [
  searchCommand,
  todayCommand,
  topCommand,
  paperCommand,
  subscribeCommand,
  unsubscribeCommand,
  subscriptionsCommand,
  settingsCommand,
  whyCommand,
  previewCommand,
  HELP,
];

function handle(): Reply {
  const blocks: ReplyBlock[] = [
    text(
      bold('Paperboy'),
      ' posts the Hugging Face Daily Papers digest here and answers these commands:',
    ),
    ...HELP_ORDER.map((c) => text(bold(usage(c)), ` — ${c.description} e.g. `, code(c.example))),
    text(
      'Queries and topics: words (all must match), "exact phrase", a OR b, -excluded, prefix*. Only channel managers can change subscriptions and settings.',
    ),
  ];
  return { visibility: 'caller', blocks };
}

export const helpCommand = {
  ...HELP,
  schema,
  mutates: false,
  handle,
} satisfies CommandDefinition<Record<string, never>>;

import { z } from 'zod';
import { type Reply, type ReplyBlock, bold, code, text } from '../src/core/reply.js';
import type { CommandDefinition, CommandOption } from './command.js';

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

/**
 * `/papers help`, listing `commands()` (the registry in `commands/index.ts`, which includes this
 * command). Built by the registry so the list has one source and no import cycle.
 */
export function createHelpCommand(commands: () => readonly Listed[]) {
  const handle = (): Reply => {
    const blocks: ReplyBlock[] = [
      text(
        bold('Paperboy'),
        ' posts the Hugging Face Daily Papers digest here and answers these commands:',
      ),
      ...commands().map((c) => text(bold(usage(c)), ` — ${c.description} e.g. `, code(c.example))),
      text(
        'Queries and topics: words (all must match), "exact phrase", a OR b, -excluded, prefix*. Only channel managers can change subscriptions and settings.',
      ),
    ];
    return { visibility: 'caller', blocks };
  };
  return {
    name: 'help',
    description: 'Every command with an example (this list).',
    options: [],
    example: '/papers help',
    schema,
    mutates: false,
    handle,
  } satisfies CommandDefinition<Record<string, never>>;
}

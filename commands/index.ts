import type { CommandDefinition } from './command.js';
import { createHelpCommand } from './help.js';
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

/**
 * A registered command. `mutatesWith` narrows `mutates` to some inputs: `/papers settings` with
 * no option only shows the settings, which anyone may do.
 */
export type AnyCommand = CommandDefinition<unknown>;

const helpCommand = createHelpCommand(() => COMMANDS);

/** Every `/papers` subcommand, in the order help lists them. */
export const COMMANDS: readonly AnyCommand[] = [
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
  helpCommand,
];

const BY_NAME = new Map(COMMANDS.map((c) => [c.name, c]));

/** The command called `name` (case-insensitive), or undefined. */
export function findCommand(name: string): AnyCommand | undefined {
  return BY_NAME.get(name.trim().toLowerCase());
}

export {
  helpCommand,
  paperCommand,
  previewCommand,
  searchCommand,
  settingsCommand,
  subscribeCommand,
  subscriptionsCommand,
  todayCommand,
  topCommand,
  unsubscribeCommand,
  whyCommand,
};

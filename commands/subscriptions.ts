import { z } from 'zod';
import { isSubscribed } from '../src/core/channels/channel.js';
import { formatLocalOccurrence } from '../src/core/schedule/digest-schedule.js';
import { type Reply, type Span, bold, callerReply } from '../src/core/reply.js';
import type { CommandContext, CommandDefinition, CommandDeps } from './command.js';
import {
  SUBSCRIBE_HINT,
  followsText,
  lastDeliveryText,
  nextDigestLine,
  sentence,
  settingsInWords,
} from './lib/channel-text.js';

const schema = z.object({});

/** What this channel follows, its settings, the next and the last digest, and any pause. */
function handle(_input: unknown, ctx: CommandContext, deps: CommandDeps): Reply {
  const now = deps.clock.now();
  const channel = deps.channels.get(ctx.channel);
  if (!channel || !isSubscribed(channel)) {
    const lines: Span[][] = [['This channel is not subscribed to any digest.'], [SUBSCRIBE_HINT]];
    if (channel) lines.push([`Its settings are kept: ${settingsInWords(channel.settings)}.`]);
    return callerReply(...lines);
  }
  const lines: Span[][] = [
    [bold('Follows: '), `${followsText(channel)}.`],
    [bold('Settings: '), `${settingsInWords(channel.settings)}.`],
  ];
  if (channel.paused) {
    const at = new Date(channel.paused.at);
    const since = Number.isNaN(at.getTime())
      ? ''
      : ` since ${formatLocalOccurrence(at, channel.settings.timezone, now)}`;
    lines.push([
      bold('Paused'),
      `${since}: ${sentence(channel.paused.reason)} Fix that (e.g. let Paperboy post in this channel), then /papers subscribe to resume.`,
    ]);
  } else {
    lines.push([nextDigestLine(channel.settings, deps)]);
  }
  const last = deps.deliveries.recentForChannel(channel.pk, 1)[0];
  lines.push([
    last
      ? lastDeliveryText(last, channel.settings.timezone, now)
      : 'No digest has been posted here yet.',
  ]);
  return callerReply(...lines);
}

export const subscriptionsCommand = {
  name: 'subscriptions',
  description: 'What this channel follows, its settings, and its next and last digest.',
  options: [],
  schema,
  mutates: false,
  example: '/papers subscriptions',
  handle,
} satisfies CommandDefinition<Record<string, never>>;

import { z } from 'zod';
import { type Channel, isSubscribed } from '../src/core/channels/channel.js';
import { formatDay } from '../src/core/day.js';
import { coveredDay, nextOccurrence } from '../src/core/schedule/digest-schedule.js';
import { type Reply, type Span, text } from '../src/core/reply.js';
import type { CommandContext, CommandDefinition, CommandDeps } from './command.js';
import { SUBSCRIBE_HINT, hasPapersIn, nextDigestLine, sentence } from './lib/channel-text.js';
import { dayHasEnded, digestOf, fullDigestChannel, latestCompleteDay } from './lib/papers.js';

const schema = z.object({});

/**
 * The digest this channel's next run would post if it were built now, for the caller only, built
 * by the same function the scheduler uses (buildChannelDigest). The next run's day is used when it
 * has ended; otherwise the latest complete day, and the reply says which.
 */
function handle(_input: unknown, ctx: CommandContext, deps: CommandDeps): Reply {
  const now = deps.clock.now();
  const stored = deps.channels.get(ctx.channel);
  const subscribed = stored !== null && isSubscribed(stored);
  // Not subscribed: the full digest, still leaving out what was posted here before (re-subscribing
  // never re-posts).
  const channel: Channel = subscribed
    ? stored
    : stored
      ? { ...stored, everything: true, topics: [], paused: null }
      : fullDigestChannel(ctx.channel);
  const notes: Span[][] = [];
  if (!subscribed) {
    notes.push([`This channel is not subscribed, so this is the full digest. ${SUBSCRIBE_HINT}`]);
  } else if (channel.paused) {
    notes.push([
      `Delivery here is paused: ${sentence(channel.paused.reason)} /papers subscribe resumes it.`,
    ]);
  }

  const nextDay = coveredDay(nextOccurrence(channel.settings, now), hasPapersIn(deps.papers));
  const day = dayHasEnded(nextDay, now) ? nextDay : latestCompleteDay(deps);
  const digest = digestOf(deps, channel, day);
  const next = nextDigestLine(channel.settings, deps);
  notes.push([
    day === nextDay
      ? `Preview of the next digest if it were built now. ${next}`
      : `Preview built from ${formatDay(day)}, the latest complete day. ${next}`,
  ]);
  if (digest.empty && channel.settings.emptyDays === 'silent') {
    notes.push([
      'Nothing would be posted: empty days are silent here (/papers settings empty_days:announce changes that).',
    ]);
  }
  return {
    visibility: 'caller',
    blocks: [...notes.map((spans) => text(...spans)), { kind: 'digest', digest: digest.view }],
  };
}

export const previewCommand = {
  name: 'preview',
  description: 'See the digest this channel would get if it were posted now (only you see it).',
  options: [],
  schema,
  mutates: false,
  example: '/papers preview',
  handle,
} satisfies CommandDefinition<Record<string, never>>;

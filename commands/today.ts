import { z } from 'zod';
import { formatDay } from '../src/core/day.js';
import { type Reply, callerReply, text } from '../src/core/reply.js';
import type { CommandContext, CommandDefinition, CommandDeps } from './command.js';
import { digestOf, emptyDayText, fullDigestChannel, latestCompleteDay } from './lib/papers.js';

const schema = z.object({});

/**
 * The top papers of the latest complete day (UTC), as the full digest shows them. Only the
 * caller sees it: a channel that wants papers posted subscribes; a single paper can be shared
 * with /papers paper.
 */
function handle(_input: unknown, ctx: CommandContext, deps: CommandDeps): Reply {
  const day = latestCompleteDay(deps);
  const channel = fullDigestChannel(ctx.channel);
  if (deps.papers.countListed(day) > 0) {
    return {
      visibility: 'caller',
      blocks: [{ kind: 'digest', digest: digestOf(deps, channel, day).view }],
    };
  }
  const reason = emptyDayText(deps.papers, day);
  const fallback = deps.papers.latestListedDay(day);
  if (!fallback) return callerReply([reason]);
  return {
    visibility: 'caller',
    blocks: [
      text(reason, ` Here is ${formatDay(fallback)}, the latest day with papers.`),
      { kind: 'digest', digest: digestOf(deps, channel, fallback).view },
    ],
  };
}

export const todayCommand = {
  name: 'today',
  description: 'The top papers of the latest complete Daily Papers day (only you see them).',
  options: [],
  schema,
  mutates: false,
  example: '/papers today',
  handle,
} satisfies CommandDefinition<Record<string, never>>;

import { z } from 'zod';
import { type Channel, isSubscribed } from '../src/core/channels/channel.js';
import { type Reply, type Span, callerReply } from '../src/core/reply.js';
import type { CommandContext, CommandDefinition, CommandDeps } from './command.js';
import {
  NO_MORE_DIGESTS,
  TOPIC_MAX,
  followsText,
  nextDigestLine,
  quoteTopic,
  topicKey,
} from './lib/channel-text.js';
import { requiredText } from './lib/options.js';

/** Discord limits autocomplete choice names and values to 100 characters. */
const CHOICE_MAX = 100;

const schema = z.object({
  topic: requiredText({
    label: 'the topic',
    max: TOPIC_MAX,
    example: '"speculative decoding", all or everything',
  }),
});
type UnsubscribeInput = z.infer<typeof schema>;

/**
 * The topic `text` names: the same topic (case and spacing aside), or the one topic that starts
 * with a 100-character autocomplete value cut from a longer topic.
 */
function findTopic(channel: Channel, text: string): string | undefined {
  const key = topicKey(text);
  const exact = channel.topics.find((t) => topicKey(t.query) === key);
  if (exact) return exact.query;
  if (text.length < CHOICE_MAX) return undefined;
  const byPrefix = channel.topics.filter((t) => topicKey(t.query).startsWith(key));
  return byPrefix.length === 1 ? byPrefix[0]?.query : undefined;
}

function choicesText(channel: Channel): string {
  const options = [...channel.topics.map((t) => quoteTopic(t.query))];
  if (channel.everything) options.push('everything (the full digest)');
  options.push('all');
  return `Use one of: ${options.join(', ')}.`;
}

function handle(input: UnsubscribeInput, ctx: CommandContext, deps: CommandDeps): Reply {
  const channel = deps.channels.get(ctx.channel);
  if (!channel || !isSubscribed(channel)) {
    return callerReply(['This channel is not subscribed to anything. /papers subscribe to start.']);
  }
  const word = input.topic.toLowerCase();
  let what: { topic: string } | { everything: true } | { all: true };
  let done: string;
  if (word === 'all') {
    what = { all: true };
    done = 'Unsubscribed from everything: no topics and no full digest.';
  } else if (word === 'everything') {
    if (!channel.everything) {
      return callerReply([
        `This channel does not get the full digest; it follows ${followsText(channel)}.`,
        ` ${choicesText(channel)}`,
      ]);
    }
    what = { everything: true };
    done = 'Stopped the full digest.';
  } else {
    const topic = findTopic(channel, input.topic);
    if (!topic) {
      return callerReply([
        `This channel does not follow ${quoteTopic(input.topic.length > 60 ? `${input.topic.slice(0, 59)}…` : input.topic)}.`,
        ` ${choicesText(channel)}`,
      ]);
    }
    what = { topic };
    done = `Unsubscribed from ${quoteTopic(topic)}.`;
  }

  const after = deps.channels.unsubscribe(ctx.channel, what, deps.clock.now()).channel;
  const lines: Span[][] = [[done]];
  if (isSubscribed(after)) {
    lines.push([`Still follows: ${followsText(after)}.`]);
    lines.push([nextDigestLine(after.settings, deps)]);
  } else {
    lines.push([NO_MORE_DIGESTS]);
  }
  return callerReply(...lines);
}

function suggest(
  option: string,
  partial: string,
  ctx: CommandContext,
  deps: CommandDeps,
): Array<{ name: string; value: string }> {
  if (option !== 'topic') return [];
  const channel = deps.channels.get(ctx.channel);
  if (!channel) return [];
  const needle = partial.trim().toLowerCase();
  const clipChoice = (s: string): string => (s.length > CHOICE_MAX ? s.slice(0, CHOICE_MAX) : s);
  const choices = channel.topics.map((t) => ({
    name: clipChoice(t.query),
    value: clipChoice(t.query),
  }));
  if (channel.everything)
    choices.push({ name: 'everything (the full digest)', value: 'everything' });
  if (isSubscribed(channel)) choices.push({ name: 'all (no more digests here)', value: 'all' });
  return choices
    .filter((c) => c.name.toLowerCase().includes(needle) || c.value.includes(needle))
    .slice(0, 25);
}

export const unsubscribeCommand = {
  name: 'unsubscribe',
  description: 'Stop a topic, the full digest (everything), or all digests in this channel.',
  options: [
    {
      name: 'topic',
      description: 'A topic this channel follows, everything (the full digest), or all',
      type: 'string',
      required: true,
      autocomplete: true,
      maxLength: TOPIC_MAX,
    },
  ],
  schema,
  mutates: true,
  example: '/papers unsubscribe "speculative decoding"',
  handle,
  suggest,
} satisfies CommandDefinition<UnsubscribeInput>;

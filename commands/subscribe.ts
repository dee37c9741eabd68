import { z } from 'zod';
import { isSubscribed } from '../src/core/channels/channel.js';
import { parseQuery } from '../src/core/query/parse-query.js';
import { type Reply, type Span, callerReply } from '../src/core/reply.js';
import type { CommandContext, CommandDefinition, CommandDeps } from './command.js';
import {
  MAX_TOPICS,
  TOPIC_MAX,
  followsText,
  nextDigestLine,
  quoteTopic,
  sentence,
  settingsInWords,
  topicKey,
} from './lib/channel-text.js';
import { optionalText } from './lib/options.js';

const schema = z.object({
  topic: optionalText({
    label: 'the topic',
    max: TOPIC_MAX,
    example: '"speculative decoding"',
    emptyMessage:
      'The topic is empty. Give words to follow, e.g. "speculative decoding", or leave the topic out to get every paper of the day.',
  }),
});
type SubscribeInput = z.infer<typeof schema>;

function handle(input: SubscribeInput, ctx: CommandContext, deps: CommandDeps): Reply {
  const now = deps.clock.now();
  const before = deps.channels.get(ctx.channel);
  const topic = input.topic?.replace(/\s+/g, ' ') ?? null;
  if (topic !== null) {
    const parsed = parseQuery(topic);
    if (!parsed.ok) return callerReply([parsed.error]);
    const known = before?.topics.some((t) => topicKey(t.query) === topicKey(topic)) ?? false;
    if (!known && (before?.topics.length ?? 0) >= MAX_TOPICS) {
      return callerReply([
        `This channel already follows ${MAX_TOPICS} topics, the most it can. Remove one with /papers unsubscribe <topic>, or merge some with OR (diffusion OR flow).`,
      ]);
    }
  }

  const { channel, added } = deps.channels.subscribe(ctx.channel, topic, now);
  const lines: Span[][] = [];
  if (before?.paused) {
    lines.push([
      `Resumed: delivery had been paused because: ${sentence(before.paused.reason)} If Paperboy still cannot post here, it pauses again.`,
    ]);
  }
  if (topic === null) {
    lines.push([
      added
        ? `This channel now gets the full digest: the top ${channel.settings.top} papers of each day.`
        : 'This channel already gets the full digest.',
    ]);
    if (channel.topics.length > 0) lines.push(['Its topics now only label the papers they match.']);
  } else {
    const stored =
      channel.topics.find((t) => topicKey(t.query) === topicKey(topic))?.query ?? topic;
    lines.push([
      added
        ? `Subscribed to ${quoteTopic(stored)}.`
        : `This channel already follows ${quoteTopic(stored)}.`,
    ]);
    if (channel.everything) {
      lines.push([
        'It also gets the full digest, so topics only label papers. /papers unsubscribe everything to get only matching papers.',
      ]);
    }
  }
  lines.push([`Follows: ${followsText(channel)}.`]);
  lines.push([
    `Settings: ${settingsInWords(channel.settings)}. Change them with /papers settings.`,
  ]);
  lines.push([nextDigestLine(channel.settings, deps)]);
  if (!before || !isSubscribed(before)) {
    lines.push(['Try /papers preview to see what it would post now.']);
  }
  return callerReply(...lines);
}

export const subscribeCommand = {
  name: 'subscribe',
  description: "Get the daily digest in this channel: every paper, or only a topic's papers.",
  options: [
    {
      name: 'topic',
      description: 'Only papers matching this, e.g. "speculative decoding" or diffusion -survey',
      type: 'string',
      maxLength: TOPIC_MAX,
    },
  ],
  schema,
  mutates: true,
  example: '/papers subscribe "speculative decoding" OR distill*',
  handle,
} satisfies CommandDefinition<SubscribeInput>;

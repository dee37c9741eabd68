import { z } from 'zod';
import { type Channel, isSubscribed } from '../src/core/channels/channel.js';
import type { Delivery } from '../src/core/channels/channel-ports.js';
import { type Day, dayOf, formatDay } from '../src/core/day.js';
import { clip } from '../src/core/digest/paper-card.js';
import {
  type Decision,
  createTopicCompiler,
  explainPaper,
} from '../src/core/digest/select-papers.js';
import { type Paper, paperLinks } from '../src/core/paper.js';
import { type Reply, type Span, bold, callerReply, link } from '../src/core/reply.js';
import {
  coveredDay,
  formatLocalOccurrence,
  latestOccurrence,
  nextOccurrence,
} from '../src/core/schedule/digest-schedule.js';
import type { CommandContext, CommandDefinition, CommandDeps } from './command.js';
import { NOT_AN_ARXIV_ID, parseArxivInput } from './lib/arxiv-input.js';
import { hasPapersIn, quoteTopic, sentence } from './lib/channel-text.js';
import { requiredText } from './lib/options.js';
import { candidatesOf, unknownPaperText } from './lib/papers.js';

/** A paper listed on more days than this is explained for its most recent ones only. */
const MAX_DAYS = 3;

const schema = z.object({
  id: requiredText({ label: 'the arXiv id or link', max: 300, example: '2512.01234' }),
});
type WhyInput = z.infer<typeof schema>;

const dayPage = (day: Day): string => `https://huggingface.co/papers/date/${day}`;

/** Why there is no delivery row for (channel, day). */
function noDelivery(channel: Channel, day: Day, deps: CommandDeps): string {
  const now = deps.clock.now();
  const tz = channel.settings.timezone;
  if (!isSubscribed(channel)) return 'No digest covered it here: this channel is not subscribed.';
  if (channel.paused) {
    return `No digest covered it here: delivery is paused. ${sentence(channel.paused.reason)}`;
  }
  const hasPapers = hasPapersIn(deps.papers);
  const next = nextOccurrence(channel.settings, now);
  if (coveredDay(next, hasPapers) === day) {
    return `Not decided yet: the digest covering that day is scheduled for ${formatLocalOccurrence(next, tz, now)}.`;
  }
  const latest = latestOccurrence(channel.settings, now);
  const subscribedAt = channel.subscribedAt ? new Date(channel.subscribedAt) : null;
  if (latest && coveredDay(latest, hasPapers) === day) {
    if (!subscribedAt || latest >= subscribedAt) {
      return 'Not decided yet: the digest covering that day is due now and being prepared.';
    }
    return `No digest covered it here: the digest covering that day was due ${formatLocalOccurrence(latest, tz, now)}, before this channel subscribed.`;
  }
  if (subscribedAt && dayOf(subscribedAt) > day) {
    return `No digest covered it here: this channel subscribed on ${formatDay(dayOf(subscribedAt))}, after that day.`;
  }
  return "No digest covered that day here: it was not one of the channel's digest days then, or Paperboy was not running.";
}

function decisionText(decision: Decision | null, delivery: Delivery, topics: string[]): string {
  if (!decision) return 'It was not among the papers Paperboy had stored for that day.';
  switch (decision.kind) {
    case 'no_topic_match':
      return `It matched none of the channel's topics then (${topics.map(quoteTopic).join(', ')}).`;
    case 'below_min_upvotes':
      return `It has ${decision.upvotes} upvotes now; the channel's minimum then was ${decision.minUpvotes}.`;
    case 'beyond_top':
      return `By current upvotes it ranks #${decision.rank} among the matching papers; the digest showed the top ${decision.top}.`;
    case 'already_posted':
      return 'It had already been posted here in an earlier digest.';
    case 'included':
      return delivery.status === 'planned'
        ? 'It is in the digest being posted right now.'
        : `By today's upvotes it would be included (#${decision.rank}), so it must have had fewer upvotes when the digest was built.`;
  }
}

/** Recomputes the decision with what the digest was built from (settings and topics then). */
function explainWithSnapshot(
  channel: Channel,
  delivery: Delivery,
  paper: Paper,
  deps: CommandDeps,
): string {
  const snapshot = delivery.snapshot;
  if (!snapshot)
    return 'Paperboy kept no record of the settings used for that digest, so it cannot say why.';
  const candidates = candidatesOf(deps.papers, delivery.day);
  const alreadyPosted = new Set(
    candidates
      .map((c) => c.paper.id)
      .filter((id) => {
        const posted = deps.deliveries.postedPaper(channel.pk, id);
        return posted !== null && posted.deliveryId !== delivery.id && posted.day < delivery.day;
      }),
  );
  const decision = explainPaper(candidates, paper.id, {
    everything: snapshot.everything,
    topics: createTopicCompiler()(snapshot.topics),
    minUpvotes: snapshot.settings.minUpvotes,
    top: snapshot.settings.top,
    alreadyPosted,
  });
  return decisionText(decision, delivery, snapshot.topics);
}

function explainDay(channel: Channel, day: Day, paper: Paper, deps: CommandDeps): string {
  const delivery = deps.deliveries.forChannelDay(channel.pk, day);
  if (!delivery) return noDelivery(channel, day, deps);
  const reason = sentence(delivery.reason ?? 'No reason was recorded');
  switch (delivery.status) {
    case 'pending':
      return delivery.attempts > 0
        ? `Not decided yet: the digest covering that day is being retried. Last error: ${reason}`
        : 'Not decided yet: the digest covering that day is being prepared.';
    case 'failed':
      return `The digest covering that day failed. ${reason}`;
    case 'skipped':
      return `The digest covering that day was skipped. ${reason}`;
    case 'planned':
    case 'sent':
    case 'empty':
      return explainWithSnapshot(channel, delivery, paper, deps);
  }
}

function handle(input: WhyInput, ctx: CommandContext, deps: CommandDeps): Reply {
  const id = parseArxivInput(input.id);
  if (!id) return callerReply([NOT_AN_ARXIV_ID]);
  const paper = deps.papers.getPaper(id);
  if (!paper) return callerReply([unknownPaperText(id)]);
  const title: Span[] = [link(clip(paper.title, 120), paperLinks(id).hf), ` (${id})`];
  if (paper.listedOn.length === 0) {
    return callerReply([
      ...title,
      ' was never listed on Hugging Face Daily Papers, so no digest could include it.',
    ]);
  }
  const channel = deps.channels.get(ctx.channel);
  if (!channel) {
    return callerReply(
      [...title, ` was listed on ${paper.listedOn.map((d) => formatDay(d)).join(', ')}.`],
      [
        'This channel has never subscribed, so Paperboy posts nothing here. /papers subscribe to start.',
      ],
    );
  }
  const now = deps.clock.now();
  const posted = deps.deliveries.postedPaper(channel.pk, id);
  if (posted) {
    return callerReply([
      ...title,
      " was in this channel's digest of ",
      link(formatDay(posted.day), dayPage(posted.day)),
      `, posted ${formatLocalOccurrence(new Date(posted.postedAt), channel.settings.timezone, now)}.`,
    ]);
  }
  const days = [...paper.listedOn].reverse().slice(0, MAX_DAYS);
  const lines: Span[][] = [[...title, ' was not posted here.']];
  for (const day of days) {
    lines.push([bold(`Listed ${formatDay(day)}: `), explainDay(channel, day, paper, deps)]);
  }
  lines.push([
    `Upvotes are counted as of now (▲ ${paper.upvotes}); they may have changed since a digest was built.`,
  ]);
  return callerReply(...lines);
}

export const whyCommand = {
  name: 'why',
  description: 'Explain why a paper was or was not posted in this channel.',
  options: [
    {
      name: 'id',
      description: 'arXiv id or link, e.g. 2512.01234',
      type: 'string',
      required: true,
      maxLength: 300,
    },
  ],
  schema,
  mutates: false,
  example: '/papers why 2512.01234',
  handle,
} satisfies CommandDefinition<WhyInput>;

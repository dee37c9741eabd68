import type { Channel, ChannelSettings } from '../../src/core/channels/channel.js';
import type { Delivery } from '../../src/core/channels/channel-ports.js';
import { type Day, formatDay } from '../../src/core/day.js';
import type { PaperStore } from '../../src/core/ports.js';
import {
  describeNextDigest,
  formatLocalOccurrence,
} from '../../src/core/schedule/digest-schedule.js';
import { formatDays } from '../../src/core/schedule/parse-settings.js';
import type { CommandDeps } from '../command.js';

/** Sentences shared by the commands that show or change a channel. */

export const SUBSCRIBE_HINT =
  'Subscribe with /papers subscribe (every paper of the day) or /papers subscribe <topic> (only matching papers).';

export const NO_MORE_DIGESTS =
  'This channel gets no more digests. /papers subscribe to start again.';

/** Whether Hugging Face listed papers on a day, as far as the store knows. */
export const hasPapersIn =
  (papers: PaperStore) =>
  (day: Day): boolean =>
    papers.countListed(day) > 0;

/** `Mon–Fri at 09:00 Europe/Berlin · top 10 · min 3 upvotes · empty days: silent` */
export function settingsInWords(s: ChannelSettings): string {
  const upvotes =
    s.minUpvotes === 0
      ? 'no minimum upvotes'
      : `min ${s.minUpvotes} upvote${s.minUpvotes === 1 ? '' : 's'}`;
  return `${formatDays(s.days)} at ${s.time} ${s.timezone} · top ${s.top} · ${upvotes} · empty days: ${s.emptyDays}`;
}

/** `Next digest: Mon 8 Dec, 09:00 Europe/Berlin, covering Fri 5 Dec.` in the channel's zone. */
export function nextDigestLine(settings: ChannelSettings, deps: CommandDeps): string {
  return describeNextDigest(settings, deps.clock.now(), hasPapersIn(deps.papers));
}

/** Longest topic (and search query) a channel can follow. */
export const TOPIC_MAX = 200;
/** Most topics one channel can follow; more is better written as one query with OR. */
export const MAX_TOPICS = 10;

/** Topics compare like the store compares them: case-insensitive, whitespace folded. */
export const topicKey = (topic: string): string => topic.trim().replace(/\s+/g, ' ').toLowerCase();

/** A topic in quotes, unless it has its own quotes (`"video diffusion" -survey`). */
export const quoteTopic = (topic: string): string => (topic.includes('"') ? topic : `"${topic}"`);

/** What a channel follows, in words. */
export function followsText(channel: Pick<Channel, 'everything' | 'topics'>): string {
  const topics = channel.topics.map((t) => quoteTopic(t.query)).join(', ');
  if (channel.everything && topics)
    return `everything (the full digest); topics ${topics} label matching papers`;
  if (channel.everything) return 'everything (the full digest)';
  if (topics) return `papers matching ${topics}`;
  return 'nothing';
}

/** Ends text with a full stop unless it already ends a sentence. */
export const sentence = (text: string): string =>
  /[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;

function paperCount(delivery: Delivery): number {
  return delivery.parts.reduce((n, part) => n + part.view.entries.length, 0);
}

/** `Last digest: Fri 5 Dec 2025, sent Mon 8 Dec, 09:00 Europe/Berlin with 7 papers.` */
export function lastDeliveryText(delivery: Delivery, timeZone: string, now: Date): string {
  const covering = `Last digest: ${formatDay(delivery.day)}`;
  const at = (iso: string | null): string =>
    iso ? formatLocalOccurrence(new Date(iso), timeZone, now) : 'at an unknown time';
  const reason = sentence(delivery.reason ?? 'No reason was recorded');
  switch (delivery.status) {
    case 'sent': {
      const n = paperCount(delivery);
      const what =
        n === 0 ? 'a line saying there were no papers' : `${n} paper${n === 1 ? '' : 's'}`;
      return `${covering}, sent ${at(delivery.finishedAt)} with ${what}.`;
    }
    case 'empty':
      return `${covering}: nothing posted (empty days are silent). ${reason}`;
    case 'skipped':
      return `${covering}: skipped. ${reason}`;
    case 'failed':
      return `${covering}: failed. ${reason}`;
    case 'pending':
    case 'planned':
      return delivery.attempts > 0
        ? `${covering}: being retried (${delivery.attempts} failed attempt${delivery.attempts === 1 ? '' : 's'}). Last error: ${reason}`
        : `${covering}: being posted now.`;
  }
}

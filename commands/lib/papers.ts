import {
  type Channel,
  type ChannelRef,
  type ChannelSettings,
  DEFAULT_CHANNEL_SETTINGS,
} from '../../src/core/channels/channel.js';
import { type Day, addDays, dayOf, formatDay } from '../../src/core/day.js';
import { explainEmptyDay } from '../../src/core/digest/build-digest.js';
import { type ChannelDigest, buildChannelDigest } from '../../src/core/digest/channel-digest.js';
import { toPaperCard } from '../../src/core/digest/paper-card.js';
import {
  type Candidate,
  createTopicCompiler,
  prepareCandidates,
} from '../../src/core/digest/select-papers.js';
import { ARXIV_ID_RE, type Paper } from '../../src/core/paper.js';
import type { PaperStore } from '../../src/core/ports.js';
import { coveredDay } from '../../src/core/schedule/digest-schedule.js';
import { type Reply, callerReply } from '../../src/core/reply.js';
import type { CommandDeps } from '../command.js';
import { hasPapersIn } from './channel-text.js';

/** The settings of a channel Paperboy has not stored yet. */
export const DEFAULT_SETTINGS: ChannelSettings = {
  ...DEFAULT_CHANNEL_SETTINGS,
  days: [...DEFAULT_CHANNEL_SETTINGS.days],
};

/** Largest number of papers of one day a digest considers (as the delivery engine does). */
const DAY_CAP = 2_000;

/** Every paper listed on `day`, tokenised for topic matching, by upvotes. */
export function candidatesOf(papers: PaperStore, day: Day): Candidate[] {
  return prepareCandidates(
    papers.topPapers({ from: day, to: day, limit: DAY_CAP }).map((t) => t.paper),
  );
}

/**
 * The latest Hugging Face day that has fully ended (UTC), stepping back over weekend days
 * without papers: what a digest posted right now would cover.
 */
export function latestCompleteDay(deps: CommandDeps): Day {
  return coveredDay(deps.clock.now(), hasPapersIn(deps.papers));
}

/** True when the UTC day has ended at `now`. */
export const dayHasEnded = (day: Day, now: Date): boolean => addDays(day, 1) <= dayOf(now);

export const unknownPaperText = (id: string): string =>
  `Paperboy has not seen ${id}: it only knows papers listed on Hugging Face Daily Papers.`;

/** A button id for sharing a paper: `<command>:share:<id>`. */
export const shareActionId = (command: string, id: string): string => `${command}:share:${id}`;

/**
 * What a Share button posts: the paper's card for everyone in the channel. Ids come back from a
 * button, so they are checked again.
 */
export function shareReply(deps: CommandDeps, id: string): Reply {
  if (!ARXIV_ID_RE.test(id)) return callerReply(['That button is broken; run the command again.']);
  const paper = deps.papers.getPaper(id);
  if (!paper) return callerReply([unknownPaperText(id)]);
  return { visibility: 'channel', blocks: [{ kind: 'paper', card: toPaperCard(paper) }] };
}

/** A paper card for the caller, with its abstract and a Share in channel button. */
export function paperCardReply(command: string, paper: Paper): Reply {
  return {
    visibility: 'caller',
    blocks: [
      { kind: 'paper', card: toPaperCard(paper, { withAbstract: true }) },
      {
        kind: 'buttons',
        buttons: [
          {
            actionId: shareActionId(command, paper.id),
            label: 'Share in channel',
            style: 'primary',
          },
        ],
      },
    ],
  };
}

/**
 * A stand-in channel that gets the full digest with default size, for `today` and for previews
 * of channels that are not subscribed. Never stored (pk 0).
 */
export function fullDigestChannel(
  ref: ChannelRef,
  settings: ChannelSettings = DEFAULT_SETTINGS,
): Channel {
  return { pk: 0, ref, settings, everything: true, topics: [], paused: null, subscribedAt: null };
}

/** The digest of one day as a channel would get it now. */
export function digestOf(deps: CommandDeps, channel: Channel, day: Day): ChannelDigest {
  return buildChannelDigest({
    channel,
    day,
    candidates: candidatesOf(deps.papers, day),
    compile: createTopicCompiler(),
    alreadyPosted: channel.pk === 0 ? new Set() : deps.deliveries.postedPaperIds(channel.pk),
    lastRun: deps.papers.lastRunForDay(day),
  });
}

/**
 * Why a day has no papers (explainEmptyDay), plus since when fetching has been failing when it
 * has failed for more than this one day.
 */
export function emptyDayText(papers: PaperStore, day: Day): string {
  const reason = explainEmptyDay({ day, listed: 0, lastRun: papers.lastRunForDay(day) });
  const failing = papers.failedDaysSince(addDays(day, -30)).filter((d) => d <= day);
  const first = failing[0];
  if (failing.length > 1 && failing.at(-1) === day && first) {
    return `${reason} Fetching has been failing since ${formatDay(first)}.`;
  }
  return reason;
}

import type { Channel } from '../channels/channel.js';
import type { DeliverySnapshot } from '../channels/channel-ports.js';
import type { Day } from '../day.js';
import type { IngestRun } from '../ports.js';
import { buildDigestView, explainEmptyDay } from './build-digest.js';
import type { DigestView } from './digest-view.js';
import { type Candidate, type CompiledTopic, selectPapers } from './select-papers.js';

export interface ChannelDigest {
  /** The digest to post; `emptyReason` is set when nothing was selected. */
  view: DigestView;
  /** True when nothing was selected (the view then only carries the reason). */
  empty: boolean;
  snapshot: DeliverySnapshot;
}

/**
 * One channel's digest of one day, exactly as the scheduler would build it: used for delivery
 * and for `/papers preview`, so the preview can never disagree with what gets posted.
 */
export function buildChannelDigest(input: {
  channel: Channel;
  day: Day;
  candidates: Candidate[];
  compile: (queries: string[]) => CompiledTopic[];
  alreadyPosted: ReadonlySet<string>;
  lastRun: IngestRun | null;
}): ChannelDigest {
  const { channel, day } = input;
  const topics = channel.topics.map((t) => t.query);
  const selection = selectPapers(input.candidates, {
    everything: channel.everything,
    topics: input.compile(topics),
    minUpvotes: channel.settings.minUpvotes,
    top: channel.settings.top,
    alreadyPosted: input.alreadyPosted,
  });
  const snapshot: DeliverySnapshot = {
    settings: channel.settings,
    everything: channel.everything,
    topics,
    listed: selection.listed,
    eligible: selection.eligible,
  };
  const empty = selection.included.length === 0;
  const emptyReason = empty
    ? explainEmptyDay({
        day,
        listed: selection.listed,
        lastRun: input.lastRun,
        eligible: selection.eligible,
        everything: channel.everything,
        topics,
        minUpvotes: channel.settings.minUpvotes,
      })
    : undefined;
  const view = buildDigestView({
    day,
    selection,
    everything: channel.everything,
    topics,
    ...(emptyReason ? { emptyReason } : {}),
  });
  return { view, empty, snapshot };
}

import { type Day, formatDay, isWeekend } from '../day.js';
import type { IngestRun } from '../ports.js';
import type { DigestView } from './digest-view.js';
import { toPaperCard } from './paper-card.js';
import type { Selection } from './select-papers.js';

export const DIGEST_FOOTER =
  'Paperboy · /papers settings changes time and size · /papers why <id> explains a pick';

/** Builds the neutral digest of one day for one channel. */
export function buildDigestView(input: {
  day: Day;
  selection: Selection;
  everything: boolean;
  topics: string[];
  emptyReason?: string;
}): DigestView {
  const { day, selection, everything, topics } = input;
  const n = selection.included.length;
  const matching = everything ? '' : ' matching your topics';
  return {
    day,
    title: `Hugging Face Daily Papers · ${formatDay(day)}`,
    subtitle:
      n === 0
        ? `No papers${matching} (${selection.listed} listed)`
        : `${n} of ${selection.listed} paper${selection.listed === 1 ? '' : 's'}${matching}`,
    topics: everything ? ['everything', ...topics] : topics,
    // Entries of the full digest that match no topic carry no label: "everything" on every
    // entry would be noise.
    entries: selection.included.map(({ paper, matchedTopics }) => toPaperCard(paper, { matchedTopics })),
    ...(input.emptyReason ? { emptyReason: input.emptyReason } : {}),
    footer: DIGEST_FOOTER,
  };
}

/**
 * Why a day has nothing to show, in one sentence: not fetched yet, the source failing, a weekend,
 * nothing listed yet, or nothing matching this channel's filters.
 */
export function explainEmptyDay(input: {
  day: Day;
  listed: number;
  lastRun: IngestRun | null;
  eligible?: number;
  everything?: boolean;
  topics?: string[];
  minUpvotes?: number;
}): string {
  const label = formatDay(input.day);
  if (input.listed === 0) {
    if (input.lastRun?.status === 'failed') {
      return `Fetching ${label} from Hugging Face has failed (${input.lastRun.reason ?? 'unknown error'}); Paperboy keeps retrying.`;
    }
    if (!input.lastRun) return `Papers for ${label} have not been fetched yet.`;
    if (isWeekend(input.day)) return `Hugging Face lists no papers on weekends (${label}).`;
    return `Hugging Face has not listed any papers for ${label} yet.`;
  }
  const filters: string[] = [];
  if (!input.everything && input.topics && input.topics.length > 0) {
    filters.push(`your topics (${input.topics.join(', ')})`);
  }
  if (input.minUpvotes && input.minUpvotes > 0)
    filters.push(`at least ${input.minUpvotes} upvotes`);
  if ((input.eligible ?? 0) > 0) {
    return `All ${input.eligible} matching papers of ${label} were already posted here.`;
  }
  return `None of the ${input.listed} papers of ${label} matched ${filters.join(' and ') || 'your filters'}.`;
}

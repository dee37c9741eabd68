import { z } from 'zod';
import { type Day, dayOf, formatDay } from '../src/core/day.js';
import { clip, toPaperCard } from '../src/core/digest/paper-card.js';
import type { SearchFilters, SearchHit } from '../src/core/ports.js';
import { parseQuery } from '../src/core/query/parse-query.js';
import {
  type Button,
  type Reply,
  type ReplyBlock,
  bold,
  callerReply,
  link,
  text,
} from '../src/core/reply.js';
import type { CommandDefinition, CommandDeps } from './command.js';
import { quoteTopic } from './lib/channel-text.js';
import { optionalDay, optionalWholeNumber, requiredText } from './lib/options.js';
import { shareActionId, shareReply } from './lib/papers.js';

/** Results per page: five fit one row of Share buttons (Discord allows five per row). */
export const SEARCH_PAGE_SIZE = 5;
/** Paging stops here; nobody reads page 41 of a chat search. */
const MAX_PAGE = 40;
export const QUERY_MAX = 200;

export const SEARCH_EXPIRED = 'These results expired; run the search again.';

const schema = z.object({
  query: requiredText({ label: 'the query', max: QUERY_MAX, example: '"speculative decoding"' }),
  since: optionalDay('since'),
  min_upvotes: optionalWholeNumber('min_upvotes', 0, 1_000_000, 10),
});

type SearchInput = z.infer<typeof schema>;

/** What a page button needs to run the search again, kept behind a short token. */
const stateSchema = z.object({
  query: z.string().max(QUERY_MAX),
  since: z.string().optional(),
  minUpvotes: z.number().int().min(0).optional(),
});
type SearchState = z.infer<typeof stateSchema>;

function filtersText(state: SearchState): string {
  const parts: string[] = [];
  if (state.since) parts.push(`since ${formatDay(state.since)}`);
  if (state.minUpvotes) parts.push(`at least ${state.minUpvotes} upvotes`);
  return parts.length > 0 ? ` · ${parts.join(' · ')}` : '';
}

function hitBlocks(hit: SearchHit, rank: number): ReplyBlock[] {
  const card = toPaperCard(hit.paper);
  return [
    text(`${rank}. `, link(card.title, card.url), ` · ▲ ${card.upvotes} · ${formatDay(hit.day)}`),
    text(clip(card.summary, 200)),
  ];
}

function noResults(state: SearchState, deps: CommandDeps): Reply {
  if (!deps.papers.lastRun()) {
    return callerReply(['Paperboy has not fetched any papers yet, so there is nothing to search.']);
  }
  const earlier = state.since ? ', an earlier since date' : '';
  const fewer = state.minUpvotes ? ', a lower min_upvotes' : '';
  return callerReply(
    [bold(`No papers match ${quoteTopic(state.query)}`), filtersText(state), '.'],
    [
      `Try fewer or broader words, a prefix such as distill*, alternatives with OR (diffusion OR flow)${earlier}${fewer}.`,
    ],
  );
}

/** One page of results (1-based), or null when the page is empty. */
function searchPage(
  state: SearchState,
  page: number,
  deps: CommandDeps,
  token: () => string,
): Reply | null {
  const parsed = parseQuery(state.query);
  if (!parsed.ok) return callerReply([parsed.error]);
  const filters: SearchFilters = {
    limit: SEARCH_PAGE_SIZE + 1,
    offset: (page - 1) * SEARCH_PAGE_SIZE,
    ...(state.since ? { since: state.since } : {}),
    ...(state.minUpvotes ? { minUpvotes: state.minUpvotes } : {}),
  };
  const found = deps.search.search(parsed.query, filters);
  if (found.length === 0) return null;
  const hits = found.slice(0, SEARCH_PAGE_SIZE);
  const from = (page - 1) * SEARCH_PAGE_SIZE + 1;
  const to = from + hits.length - 1;
  const hasNext = found.length > SEARCH_PAGE_SIZE && page < MAX_PAGE;
  const paging: Button[] = [];
  if (page > 1 || hasNext) {
    const t = token();
    if (page > 1) paging.push({ actionId: `search:page:${t}:${page - 1}`, label: 'Previous' });
    if (hasNext) paging.push({ actionId: `search:page:${t}:${page + 1}`, label: 'Next' });
  }
  const blocks: ReplyBlock[] = [
    text(bold(`Results ${from}–${to} for ${quoteTopic(state.query)}`), filtersText(state)),
    ...hits.flatMap((hit, i) => hitBlocks(hit, from + i)),
    {
      kind: 'buttons',
      buttons: hits.map((hit, i) => ({
        actionId: shareActionId('search', hit.paper.id),
        label: `Share #${from + i} in channel`,
      })),
    },
  ];
  if (paging.length > 0) blocks.push({ kind: 'buttons', buttons: paging });
  return { visibility: 'caller', blocks };
}

function handle(input: SearchInput, _ctx: unknown, deps: CommandDeps): Reply {
  const parsed = parseQuery(input.query);
  if (!parsed.ok) return callerReply([parsed.error]);
  const today: Day = dayOf(deps.clock.now());
  if (input.since && input.since > today) {
    return callerReply([
      `since ${input.since} is in the future; use a past day, e.g. ${today.slice(0, 8)}01.`,
    ]);
  }
  const state: SearchState = {
    query: input.query.replace(/\s+/g, ' '),
    ...(input.since ? { since: input.since } : {}),
    ...(input.min_upvotes !== undefined ? { minUpvotes: input.min_upvotes } : {}),
  };
  let token: string | undefined;
  const tokenOnce = (): string => (token ??= deps.state.save(state, deps.clock.now()));
  return searchPage(state, 1, deps, tokenOnce) ?? noResults(state, deps);
}

const PAGE_RE = /^search:page:([\w-]{1,40}):(\d{1,3})$/;
const SHARE_RE = /^search:share:(.{1,40})$/;

function action(actionId: string, _ctx: unknown, deps: CommandDeps): Reply {
  const share = SHARE_RE.exec(actionId);
  if (share?.[1]) return shareReply(deps, share[1]);
  const paging = PAGE_RE.exec(actionId);
  const page = Number(paging?.[2]);
  const token = paging?.[1];
  if (!token || !Number.isInteger(page) || page < 1 || page > MAX_PAGE) {
    return callerReply(['That button no longer works; run the search again.']);
  }
  const state = stateSchema.safeParse(deps.state.load(token));
  if (!state.success) return { ...callerReply([SEARCH_EXPIRED]), replaceOriginal: true };
  const reply =
    searchPage(state.data, page, deps, () => token) ??
    callerReply([`There are no results on page ${page} any more; run the search again.`]);
  return { ...reply, replaceOriginal: true };
}

export const searchCommand = {
  name: 'search',
  description: 'Search every paper Paperboy has seen, best match first (only you see the results).',
  options: [
    {
      name: 'query',
      description: 'Words (all must match), "exact phrase", a OR b, -excluded, prefix*',
      type: 'string',
      required: true,
      maxLength: QUERY_MAX,
    },
    {
      name: 'since',
      description: 'Only papers listed on or after this day (YYYY-MM-DD)',
      type: 'string',
      maxLength: 10,
    },
    {
      name: 'min_upvotes',
      description: 'Only papers with at least this many upvotes',
      type: 'integer',
      minValue: 0,
      maxValue: 1_000_000,
    },
  ],
  schema,
  mutates: false,
  example: '/papers search "video diffusion" -survey since:2025-11-01',
  handle,
  action,
} satisfies CommandDefinition<SearchInput>;

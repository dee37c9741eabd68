import { z } from 'zod';
import { addDays, dayOf, formatDay } from '../src/core/day.js';
import type { DigestView } from '../src/core/digest/digest-view.js';
import { toPaperCard } from '../src/core/digest/paper-card.js';
import { type Reply, callerReply } from '../src/core/reply.js';
import type { CommandDefinition, CommandDeps } from './command.js';
import { optionalChoice } from './lib/options.js';

const PERIODS = { week: 7, month: 30 } as const;
const TOP_COUNT = 10;

const schema = z.object({ period: optionalChoice('period', ['week', 'month']) });
type TopInput = z.infer<typeof schema>;

/** Most upvoted papers listed over the last 7 or 30 days, today included (only the caller sees it). */
function handle(input: TopInput, _ctx: unknown, deps: CommandDeps): Reply {
  const period = input.period ?? 'week';
  const days = PERIODS[period];
  const to = dayOf(deps.clock.now());
  const from = addDays(to, -(days - 1));
  const range = `${formatDay(from)} – ${formatDay(to)}`;
  const top = deps.papers.topPapers({ from, to, limit: TOP_COUNT });
  if (top.length === 0) {
    return callerReply([
      deps.papers.lastRun()
        ? `No papers were listed in the last ${days} days (${range}).`
        : 'Paperboy has not fetched any papers yet.',
    ]);
  }
  const view: DigestView = {
    day: to,
    title: `Top papers of the last ${days} days`,
    subtitle: `${top.length} most upvoted · ${range}`,
    topics: [],
    entries: top.map(({ paper }) => toPaperCard(paper)),
    footer:
      period === 'week'
        ? 'Paperboy · /papers top month for the last 30 days · /papers paper <id> to share one'
        : 'Paperboy · /papers top week for the last 7 days · /papers paper <id> to share one',
  };
  return { visibility: 'caller', blocks: [{ kind: 'digest', digest: view }] };
}

export const topCommand = {
  name: 'top',
  description: 'The most upvoted papers of the last week or month (only you see them).',
  options: [
    {
      name: 'period',
      description: 'week (7 days, the default) or month (30 days)',
      type: 'string',
      choices: [
        { name: 'week', value: 'week' },
        { name: 'month', value: 'month' },
      ],
    },
  ],
  schema,
  mutates: false,
  example: '/papers top month',
  handle,
} satisfies CommandDefinition<TopInput>;

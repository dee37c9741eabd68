import type { Command } from 'commander';
import { paperLinks } from '../core/paper.js';
import type { SearchFilters, SearchHit } from '../core/ports.js';
import { parseQuery } from '../core/query/parse-query.js';
import { toTerminalText } from '../formatting/terminal-digest.js';
import { UserFacingError } from '../shared/errors.js';
import { createSqlitePaperSearch } from '../storage/sqlite-paper-search.js';
import { type CliIo, EXIT, type WithApp } from './cli-io.js';
import { intOption, parseDayOption } from './options.js';

interface SearchFlags {
  since?: string;
  until?: string;
  minUpvotes?: number;
  limit: number;
  json?: boolean;
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** A plain table: rank, upvotes, day, arXiv id, title (cut to the terminal width). */
export function renderSearchTable(hits: SearchHit[], columns: number): string {
  const header = ' #  ▲     day         id          title';
  const titleWidth = Math.max(20, columns - 40);
  const rows = hits.map((hit, i) =>
    [
      String(i + 1).padStart(2),
      String(hit.paper.upvotes).padStart(4),
      ' ',
      hit.day,
      hit.paper.id.padEnd(11),
      truncate(toTerminalText(hit.paper.title), titleWidth),
    ].join(' '),
  );
  return [header, ...rows].join('\n');
}

export function registerSearchCommand(program: Command, io: CliIo, withApp: WithApp): void {
  program
    .command('search')
    .description(
      'Search the stored papers, best match first (BM25 blended with upvotes and recency).',
    )
    .argument('<query...>', 'words (all must match), "exact phrase", a OR b, -excluded, prefix*')
    .option('--since <day>', 'only papers listed on or after this day', parseDayOption)
    .option('--until <day>', 'only papers listed on or before this day', parseDayOption)
    .option(
      '--min-upvotes <n>',
      'only papers with at least this many upvotes',
      intOption(0, 1_000_000),
    )
    .option('--limit <n>', 'how many results', intOption(1, 100), 10)
    .option('--json', 'print a JSON array of {id, title, upvotes, date, url}')
    // `-survey` is an excluded word, not an unknown option.
    .allowUnknownOption()
    .addHelpText(
      'after',
      `\nExamples:\n  paperboy search speculative decoding\n  paperboy search '"video diffusion" -survey' --since 2025-11-01\n  paperboy search 'distill* OR quantiz*' --min-upvotes 10 --json`,
    )
    .action(async (words: string[], flags: SearchFlags) =>
      withApp(async (app) => {
        const parsed = parseQuery(words.join(' '));
        if (!parsed.ok) throw new UserFacingError('query.invalid', parsed.error);
        if (flags.since && flags.until && flags.since > flags.until) {
          throw new UserFacingError(
            'input.invalid',
            `--since ${flags.since} is after --until ${flags.until}.`,
          );
        }
        const filters: SearchFilters = {
          limit: flags.limit,
          ...(flags.since ? { since: flags.since } : {}),
          ...(flags.until ? { until: flags.until } : {}),
          ...(flags.minUpvotes !== undefined ? { minUpvotes: flags.minUpvotes } : {}),
        };
        const hits = createSqlitePaperSearch(app.db).search(parsed.query, filters);
        if (flags.json) {
          const out = hits.map((h) => ({
            id: h.paper.id,
            title: h.paper.title,
            upvotes: h.paper.upvotes,
            date: h.day,
            url: paperLinks(h.paper.id).hf,
          }));
          io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
          return EXIT.ok;
        }
        if (hits.length === 0) {
          io.stdout.write(
            'No papers match. Try fewer words, a prefix like `diffus*`, or `paperboy ingest --from <day>` to fetch more days.\n',
          );
          return EXIT.ok;
        }
        const columns = 'columns' in io.stdout ? Number(io.stdout.columns) || 100 : 100;
        io.stdout.write(`${renderSearchTable(hits, columns)}\n`);
        return EXIT.ok;
      }),
    );
}

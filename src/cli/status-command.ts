import type { Command } from 'commander';
import type { IngestRun } from '../core/ports.js';
import { renderTerminalDigest } from '../formatting/terminal-digest.js';
import { type CliIo, EXIT, type WithApp } from './cli-io.js';
import { intOption, parseDayOption } from './options.js';

function describeRun(run: IngestRun): string {
  const c = run.counts;
  switch (run.status) {
    case 'ok':
      return `ok      ${c.fetched} papers (${c.new} new, ${c.updated} updated, ${c.skipped} skipped)`;
    case 'empty':
      return 'empty   no papers listed (weekends are normally empty)';
    case 'failed':
      return `failed  ${run.reason ?? 'unknown reason'} [${run.errorCode ?? '?'}]`;
  }
}

export function registerStatusAndDigestCommands(
  program: Command,
  io: CliIo,
  withApp: WithApp,
): void {
  program
    .command('status')
    .description('Show the store and the most recent ingest run of each day.')
    .option('--days <n>', 'how many days to show', intOption(1, 365), 10)
    .option('--json', 'print JSON')
    .action(async (flags: { days: number; json?: boolean }) =>
      withApp(async (app) => {
        const runs = app.db
          .prepare(
            `SELECT day, max(id) AS id FROM ingest_runs GROUP BY day ORDER BY day DESC LIMIT ?`,
          )
          .all(flags.days) as Array<{ day: string }>;
        const latest = runs.map((r) => app.store.lastRunForDay(r.day)).filter((r) => r !== null);
        const papers = app.store.countPapers();
        if (flags.json) {
          io.stdout.write(
            `${JSON.stringify({ dbPath: app.config.dbPath, papers, days: latest }, null, 2)}\n`,
          );
          return EXIT.ok;
        }
        io.stdout.write(`Store ${app.config.dbPath}: ${papers} papers\n`);
        if (latest.length === 0) {
          io.stdout.write(
            'No ingest has run yet. Run `paperboy ingest` to fetch the recent days.\n',
          );
          return EXIT.ok;
        }
        for (const run of latest) {
          io.stdout.write(`${run.day}  ${describeRun(run)}  (at ${run.finishedAt})\n`);
        }
        return EXIT.ok;
      }),
    );

  program
    .command('digest')
    .description("Print a day's digest to the terminal, as preview mode shows it.")
    .option('--date <day>', 'the day (default: the latest day with papers)', parseDayOption)
    .action(async (flags: { date?: string }) =>
      withApp(async (app) => {
        if (!flags.date) {
          io.stdout.write(`${app.previewDigest()}\n`);
          return EXIT.ok;
        }
        const total = app.store.countListed(flags.date);
        if (total === 0) {
          const run = app.store.lastRunForDay(flags.date);
          const why = !run
            ? `not ingested yet: run \`paperboy ingest --date ${flags.date}\``
            : run.status === 'failed'
              ? `the last fetch failed (${run.reason ?? 'unknown'}): run \`paperboy ingest --date ${flags.date}\``
              : 'Hugging Face listed no papers that day (weekends are normally empty)';
          io.stdout.write(`No papers for ${flags.date}: ${why}.\n`);
          return EXIT.ok;
        }
        const top = app.store.topPapers({
          from: flags.date,
          to: flags.date,
          limit: app.config.preview.top,
        });
        io.stdout.write(
          `${renderTerminalDigest({ day: flags.date, papers: top.map((t) => t.paper), total })}\n`,
        );
        return EXIT.ok;
      }),
    );
}

import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { type Day, daysBetween } from '../core/day.js';
import { formatIngestSummary, todayOf } from '../core/ingest.js';
import { UserFacingError } from '../shared/errors.js';
import { type CliIo, EXIT, isTty, type WithApp } from './cli-io.js';
import { parseDayOption } from './options.js';

/** The first day Hugging Face published Daily Papers. */
export const FIRST_DAILY_PAPERS_DAY = '2023-05-04';

interface IngestFlags {
  date?: string;
  from?: string;
  to?: string;
  json?: boolean;
}

/** Which days the flags ask for; null means the default window. Throws a UserFacingError. */
export function resolveIngestDays(flags: IngestFlags, today: Day): Day[] | null {
  if (flags.date && (flags.from || flags.to)) {
    throw new UserFacingError('input.invalid', 'Use either --date or --from/--to, not both.');
  }
  if (flags.to && !flags.from) {
    throw new UserFacingError(
      'input.invalid',
      '--to needs --from, e.g. --from 2025-12-01 --to 2025-12-05.',
    );
  }
  const from = flags.date ?? flags.from;
  if (!from) return null;
  const to = flags.date ?? flags.to ?? today;
  if (from > to) {
    throw new UserFacingError('input.invalid', `--from ${from} is after --to ${to}: swap them.`);
  }
  if (from < FIRST_DAILY_PAPERS_DAY) {
    throw new UserFacingError(
      'input.invalid',
      `Daily Papers starts on ${FIRST_DAILY_PAPERS_DAY}; ${from} is before that.`,
    );
  }
  if (to > today) {
    throw new UserFacingError('input.invalid', `${to} is in the future (today is ${today} UTC).`);
  }
  return daysBetween(from, to);
}

export function registerIngestCommand(program: Command, io: CliIo, withApp: WithApp): void {
  program
    .command('ingest')
    .description(
      'Fetch Hugging Face Daily Papers into the store. Without options: today (UTC), the previous days of the look-back window (INGEST_LOOKBACK_DAYS), and recently failed days.',
    )
    .option('--date <day>', 'one day, YYYY-MM-DD', parseDayOption)
    .option('--from <day>', 'first day of a backfill, YYYY-MM-DD', parseDayOption)
    .option('--to <day>', 'last day of a backfill (default: today)', parseDayOption)
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  paperboy ingest\n  paperboy ingest --date 2025-12-01\n  paperboy ingest --from 2025-11-01 --to 2025-11-30',
    )
    .action(async (flags: IngestFlags) => {
      // A progress bar owns the terminal for multi-day runs; failures are listed after it.
      const barWanted = !flags.json && isTty(io.stderr) && !flags.date;
      await withApp(
        async (app) => {
          const explicit = resolveIngestDays(flags, todayOf(app.clock));
          const controller = new AbortController();
          void io.waitForShutdown().then(() => controller.abort(new Error('interrupted')));
          const showBar = barWanted && (explicit?.length ?? 2) > 1;
          const bar = showBar
            ? new SingleBar({
                stream: io.stderr,
                format: 'ingest [{bar}] {value}/{total} days · {day} {status}',
                hideCursor: true,
              })
            : null;
          let started = false;
          const summary = await app.ingest(explicit ?? undefined, {
            signal: controller.signal,
            onDay: (run, done, total) => {
              if (!bar) return;
              if (!started) {
                bar.start(total, 0, { day: '', status: '' });
                started = true;
              }
              bar.update(done, { day: run.day, status: run.status });
            },
          });
          bar?.stop();
          if (flags.json) {
            const { runs, ...totals } = summary;
            io.stdout.write(`${JSON.stringify({ ...totals, runs }, null, 2)}\n`);
          } else {
            io.stdout.write(`${formatIngestSummary(summary)}\n`);
            if (barWanted && summary.skipped > 0) {
              io.stdout.write(
                '  Items that failed validation were skipped; run with LOG_LEVEL=warn to see why.\n',
              );
            }
            for (const run of summary.runs.filter((r) => r.status === 'failed')) {
              io.stdout.write(
                `  ${run.day} failed: ${run.reason}. Retry with \`paperboy ingest --date ${run.day}\` (the bot also retries it on its next run).\n`,
              );
            }
          }
          return summary.failed > 0 || summary.cancelled ? EXIT.failed : EXIT.ok;
        },
        { quiet: barWanted },
      );
    });
}

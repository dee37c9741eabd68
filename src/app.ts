import packageJson from '../package.json' with { type: 'json' };
import type { Config } from './config/schema.js';
import { type Day, dayOf } from './core/day.js';
import {
  type IngestOptions,
  type IngestSummary,
  defaultIngestDays,
  formatIngestSummary,
  ingestDays,
  todayOf,
} from './core/ingest.js';
import type { PaperSource, PaperStore } from './core/ports.js';
import { renderTerminalDigest } from './formatting/terminal-digest.js';
import { type HttpServer, createHttpServer, sendJson } from './http/http-server.js';
import { createCronSchedule, createRunLock } from './scheduler/ingest-schedule.js';
import { type Clock, type Sleep, realSleep, systemClock } from './shared/clock.js';
import { createLogger, type Logger } from './shared/logger.js';
import { createHfDailyPapersSource } from './sources/hf/hf-daily-papers-source.js';
import { type Db, openDatabase } from './storage/db.js';
import { migrate } from './storage/migrate.js';
import { createSqlitePaperStore } from './storage/sqlite-paper-store.js';

export const VERSION: string = packageJson.version;
export const USER_AGENT = `Paperboy/${VERSION} (research-paper digest bot for Discord and Slack; node ${process.versions.node})`;

/** What tests and the CLI may swap: time, waiting, output, the network client. */
export interface AppOverrides {
  logger?: Logger;
  clock?: Clock;
  sleep?: Sleep;
  fetch?: typeof fetch;
  /** Where preview mode prints digests (default: process.stdout). */
  output?: { write(text: string): unknown };
  random?: () => number;
}

export interface App {
  readonly config: Config;
  readonly logger: Logger;
  readonly db: Db;
  readonly store: PaperStore;
  readonly source: PaperSource;
  readonly clock: Clock;
  readonly http: HttpServer;
  /** Ingests the given days (default: today and the look-back window, plus failed days). */
  ingest(days?: Day[], options?: IngestOptions): Promise<IngestSummary>;
  /** The preview digest of the latest listed day, or a line saying there is nothing yet. */
  previewDigest(): string;
  /** Runs the bot: HTTP server, schedule, start-up ingest. Resolves with the bound port. */
  start(): Promise<{ port: number }>;
  /** Stops everything in order and closes the database; safe to call twice. */
  stop(): Promise<void>;
}

/** The composition root: the only place that builds concrete adapters and wires them. */
export function createApp(config: Config, overrides: AppOverrides = {}): App {
  const logger = overrides.logger ?? createLogger(config.log);
  const clock = overrides.clock ?? systemClock;
  const output = overrides.output ?? process.stdout;
  const db = openDatabase(config.dbPath);
  const applied = migrate(db);
  if (applied.length > 0) {
    logger.info('database migrated', { dbPath: config.dbPath, versions: applied.map((m) => m.version) });
  }
  const store = createSqlitePaperStore(db);
  const source = createHfDailyPapersSource({
    baseUrl: config.hf.baseUrl,
    ...(config.hf.token ? { token: config.hf.token } : {}),
    timeoutMs: config.hf.timeoutMs,
    maxAttempts: config.hf.maxAttempts,
    retryBaseMs: config.hf.retryBaseMs,
    maxRetryDelayMs: config.hf.maxRetryDelayMs,
    userAgent: USER_AGENT,
    logger: logger.child({ component: 'hf-source' }),
    sleep: overrides.sleep ?? realSleep,
    ...(overrides.random ? { random: overrides.random } : {}),
    ...(overrides.fetch ? { fetch: overrides.fetch } : {}),
  });
  const http = createHttpServer({ ...config.http, logger: logger.child({ component: 'http' }) });
  const lock = createRunLock();
  let stopped = false;
  let lastPreviewDay: Day | null = null;

  const ingest: App['ingest'] = (days, options) =>
    ingestDays(
      { source, store, clock, logger: logger.child({ component: 'ingest' }) },
      days ?? defaultIngestDays(todayOf(clock), config.ingest.lookbackDays, store),
      options,
    );

  const previewDigest = (): string => {
    const day = store.latestListedDay(dayOf(clock.now()));
    if (!day) {
      return 'No papers stored yet. The first ingest fills the store; check `paperboy status` if this persists.\n';
    }
    const top = store.topPapers({ from: day, to: day, limit: config.preview.top });
    return renderTerminalDigest({ day, papers: top.map((t) => t.paper), total: store.countListed(day) });
  };

  /** Preview mode: print the digest whenever a newer day shows up. */
  const printPreviewIfNew = (): void => {
    const day = store.latestListedDay(dayOf(clock.now()));
    if (day === lastPreviewDay && day !== null) return;
    lastPreviewDay = day;
    output.write(`\n${previewDigest()}\n`);
  };

  const scheduledIngest = async (signal: AbortSignal): Promise<void> => {
    const summary = await ingest(undefined, { signal });
    logger.info('ingest finished', { summary: formatIngestSummary(summary) });
    if (!signal.aborted) printPreviewIfNew();
  };

  const schedule = createCronSchedule({
    name: 'ingest',
    cron: config.ingest.cron,
    timezone: config.ingest.timezone,
    lock,
    logger,
    job: scheduledIngest,
  });

  http.mount('GET', '/healthz', (_req, res) => {
    let storeOk = true;
    let papers = 0;
    try {
      papers = (db.prepare('SELECT count(*) AS n FROM papers').get() as { n: number }).n;
    } catch (error) {
      storeOk = false;
      logger.error('health check: store unavailable', { error });
    }
    const last = storeOk ? store.lastRun() : null;
    sendJson(res, storeOk ? 200 : 503, {
      status: storeOk ? 'ok' : 'unavailable',
      version: VERSION,
      store: { ok: storeOk, papers },
      lastIngest: last && {
        day: last.day,
        status: last.status,
        finishedAt: last.finishedAt,
        counts: last.counts,
        ...(last.status === 'failed' ? { errorCode: last.errorCode, reason: last.reason } : {}),
      },
      mode: 'preview',
    });
  });

  return {
    config,
    logger,
    db,
    store,
    source,
    clock,
    http,
    ingest,
    previewDigest,
    start: async () => {
      const port = await http.listen();
      logger.info('paperboy started', { port, mode: 'preview', dbPath: config.dbPath });
      schedule.start();
      if (config.ingest.onStart) {
        void lock
          .runExclusive(scheduledIngest)
          .catch((error: unknown) => logger.error('start-up ingest failed', { error }));
      } else {
        printPreviewIfNew();
      }
      return { port };
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await schedule.stop();
      await http.close();
      db.close();
      logger.info('paperboy stopped');
    },
  };
}

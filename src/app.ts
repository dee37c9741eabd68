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
import type { Platform } from './core/channels/channel.js';
import type { ChannelStore, DeliveryStore } from './core/channels/channel-ports.js';
import { type DeliveryEngine, createDeliveryEngine } from './core/delivery/delivery-engine.js';
import type { DigestPublisher, PlatformAdapter } from './core/digest/publisher.js';
import type { PaperSearch, PaperSource, PaperStore } from './core/ports.js';
import { renderTerminalDigest } from './formatting/terminal-digest.js';
import { createHealthHandler } from './http/health.js';
import { type HttpServer, createHttpServer } from './http/http-server.js';
import { createCronSchedule, createRunLock } from './scheduler/ingest-schedule.js';
import { type Clock, type Sleep, realSleep, systemClock } from './shared/clock.js';
import { createLogger, type Logger } from './shared/logger.js';
import { type DiscordAdapterOptions, createDiscordAdapter } from './platforms/discord/index.js';
import { createSlackAdapter } from './platforms/slack/index.js';
import { createHfDailyPapersSource } from './sources/hf/hf-daily-papers-source.js';
import { type Db, openDatabase } from './storage/db.js';
import { migrate } from './storage/migrate.js';
import { createSqliteChannelStore } from './storage/sqlite-channel-store.js';
import { createSqliteDeliveryStore } from './storage/sqlite-delivery-store.js';
import { createSqliteInteractionState } from './storage/sqlite-interaction-state.js';
import { createSqlitePaperSearch } from './storage/sqlite-paper-search.js';
import { createSqlitePaperStore } from './storage/sqlite-paper-store.js';
import type { CommandDeps } from '../commands/command.js';

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
  /** Discord adapter tuning (tests: tiny REST timeouts and offsets). */
  discord?: Partial<DiscordAdapterOptions>;
  /** Digest publishers by platform (tests; the platform adapters add theirs). */
  publishers?: ReadonlyMap<Platform, DigestPublisher>;
}

/** A day fetched this recently is not fetched again right before its digest is built. */
const FRESH_ENOUGH_MS = 15 * 60_000;

export interface App {
  readonly config: Config;
  readonly logger: Logger;
  readonly db: Db;
  readonly store: PaperStore;
  readonly source: PaperSource;
  readonly search: PaperSearch;
  readonly channels: ChannelStore;
  readonly deliveries: DeliveryStore;
  readonly delivery: DeliveryEngine;
  /** What slash-command handlers use. */
  readonly commandDeps: CommandDeps;
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
    logger.info('database migrated', {
      dbPath: config.dbPath,
      versions: applied.map((m) => m.version),
    });
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
  const search = createSqlitePaperSearch(db);
  const channels = createSqliteChannelStore(db);
  const deliveries = createSqliteDeliveryStore(db);
  const commandDeps: CommandDeps = {
    papers: store,
    search,
    channels,
    deliveries,
    state: createSqliteInteractionState(db),
    clock,
  };
  const publishers = new Map<Platform, DigestPublisher>(overrides.publishers ?? []);
  const adapters: PlatformAdapter[] = [];
  const http = createHttpServer({ ...config.http, logger: logger.child({ component: 'http' }) });
  if (config.discord.token) {
    const discord = createDiscordAdapter({
      config: config.discord,
      http,
      commandDeps,
      clock,
      logger: logger.child({ component: 'discord' }),
      options: {
        ...(config.discord.commandGuildId ? { commandGuildId: config.discord.commandGuildId } : {}),
        ...overrides.discord,
      },
    });
    adapters.push(discord);
    publishers.set('discord', discord.publisher);
  }
  if (config.slack.botToken) {
    const slack = createSlackAdapter({
      config: config.slack,
      http,
      commandDeps,
      logger: logger.child({ component: 'slack' }),
    });
    adapters.push(slack);
    publishers.set('slack', slack.publisher);
  }
  const mode = (): string =>
    adapters.length > 0
      ? adapters.map((a) => `${a.platform}:${a.mode}`).join('+')
      : publishers.size > 0
        ? [...publishers.keys()].join('+')
        : 'preview';
  const lock = createRunLock();
  let stopped = false;
  let lastPreviewDay: Day | null = null;

  const ingest: App['ingest'] = async (days, options) => {
    const summary = await ingestDays(
      { source, store, clock, logger: logger.child({ component: 'ingest' }) },
      days ?? defaultIngestDays(todayOf(clock), config.ingest.lookbackDays, store),
      options,
    );
    // Rebuild the search ranking cache now, so the first search after an ingest stays fast.
    if (summary.new + summary.updated > 0) search.warm();
    return summary;
  };

  const previewDigest = (): string => {
    const day = store.latestListedDay(dayOf(clock.now()));
    if (!day) {
      const last = store.lastRun();
      const next = `Paperboy retries on its schedule (${config.ingest.cron}, ${config.ingest.timezone}); \`paperboy ingest\` retries now.`;
      if (last?.status === 'failed') {
        return `No papers stored yet: fetching from Hugging Face failed (${last.reason ?? 'unknown error'}). ${next}\n`;
      }
      if (last)
        return `No papers stored yet: Hugging Face listed none for the days fetched so far. ${next}\n`;
      return 'No papers stored yet. The first ingest fills the store; `paperboy status` shows how it went.\n';
    }
    const top = store.topPapers({ from: day, to: day, limit: config.preview.top });
    return renderTerminalDigest({
      day,
      papers: top.map((t) => t.paper),
      total: store.countListed(day),
    });
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
    if (!signal.aborted && publishers.size === 0) printPreviewIfNew();
  };

  const refreshDay = async (day: Day): Promise<void> => {
    const last = store.lastRunForDay(day);
    if (last && clock.now().getTime() - new Date(last.finishedAt).getTime() < FRESH_ENOUGH_MS)
      return;
    await ingest([day]);
  };

  const delivery = createDeliveryEngine({
    channels,
    deliveries,
    papers: store,
    publishers,
    refreshDay,
    clock,
    sleep: overrides.sleep ?? realSleep,
    logger: logger.child({ component: 'delivery' }),
    options: config.delivery,
  });

  const deliverySchedule = createCronSchedule({
    name: 'delivery',
    cron: '* * * * *',
    timezone: 'UTC',
    lock: createRunLock(),
    logger,
    job: async () => {
      const report = await delivery.tick();
      if (report.created + report.missed + report.sent + report.failed > 0) {
        logger.info('delivery tick', { ...report });
      }
    },
  });

  const schedule = createCronSchedule({
    name: 'ingest',
    cron: config.ingest.cron,
    timezone: config.ingest.timezone,
    lock,
    logger,
    job: scheduledIngest,
  });

  http.mount('GET', '/healthz', createHealthHandler({ store, logger, version: VERSION, mode }));

  return {
    config,
    logger,
    db,
    store,
    source,
    search,
    channels,
    deliveries,
    delivery,
    commandDeps,
    clock,
    http,
    ingest,
    previewDigest,
    start: async () => {
      // Adapters first: HTTP routes answer 503 until their adapter has started.
      for (const adapter of adapters) await adapter.start();
      const port = await http.listen();
      logger.info('paperboy started', { port, mode: mode(), dbPath: config.dbPath });
      schedule.start();
      if (publishers.size > 0) deliverySchedule.start();
      if (config.ingest.onStart) {
        void lock
          .runExclusive(scheduledIngest)
          .catch((error: unknown) => logger.error('start-up ingest failed', { error }));
      } else if (publishers.size === 0) {
        printPreviewIfNew();
      }
      return { port };
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await deliverySchedule.stop();
      await schedule.stop();
      for (const adapter of adapters) await adapter.stop();
      await http.close();
      db.close();
      logger.info('paperboy stopped');
    },
  };
}

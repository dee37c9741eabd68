import type { CommandContext, CommandDeps } from '../../commands/command.js';
import { type DispatchOptions, runAction, runCommand, suggest } from '../../commands/dispatch.js';
import type { Channel, ChannelRef } from '../../src/core/channels/channel.js';
import type { Delivery } from '../../src/core/channels/channel-ports.js';
import type { Day } from '../../src/core/day.js';
import { buildChannelDigest } from '../../src/core/digest/channel-digest.js';
import type { PaperCard } from '../../src/core/digest/digest-view.js';
import { createTopicCompiler, prepareCandidates } from '../../src/core/digest/select-papers.js';
import type { SourcePaper } from '../../src/core/paper.js';
import { type Reply, spansToPlain } from '../../src/core/reply.js';
import { type ManualClock, createManualClock } from '../../src/shared/clock.js';
import type { Db } from '../../src/storage/db.js';
import { createSqliteChannelStore } from '../../src/storage/sqlite-channel-store.js';
import { createSqliteDeliveryStore } from '../../src/storage/sqlite-delivery-store.js';
import { createSqliteInteractionState } from '../../src/storage/sqlite-interaction-state.js';
import { createSqlitePaperSearch } from '../../src/storage/sqlite-paper-search.js';
import { createSqlitePaperStore } from '../../src/storage/sqlite-paper-store.js';
import { makeSourcePaper, openTestDb } from './papers.js';
import { type CapturedLine, createTestLogger } from './test-logger.js';

/**
 * A neutral harness for slash-command tests: real stores over an in-memory SQLite with the real
 * migrations, a manual clock, and the dispatcher the adapters use. Nothing waits on real time.
 */

/** Friday 5 Dec 2025, 11:00 UTC (12:00 in Berlin): Thursday 4 Dec is the latest complete day. */
export const HARNESS_NOW = '2025-12-05T11:00:00.000Z';

export const HARNESS_CHANNEL: ChannelRef = {
  platform: 'discord',
  workspaceId: 'guild-1',
  channelId: 'chan-1',
};

export interface DeliveryScript {
  day: Day;
  /** `sent`: built as the scheduler builds it and every part marked sent; `empty`: built, nothing posted. */
  status: 'sent' | 'empty' | 'failed' | 'skipped' | 'pending' | 'planned';
  reason?: string;
  /** When the run was scheduled; defaults to the clock's now. */
  scheduledFor?: Date;
}

export interface CommandHarness {
  db: Db;
  clock: ManualClock;
  deps: CommandDeps;
  logs: CapturedLine[];
  /** The context commands run in unless overridden: a channel manager in HARNESS_CHANNEL. */
  ctx: CommandContext;
  run(name: string, input?: Record<string, unknown>, ctx?: Partial<CommandContext>): Promise<Reply>;
  press(actionId: string, ctx?: Partial<CommandContext>): Promise<Reply>;
  suggest(
    name: string,
    option: string,
    partial: string,
    ctx?: Partial<CommandContext>,
  ): Array<{ name: string; value: string }>;
  /** Stores the papers as the ingest would for `day` (an `ok` run); returns them. */
  seedDay(day: Day, papers: Array<Partial<SourcePaper>>): SourcePaper[];
  /** Records a failed ingest of `day`. */
  failDay(day: Day, reason: string): void;
  /** The harness channel as stored, or null. */
  channel(): Channel | null;
  /** Runs a delivery for the harness channel through the real DeliveryStore. */
  deliver(script: DeliveryScript): Delivery;
  /** How many rows a table has (to prove nothing was stored). */
  count(table: 'channels' | 'topics' | 'deliveries' | 'interaction_state'): number;
}

export function createCommandHarness(
  options: { now?: string; dispatch?: DispatchOptions } = {},
): CommandHarness {
  const db = openTestDb();
  const clock = createManualClock(options.now ?? HARNESS_NOW);
  const logger = createTestLogger();
  const deps: CommandDeps = {
    papers: createSqlitePaperStore(db),
    search: createSqlitePaperSearch(db),
    channels: createSqliteChannelStore(db),
    deliveries: createSqliteDeliveryStore(db),
    state: createSqliteInteractionState(db),
    clock,
  };
  const ctx: CommandContext = {
    channel: HARNESS_CHANNEL,
    userId: 'user-1',
    canManageChannel: true,
  };
  const dispatch: DispatchOptions = options.dispatch ?? { logger };
  const withCtx = (overrides: Partial<CommandContext> = {}): CommandContext => ({
    ...ctx,
    ...overrides,
  });

  const deliver = (script: DeliveryScript): Delivery => {
    const now = clock.now();
    const channel = deps.channels.ensure(HARNESS_CHANNEL, now);
    const { delivery } = deps.deliveries.create({
      channelPk: channel.pk,
      day: script.day,
      scheduledFor: script.scheduledFor ?? now,
      status: 'pending',
      now,
    });
    if (script.status === 'pending') return delivery;
    if (script.status === 'failed' || script.status === 'skipped') {
      deps.deliveries.finish(delivery.id, script.status, script.reason ?? null, now);
      return deps.deliveries.get(delivery.id) as Delivery;
    }
    const digest = buildChannelDigest({
      channel,
      day: script.day,
      candidates: prepareCandidates(
        deps.papers
          .topPapers({ from: script.day, to: script.day, limit: 2_000 })
          .map((t) => t.paper),
      ),
      compile: createTopicCompiler(),
      alreadyPosted: deps.deliveries.postedPaperIds(channel.pk),
      lastRun: deps.papers.lastRunForDay(script.day),
    });
    const planned = deps.deliveries.plan(
      delivery.id,
      digest.empty ? [] : [digest.view],
      digest.snapshot,
      now,
    );
    if (script.status === 'planned') return planned;
    if (script.status === 'empty') {
      deps.deliveries.finish(
        delivery.id,
        'empty',
        script.reason ?? digest.view.emptyReason ?? null,
        now,
      );
    } else {
      planned.parts.forEach((part) =>
        deps.deliveries.markSent(delivery.id, part.index, `msg-${part.index}`, now),
      );
      deps.deliveries.finish(delivery.id, 'sent', null, now);
    }
    return deps.deliveries.get(delivery.id) as Delivery;
  };

  return {
    db,
    clock,
    deps,
    logs: logger.lines,
    ctx,
    run: (name, input = {}, overrides) =>
      runCommand(name, input, withCtx(overrides), deps, dispatch),
    press: (actionId, overrides) => runAction(actionId, withCtx(overrides), deps, dispatch),
    suggest: (name, option, partial, overrides) =>
      suggest(name, option, partial, withCtx(overrides), deps, dispatch),
    seedDay: (day, papers) => {
      const source = papers.map((p) => makeSourcePaper(p));
      const at = new Date(`${day}T23:00:00Z`);
      deps.papers.saveDay({ day, papers: source, skipped: 0, startedAt: at, finishedAt: at });
      return source;
    },
    failDay: (day, reason) => {
      const at = clock.now();
      deps.papers.recordFailedRun({
        day,
        code: 'source.http_error',
        reason,
        startedAt: at,
        finishedAt: at,
      });
    },
    channel: () => deps.channels.get(HARNESS_CHANNEL),
    deliver,
    count: (table) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
  };
}

function cardText(card: PaperCard, rank?: number): string {
  const lines = [
    `${rank === undefined ? '' : `${rank}. `}${card.title} <${card.url}> ▲ ${card.upvotes}`,
    card.authors,
    card.summary,
  ];
  if (card.abstract) lines.push(card.abstract);
  if (card.matchedTopics.length > 0) lines.push(`topics: ${card.matchedTopics.join(', ')}`);
  return lines.join('\n');
}

/** A Reply as plain text, one block per line group, for assertions. Links keep their url in <…>. */
export function replyText(reply: Reply): string {
  return reply.blocks
    .map((block) => {
      switch (block.kind) {
        case 'text':
          return block.spans
            .map((s) =>
              typeof s !== 'string' && 'url' in s ? `${s.text} <${s.url}>` : spansToPlain([s]),
            )
            .join('');
        case 'paper':
          return cardText(block.card);
        case 'digest': {
          const d = block.digest;
          return [
            d.title,
            d.subtitle,
            ...(d.emptyReason ? [d.emptyReason] : []),
            ...d.entries.map((e, i) => cardText(e, i + 1)),
            d.footer,
          ].join('\n');
        }
        case 'buttons':
          return block.buttons.map((b) => `[${b.label}]`).join(' ');
      }
    })
    .join('\n');
}

/** Every button id of a reply, in order. */
export function buttonIds(reply: Reply): string[] {
  return reply.blocks.flatMap((b) =>
    b.kind === 'buttons' ? b.buttons.map((x) => x.actionId) : [],
  );
}

import type { Clock, Sleep } from '../../shared/clock.js';
import { describeError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { type Channel, type Platform, channelKey } from '../channels/channel.js';
import type { Delivery, DeliveryStore, ChannelStore } from '../channels/channel-ports.js';
import type { Day } from '../day.js';
import { buildChannelDigest } from '../digest/channel-digest.js';
import type { DigestPublisher } from '../digest/publisher.js';
import { type Candidate, createTopicCompiler, prepareCandidates } from '../digest/select-papers.js';
import type { PaperStore } from '../ports.js';
import {
  coveredDay,
  formatLocalOccurrence,
  latestOccurrence,
} from '../schedule/digest-schedule.js';
import type { DeliveryOptions } from './delivery-options.js';
import { runPool } from './pool.js';

export { DEFAULT_DELIVERY_OPTIONS, type DeliveryOptions } from './delivery-options.js';

export interface DeliveryDeps {
  channels: ChannelStore;
  deliveries: DeliveryStore;
  papers: PaperStore;
  publishers: ReadonlyMap<Platform, DigestPublisher>;
  /** Re-fetches a day just before its digest is built, so upvotes are fresh. */
  refreshDay: (day: Day) => Promise<void>;
  clock: Clock;
  sleep: Sleep;
  logger: Logger;
  options: DeliveryOptions;
}

export interface TickReport {
  created: number;
  missed: number;
  sent: number;
  empty: number;
  failed: number;
  deferred: number;
  skipped: number;
}

/** The idempotency key of one message of a delivery (Discord nonces allow 25 characters). */
export function partKey(deliveryId: number, index: number): string {
  return `pb${deliveryId}p${index}`;
}

/** Largest number of papers a day can list that a digest considers. */
const DAY_CAP = 2_000;

/**
 * The delivery engine: each tick (1) writes a durable delivery row for every channel whose
 * scheduled time has come, unique per (channel, day), and (2) works through due deliveries.
 * A delivery's messages are fixed when planned and each is marked `sending` before the platform
 * call, so after a crash at any point the engine asks the platform whether the message landed
 * (by its key) before sending it again: at most once, and never lost.
 */
export function createDeliveryEngine(deps: DeliveryDeps) {
  const { channels, deliveries, papers, clock, logger, options } = deps;

  /** Step 1: create the rows for due occurrences (or record missed ones). */
  const scheduleDue = (now: Date): { created: number; missed: number } => {
    let created = 0;
    let missed = 0;
    const hasPapers = (day: Day): boolean => papers.countListed(day) > 0;
    for (const channel of channels.listActive([...deps.publishers.keys()])) {
      const occurrence = latestOccurrence(channel.settings, now);
      if (!occurrence) continue;
      if (channel.subscribedAt && occurrence < new Date(channel.subscribedAt)) continue;
      const day = coveredDay(occurrence, hasPapers);
      if (deliveries.has(channel.pk, day)) continue;
      const late = now.getTime() - occurrence.getTime() > options.catchUpMs;
      const result = deliveries.create({
        channelPk: channel.pk,
        day,
        scheduledFor: occurrence,
        now,
        ...(late
          ? { status: 'skipped' as const, reason: missedReason(channel, occurrence) }
          : { status: 'pending' as const }),
      });
      if (!result.created) continue;
      if (late) missed += 1;
      else created += 1;
      logger.info(late ? 'digest missed' : 'digest due', {
        channel: channelKey(channel.ref),
        day,
        deliveryId: result.delivery.id,
      });
    }
    return { created, missed };
  };

  const missedReason = (channel: Channel, occurrence: Date): string =>
    `Missed: Paperboy was not running at ${formatLocalOccurrence(occurrence, channel.settings.timezone)} and the ${Math.round(options.catchUpMs / 3_600_000)} h catch-up window passed.`;

  /** Step 2: deliver one due delivery. Never throws. */
  const deliver = async (
    delivery: Delivery,
    tickCache: {
      candidates: Map<Day, Promise<Candidate[]>>;
      compile: ReturnType<typeof createTopicCompiler>;
    },
  ): Promise<keyof TickReport> => {
    const log = logger.child({
      deliveryId: delivery.id,
      day: delivery.day,
      channelPk: delivery.channelPk,
    });
    const channel = channels.getByPk(delivery.channelPk);
    const now = clock.now();
    if (!channel || channel.paused) {
      deliveries.finish(
        delivery.id,
        'skipped',
        channel?.paused ? `Paused: ${channel.paused.reason}` : 'Channel unknown.',
        now,
      );
      return 'skipped';
    }
    const publisher = deps.publishers.get(channel.ref.platform);
    if (!publisher) return 'deferred';
    const anySent = delivery.parts.some((p) => p.status !== 'pending');
    if (!anySent && now.getTime() - new Date(delivery.scheduledFor).getTime() > options.catchUpMs) {
      deliveries.finish(
        delivery.id,
        'skipped',
        missedReason(channel, new Date(delivery.scheduledFor)),
        now,
      );
      return 'skipped';
    }

    let planned = delivery;
    if (delivery.status === 'pending') {
      let candidates = tickCache.candidates.get(delivery.day);
      if (!candidates) {
        candidates = deps
          .refreshDay(delivery.day)
          .catch((error: unknown) =>
            log.warn('refresh before digest failed', { error: describeError(error) }),
          )
          .then(() =>
            prepareCandidates(
              papers
                .topPapers({ from: delivery.day, to: delivery.day, limit: DAY_CAP })
                .map((t) => t.paper),
            ),
          );
        tickCache.candidates.set(delivery.day, candidates);
      }
      const digest = buildChannelDigest({
        channel,
        day: delivery.day,
        candidates: await candidates,
        compile: tickCache.compile,
        alreadyPosted: deliveries.postedPaperIds(channel.pk),
        lastRun: papers.lastRunForDay(delivery.day),
      });
      if (digest.empty && channel.settings.emptyDays === 'silent') {
        deliveries.plan(delivery.id, [], digest.snapshot, now);
        deliveries.finish(delivery.id, 'empty', digest.view.emptyReason ?? null, now);
        log.info('digest empty, silent', { reason: digest.view.emptyReason });
        return 'empty';
      }
      const parts = digest.empty ? [digest.view] : publisher.split(digest.view);
      planned = deliveries.plan(delivery.id, parts, digest.snapshot, now);
    }

    const since = new Date(planned.plannedAt ?? planned.scheduledFor);
    for (const part of planned.parts) {
      if (part.status === 'sent') continue;
      const key = partKey(planned.id, part.index);
      try {
        if (part.status === 'sending') {
          const found = await publisher.findPublished(channel.ref, key, since);
          if (found) {
            deliveries.markSent(planned.id, part.index, found, clock.now());
            log.info('part found already posted', { part: part.index, messageId: found });
            continue;
          }
        }
        deliveries.markSending(planned.id, part.index);
        let result = await publisher.publish(channel.ref, part.view, key);
        for (
          let waits = 0;
          !result.ok &&
          result.kind === 'rate_limited' &&
          result.retryAfterMs <= options.inlineRateLimitWaitMs &&
          waits < 3;
          waits += 1
        ) {
          log.warn('rate limited, waiting', { retryAfterMs: result.retryAfterMs });
          await deps.sleep(result.retryAfterMs);
          result = await publisher.publish(channel.ref, part.view, key);
        }
        if (result.ok) {
          deliveries.markSent(planned.id, part.index, result.messageId, clock.now());
          continue;
        }
        if (result.kind === 'permanent') {
          const reason = `${result.message} (${channel.ref.platform} ${result.code})`;
          deliveries.finish(planned.id, 'failed', reason, clock.now());
          channels.pause(channel.pk, reason, clock.now());
          log.warn('delivery failed permanently; channel paused', { code: result.code, reason });
          return 'failed';
        }
        const wait =
          result.kind === 'rate_limited'
            ? result.retryAfterMs
            : options.retryBaseMs * 2 ** planned.attempts;
        return retryOrFail(planned, result.message, wait, log);
      } catch (error) {
        return retryOrFail(
          planned,
          describeError(error),
          options.retryBaseMs * 2 ** planned.attempts,
          log,
        );
      }
    }
    deliveries.finish(planned.id, 'sent', null, clock.now());
    log.info('digest sent', { parts: planned.parts.length });
    return 'sent';
  };

  const retryOrFail = (
    delivery: Delivery,
    message: string,
    waitMs: number,
    log: Logger,
  ): keyof TickReport => {
    if (delivery.attempts + 1 >= options.maxAttempts) {
      deliveries.finish(
        delivery.id,
        'failed',
        `Gave up after ${options.maxAttempts} tries: ${message}`,
        clock.now(),
      );
      log.error('delivery failed', { attempts: delivery.attempts + 1, reason: message });
      return 'failed';
    }
    deliveries.retryLater(delivery.id, new Date(clock.now().getTime() + waitMs), message);
    log.warn('delivery will retry', { attempts: delivery.attempts + 1, waitMs, reason: message });
    return 'deferred';
  };

  return {
    scheduleDue,
    /** One scheduler tick: create due rows, then deliver everything due with bounded concurrency. */
    tick: async (): Promise<TickReport> => {
      const now = clock.now();
      const report: TickReport = {
        created: 0,
        missed: 0,
        sent: 0,
        empty: 0,
        failed: 0,
        deferred: 0,
        skipped: 0,
      };
      const { created, missed } = scheduleDue(now);
      report.created = created;
      report.missed = missed;
      const tickCache = {
        candidates: new Map<Day, Promise<Candidate[]>>(),
        compile: createTopicCompiler(),
      };
      const due = deliveries.due(now, 10_000);
      await runPool(due, options.concurrency, async (delivery) => {
        const outcome = await deliver(delivery, tickCache);
        report[outcome] += 1;
      });
      return report;
    },
  };
}

export type DeliveryEngine = ReturnType<typeof createDeliveryEngine>;

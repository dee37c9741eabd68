import { createTask, type ScheduledTask } from 'node-cron';
import type { Logger } from '../shared/logger.js';

export interface RunLock {
  /** Runs `job` unless one is already running; returns false when it skipped. */
  runExclusive(job: (signal: AbortSignal) => Promise<void>): Promise<boolean>;
  /** Aborts the running job (if any) and waits for it to settle. */
  drain(): Promise<void>;
}

/** One job at a time, in process: scheduled runs and the start-up run never overlap. */
export function createRunLock(): RunLock {
  let current: { done: Promise<void>; controller: AbortController } | null = null;
  return {
    runExclusive: async (job) => {
      if (current) return false;
      const controller = new AbortController();
      const done = job(controller.signal).finally(() => {
        current = null;
      });
      current = { done, controller };
      await done;
      return true;
    },
    drain: async () => {
      if (!current) return;
      current.controller.abort(new Error('shutting down'));
      await current.done.catch(() => {});
    },
  };
}

export interface Schedule {
  start(): void;
  /** Stops the timer, cancels a running job and waits for it. */
  stop(): Promise<void>;
}

/**
 * Runs `job` on a cron expression in a time zone (node-cron handles DST), never overlapping: a tick
 * that arrives while the previous run is still going is skipped and logged. A failing job is
 * logged and the schedule keeps going.
 */
export function createCronSchedule(options: {
  name: string;
  cron: string;
  timezone: string;
  lock: RunLock;
  logger: Logger;
  job: (signal: AbortSignal) => Promise<void>;
}): Schedule {
  const log = options.logger.child({ schedule: options.name });
  let task: ScheduledTask | null = null;
  const tick = async (): Promise<void> => {
    try {
      const ran = await options.lock.runExclusive(options.job);
      if (!ran) log.warn('scheduled run skipped: the previous run is still going');
    } catch (error) {
      log.error('scheduled run failed', { error });
    }
  };
  return {
    start: () => {
      task = createTask(options.cron, tick, {
        timezone: options.timezone,
        name: options.name,
        noOverlap: true,
      });
      void task.start();
      log.info('schedule started', { cron: options.cron, timezone: options.timezone });
    },
    stop: async () => {
      if (task) await task.destroy();
      task = null;
      await options.lock.drain();
    },
  };
}

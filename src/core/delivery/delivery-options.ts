/** How the delivery engine paces and retries; `DELIVERY_*` in the environment. */
export interface DeliveryOptions {
  /** A run missed by more than this (process down) is skipped with a reason instead of posted late. */
  catchUpMs: number;
  /** Tries of a transient failure before the delivery is marked failed. */
  maxAttempts: number;
  /** Backoff base between transient failures (doubles each try). */
  retryBaseMs: number;
  /** Channels delivered at once; one slow channel never holds up the others beyond this. */
  concurrency: number;
  /** Rate-limit waits up to this long happen inline; longer ones are rescheduled. */
  inlineRateLimitWaitMs: number;
}

export const DEFAULT_DELIVERY_OPTIONS = {
  catchUpMs: 6 * 3_600_000,
  maxAttempts: 5,
  retryBaseMs: 60_000,
  concurrency: 4,
  inlineRateLimitWaitMs: 10_000,
} as const satisfies DeliveryOptions;

import { validate as isValidCron } from 'node-cron';
import { z } from 'zod';
import { isValidTimeZone } from '../core/time-zone.js';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const url = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''));
const optionalSecret = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/**
 * Every environment variable Paperboy reads, flat as in the environment. `.env.example` documents
 * each key (a test keeps the two in sync). Defaults are the production values.
 */
export const envSchema = z
  .object({
    PAPERBOY_DB_PATH: z.string().min(1).default('./data/paperboy.db'),
    HF_API_BASE_URL: url.default('https://huggingface.co'),
    HF_TOKEN: optionalSecret,
    HF_TIMEOUT_MS: int(100, 300_000).default(15_000),
    HF_MAX_ATTEMPTS: int(1, 10).default(4),
    HF_RETRY_BASE_MS: int(1, 60_000).default(1_000),
    HF_MAX_RETRY_DELAY_MS: int(0, 3_600_000).default(120_000),
    INGEST_CRON: z
      .string()
      .default('0 6,12,18,22 * * 1-5')
      .refine((v) => isValidCron(v), 'not a valid cron expression, e.g. "0 6,12,18,22 * * 1-5"'),
    INGEST_TIMEZONE: z
      .string()
      .default('UTC')
      .refine(isValidTimeZone, 'not a known IANA time zone, e.g. "UTC" or "Europe/Berlin"'),
    INGEST_LOOKBACK_DAYS: int(0, 30).default(7),
    INGEST_ON_START: z.stringbool().default(true),
    PREVIEW_TOP: int(1, 50).default(10),
    DELIVERY_CATCH_UP_HOURS: z.coerce.number().min(0).max(72).default(6),
    DELIVERY_CONCURRENCY: int(1, 64).default(4),
    DELIVERY_MAX_ATTEMPTS: int(1, 20).default(5),
    DELIVERY_RETRY_BASE_MS: int(1, 3_600_000).default(60_000),
    LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: int(0, 65_535).default(3000),
  })
  .transform((env) => ({
    dbPath: env.PAPERBOY_DB_PATH,
    hf: {
      baseUrl: env.HF_API_BASE_URL,
      token: env.HF_TOKEN,
      timeoutMs: env.HF_TIMEOUT_MS,
      maxAttempts: env.HF_MAX_ATTEMPTS,
      retryBaseMs: env.HF_RETRY_BASE_MS,
      maxRetryDelayMs: env.HF_MAX_RETRY_DELAY_MS,
    },
    ingest: {
      cron: env.INGEST_CRON,
      timezone: env.INGEST_TIMEZONE,
      lookbackDays: env.INGEST_LOOKBACK_DAYS,
      onStart: env.INGEST_ON_START,
    },
    preview: { top: env.PREVIEW_TOP },
    delivery: {
      catchUpMs: env.DELIVERY_CATCH_UP_HOURS * 3_600_000,
      concurrency: env.DELIVERY_CONCURRENCY,
      maxAttempts: env.DELIVERY_MAX_ATTEMPTS,
      retryBaseMs: env.DELIVERY_RETRY_BASE_MS,
      inlineRateLimitWaitMs: 10_000,
    },
    log: { level: env.LOG_LEVEL, format: env.LOG_FORMAT },
    http: { host: env.HOST, port: env.PORT },
  }));

export type Config = z.output<typeof envSchema>;

/** The env keys the schema knows, for the .env.example sync test and `paperboy config`. */
export const ENV_KEYS = Object.keys(envSchema.in.shape) as Array<keyof typeof envSchema.in.shape>;

import { validate as isValidCron } from 'node-cron';
import { z } from 'zod';
import { isValidTimeZone } from '../core/time-zone.js';

const int = (min: number, max: number) => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};
const url = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''));
const optionalSecret = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/**
 * Every environment variable Paperboy reads, flat as in the environment. `.env.example` documents
 * each key (a test keeps the two in sync). Defaults are the production values.
 */
export const envObject = z.object({
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
  DISCORD_TOKEN: optionalSecret,
  DISCORD_APPLICATION_ID: z
    .string()
    .regex(/^\d{17,20}$/, 'a Discord application id is a 17–20 digit number')
    .optional(),
  DISCORD_PUBLIC_KEY: z
    .string()
    .regex(
      /^[0-9a-fA-F]{64}$/,
      'the public key is 64 hex characters (Developer Portal → General Information)',
    )
    .optional(),
  DISCORD_API_BASE_URL: url.default('https://discord.com/api'),
  DISCORD_COMMAND_GUILD_ID: z
    .string()
    .regex(/^\d{17,20}$/, 'a Discord server (guild) id is a 17–20 digit number')
    .optional(),
  SLACK_BOT_TOKEN: optionalSecret,
  SLACK_APP_TOKEN: optionalSecret,
  SLACK_SIGNING_SECRET: optionalSecret,
  SLACK_MANAGERS: z.enum(['members', 'admins']).default('members'),
  SLACK_API_BASE_URL: url.default('https://slack.com/api'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: int(0, 65_535).default(3000),
});

type EnvKey = keyof typeof envObject.shape;
type Env = z.output<typeof envObject>;

/**
 * A rule across several keys, checked as soon as those keys are valid, even when other keys are
 * not, so one start-up message lists every problem at once.
 */
function crossKeyRule(keys: EnvKey[], ok: (env: Env) => unknown, path: EnvKey, message: string) {
  const subset = envObject.pick(Object.fromEntries(keys.map((k) => [k, true])) as never);
  return {
    check: (env: Env) => Boolean(ok(env)),
    params: {
      path: [path],
      message,
      when: (payload: { value: unknown }) => subset.safeParse(payload.value).success,
    },
  };
}

const RULES = [
  crossKeyRule(
    ['DISCORD_PUBLIC_KEY', 'DISCORD_APPLICATION_ID'],
    (env) => !env.DISCORD_PUBLIC_KEY || env.DISCORD_APPLICATION_ID,
    'DISCORD_APPLICATION_ID',
    'required when DISCORD_PUBLIC_KEY is set (HTTP interactions mode)',
  ),
  crossKeyRule(
    ['DISCORD_PUBLIC_KEY', 'DISCORD_TOKEN'],
    (env) => !env.DISCORD_PUBLIC_KEY || env.DISCORD_TOKEN,
    'DISCORD_TOKEN',
    'required when DISCORD_PUBLIC_KEY is set: the bot token posts the digests',
  ),
  crossKeyRule(
    ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID'],
    (env) => !env.DISCORD_TOKEN || env.DISCORD_APPLICATION_ID,
    'DISCORD_APPLICATION_ID',
    'required when DISCORD_TOKEN is set (to register the /papers command)',
  ),
  crossKeyRule(
    ['SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN'],
    (env) => !(env.SLACK_APP_TOKEN || env.SLACK_SIGNING_SECRET) || env.SLACK_BOT_TOKEN,
    'SLACK_BOT_TOKEN',
    'required when SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set',
  ),
  crossKeyRule(
    ['SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN'],
    (env) => !env.SLACK_BOT_TOKEN || env.SLACK_APP_TOKEN || env.SLACK_SIGNING_SECRET,
    'SLACK_BOT_TOKEN',
    'needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode) to receive commands',
  ),
];

/** The whole environment schema: keys, cross-key rules, and the nested Config it becomes. */
export const envSchema = RULES.reduce(
  (schema, rule) => schema.refine(rule.check, rule.params),
  envObject as z.ZodType<Env, z.input<typeof envObject>>,
).transform((env) => ({
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
  discord: {
    token: env.DISCORD_TOKEN,
    applicationId: env.DISCORD_APPLICATION_ID,
    publicKey: env.DISCORD_PUBLIC_KEY?.toLowerCase(),
    apiBaseUrl: env.DISCORD_API_BASE_URL,
    /** Register /papers at start in this server only (instant, for testing) instead of globally. */
    commandGuildId: env.DISCORD_COMMAND_GUILD_ID,
  },
  slack: {
    botToken: env.SLACK_BOT_TOKEN,
    appToken: env.SLACK_APP_TOKEN,
    signingSecret: env.SLACK_SIGNING_SECRET,
    managers: env.SLACK_MANAGERS,
    /** With a trailing slash, as the Slack WebClient expects. */
    apiBaseUrl: `${env.SLACK_API_BASE_URL}/`,
  },
  log: { level: env.LOG_LEVEL, format: env.LOG_FORMAT },
  http: { host: env.HOST, port: env.PORT },
}));

export type Config = z.output<typeof envSchema>;

/** The env keys the schema knows, for the .env.example sync test and `paperboy config`. */
export const ENV_KEYS = Object.keys(envObject.shape) as Array<keyof typeof envObject.shape>;

import { pino, type Logger as PinoLogger } from 'pino';

export type LogFields = Record<string, unknown>;
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

/** Structured logging: a message plus fields. Ids go in fields, never inside the message. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

/**
 * Field names whose values are replaced by "[redacted]" wherever they appear (two levels deep),
 * so a token can never reach a log line even when a whole config object is logged by mistake.
 */
export const REDACTED_KEYS = [
  'token',
  'hfToken',
  'botToken',
  'appToken',
  'signingSecret',
  'publicKey',
  'secret',
  'password',
  'authorization',
  'cookie',
] as const;

const redactPaths = REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

function wrap(log: PinoLogger): Logger {
  return {
    debug: (msg, fields) => log.debug(fields ?? {}, msg),
    info: (msg, fields) => log.info(fields ?? {}, msg),
    warn: (msg, fields) => log.warn(fields ?? {}, msg),
    error: (msg, fields) => log.error(fields ?? {}, msg),
    child: (fields) => wrap(log.child(fields)),
  };
}

export interface LoggerOptions {
  level: LogLevel;
  /** `pretty` for people at a terminal, `json` for machines; `auto` picks pretty on a TTY. */
  format: 'auto' | 'json' | 'pretty';
  /** Where lines go; defaults to stderr so stdout stays clean for command output (`--json`). */
  destination?: NodeJS.WritableStream;
}

/** JSON lines in production, readable lines on a TTY; secrets redacted. */
export function createLogger(options: LoggerOptions): Logger {
  const destination = options.destination ?? process.stderr;
  const isTty = 'isTTY' in destination && destination.isTTY === true;
  const pretty = options.format === 'pretty' || (options.format === 'auto' && isTty);
  const base = {
    level: options.level,
    base: { app: 'paperboy' },
    redact: { paths: redactPaths, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (pretty) {
    return wrap(
      pino({
        ...base,
        transport: {
          target: 'pino-pretty',
          options: { destination: 2, colorize: isTty, ignore: 'pid,hostname,app' },
        },
      }),
    );
  }
  return wrap(pino(base, destination as pino.DestinationStream));
}

/** Discards everything. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};

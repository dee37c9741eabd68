import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../shared/logger.js';

/** Bolt passes strings, objects and errors; one readable line, never a token. */
function line(parts: unknown[]): string {
  return parts
    .map((p) => {
      if (typeof p === 'string') return p;
      if (p instanceof Error) return p.message;
      try {
        return JSON.stringify(p);
      } catch {
        return String(p);
      }
    })
    .join(' ')
    .replace(/xox[abposr]-[\w-]+|xapp-[\w-]+/g, '[redacted]');
}

/**
 * Bolt's, the WebClient's and Socket Mode's logs through our logger (style guide §6). Our
 * logger filters by level; Bolt only asks for the level to decide on verbose extras, so it is
 * told what it set (INFO unless changed).
 */
export function toBoltLogger(logger: Logger): BoltLogger {
  let level: LogLevel = LogLevel.INFO;
  let name = 'bolt';
  return {
    debug: (...msg: unknown[]) => logger.debug(line(msg), { lib: name }),
    info: (...msg: unknown[]) => logger.info(line(msg), { lib: name }),
    warn: (...msg: unknown[]) => logger.warn(line(msg), { lib: name }),
    error: (...msg: unknown[]) => logger.error(line(msg), { lib: name }),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next: string) => {
      name = next;
    },
  };
}

import type { LogFields, Logger } from '../../src/shared/logger.js';

export interface CapturedLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
  fields: LogFields;
}

/** An in-memory logger for tests: every line is kept in `lines`, with bound child fields merged. */
export function createTestLogger(): Logger & { lines: CapturedLine[] } {
  const lines: CapturedLine[] = [];
  const make = (bound: LogFields): Logger => {
    const at =
      (level: CapturedLine['level']) =>
      (msg: string, fields?: LogFields): void => {
        lines.push({ level, msg, fields: { ...bound, ...fields } });
      };
    return {
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      child: (fields) => make({ ...bound, ...fields }),
    };
  };
  return Object.assign(make({}), { lines });
}

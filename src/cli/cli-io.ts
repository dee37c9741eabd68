import type { AppOverrides } from '../app.js';

/** Everything a CLI command touches outside itself, so tests run commands in process. */
export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM in production). */
  waitForShutdown: () => Promise<string>;
  /** Swaps for the app's clock, network and logger (tests). */
  overrides?: AppOverrides;
}

/** Exit codes: 0 done, 1 the work failed (e.g. a day could not be fetched), 2 bad usage or config. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export function isTty(stream: NodeJS.WritableStream): boolean {
  return 'isTTY' in stream && stream.isTTY === true;
}

/** Builds the app, runs a command body that returns an exit code, and always closes the app. */
export type WithApp = (
  fn: (app: import('../app.js').App) => Promise<number>,
  /** `quiet`: log errors only (e.g. while a progress bar owns the terminal). */
  options?: { quiet?: boolean },
) => Promise<void>;

import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { runCli } from './cli/program.js';

/**
 * The sole entry point: reads `.env` when present (the real environment wins), then runs the
 * command line. Node 20 has no --env-file-if-exists, hence the small check here.
 */
function environment(): Record<string, string | undefined> {
  if (!existsSync('.env')) return process.env;
  const fromFile = parseEnv(readFileSync('.env', 'utf8'));
  return { ...fromFile, ...process.env };
}

const waitForShutdown = (): Promise<string> =>
  new Promise((resolve) => {
    const onSignal = (signal: string): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });

const args = process.argv.slice(2);
process.exitCode = await runCli(args.length > 0 ? args : ['--help'], {
  env: environment(),
  stdout: process.stdout,
  stderr: process.stderr,
  waitForShutdown,
});

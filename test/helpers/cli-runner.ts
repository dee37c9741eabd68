import { PassThrough } from 'node:stream';
import type { AppOverrides } from '../../src/app.js';
import { runCli } from '../../src/cli/program.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one `paperboy` command line in process with its own environment and captured output. */
export async function runPaperboy(
  argv: string[],
  env: Record<string, string>,
  overrides: AppOverrides = {},
  waitForShutdown: () => Promise<string> = () => new Promise(() => {}),
): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await runCli(argv, { env, stdout, stderr, waitForShutdown, overrides });
  return { code, stdout: out, stderr: err };
}

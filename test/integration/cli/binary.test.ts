import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, buildDist } from '../../helpers/build.js';

const waitFor = async (check: () => boolean, ms = 10_000): Promise<void> => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('the built paperboy binary', () => {
  beforeAll(() => buildDist());

  it('lists the commands with --help', () => {
    const run = spawnSync(process.execPath, ['bin/paperboy.js', '--help'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(run.status).toBe(0);
    for (const command of ['start', 'ingest', 'search', 'status', 'digest', 'migrate']) {
      expect(run.stdout).toContain(command);
    }
  });

  it('`npm start` (the package.json start script) starts the bot, which answers /healthz and shuts down cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-bin-'));
    let child: ChildProcess | undefined;
    try {
      const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
        scripts: { start: string };
      };
      const [command, ...args] = pkg.scripts.start.split(' ');
      expect(command).toBe('node');
      child = spawn(process.execPath, args, {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          PAPERBOY_DB_PATH: join(dir, 'p.db'),
          HF_API_BASE_URL: 'http://127.0.0.1:9',
          HF_MAX_ATTEMPTS: '1',
          INGEST_ON_START: 'false',
          LOG_FORMAT: 'json',
          HOST: '127.0.0.1',
          PORT: '0',
        },
      });
      let logs = '';
      child.stderr?.on('data', (c: Buffer) => (logs += c.toString()));
      await waitFor(() => logs.includes('paperboy started'));
      const port = Number(/"port":(\d+)/.exec(logs)?.[1]);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(logs).toContain('paperboy stopped');
    } finally {
      child?.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

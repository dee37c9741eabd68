import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../../src/app.js';
import { createManualClock } from '../../../src/shared/clock.js';
import { type FakeHfApi, startFakeHfApi } from '../../fakes/fake-hf-api.js';
import { loadHfFixture } from '../../helpers/hf-fixtures.js';
import { makeTestConfig } from '../../helpers/test-config.js';
import { createTestLogger } from '../../helpers/test-logger.js';

/** Resolves when `port` can be bound again, i.e. the server really released it. */
const canBind = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

describe('the bot (preview mode)', () => {
  let hf: FakeHfApi;
  let app: App | undefined;
  let printed: string;
  const logger = createTestLogger();

  beforeEach(async () => {
    hf = await startFakeHfApi({
      days: {
        '2025-12-01': loadHfFixture('day-2025-12-01'),
        '2025-12-02': loadHfFixture('day-2025-12-02'),
      },
    });
    printed = '';
  });
  afterEach(async () => {
    await app?.stop();
    await hf.close();
  });

  const boot = (env: Record<string, string> = {}) => {
    app = createApp(
      makeTestConfig({ HF_API_BASE_URL: hf.baseUrl, INGEST_LOOKBACK_DAYS: '2', ...env }),
      {
        clock: createManualClock('2025-12-03T08:00:00Z'),
        logger,
        sleep: async () => {},
        output: { write: (text: string) => (printed += text) },
      },
    );
    return app;
  };

  it('serves /healthz with the store state and the last ingest outcome', async () => {
    const bot = boot();
    const { port } = await bot.start();
    const before = await (await fetch(`http://127.0.0.1:${port}/healthz`)).json();
    expect(before).toMatchObject({
      status: 'ok',
      store: { ok: true, papers: 0 },
      lastIngest: null,
      mode: 'preview',
    });
    await bot.ingest(['2025-12-01', '2025-12-02']);
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      store: { ok: true, papers: 37 },
      lastIngest: { day: '2025-12-02', status: 'ok', counts: { fetched: 12, new: 12 } },
    });
    expect((await fetch(`http://127.0.0.1:${port}/nope`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`, { method: 'POST' })).status).toBe(405);
  });

  it('reports a failed last ingest with its reason', async () => {
    const bot = boot();
    const { port } = await bot.start();
    hf.failNext(3, { status: 502 });
    await bot.ingest(['2025-12-02']);
    const body = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as {
      lastIngest: unknown;
    };
    expect(body.lastIngest).toMatchObject({
      status: 'failed',
      errorCode: 'source.http_error',
      reason: 'HTTP 502 from Hugging Face after 3 tries',
    });
  });

  it('ingests on start and prints the latest day’s digest with links', async () => {
    const bot = boot({ INGEST_ON_START: 'true', PREVIEW_TOP: '3' });
    await bot.start();
    for (let i = 0; i < 200 && !printed.includes('Paperboy digest'); i += 1) {
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(printed).toContain(
      'Paperboy digest · Hugging Face Daily Papers of Tue 2 Dec 2025 · top 3 of 12',
    );
    expect(printed).toContain('https://huggingface.co/papers/');
    expect(printed).toContain('arXiv https://arxiv.org/abs/');
    expect(printed.match(/^\s*\d+\. /gm)).toHaveLength(3);
  });

  it('says what to do when nothing is stored yet, and why when fetching failed', async () => {
    const bot = boot();
    expect(bot.previewDigest()).toContain('No papers stored yet. The first ingest fills the store');
    hf.failNext(3, { status: 503 });
    await bot.ingest(['2025-12-02']);
    expect(bot.previewDigest()).toBe(
      'No papers stored yet: fetching from Hugging Face failed (HTTP 503 from Hugging Face after 3 tries). ' +
        'Paperboy retries on its schedule (0 6,12,18,22 * * 1-5, UTC); `paperboy ingest` retries now.\n',
    );
  });

  it('stops cleanly: the port is released and stop is idempotent', async () => {
    const bot = boot();
    const { port } = await bot.start();
    await bot.stop();
    await bot.stop();
    expect(await canBind(port)).toBe(true);
    app = undefined;
  });
});

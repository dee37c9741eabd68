/** The HF source against the fake API: paging, requests sent, items kept or skipped, cancel. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { realSleep } from '../../../src/shared/clock.js';
import { HF_MAX_PAGES } from '../../../src/sources/hf/hf-daily-papers-source.js';
import type { FakeHfApi } from '../../fakes/fake-hf-api.js';
import {
  createTestHfSource,
  expectOk,
  startFixtureHfApi,
  fetchReturning,
  loadHfFixture,
  makeHfItem,
  TEST_HF_USER_AGENT,
} from '../../helpers/hf-fixtures.js';

const TOKEN = 'hf_testTokenThatMustNeverBeLogged';

let api: FakeHfApi;

beforeEach(async () => {
  api = await startFixtureHfApi();
});

afterEach(async () => {
  await api.close();
});

/** A source aimed at the fake: recording sleep that never waits, jitter 0.5, 4 attempts. */
const setup = (overrides: Parameters<typeof createTestHfSource>[1] = {}) =>
  createTestHfSource(api.baseUrl, overrides);

function fixtureIds(name: string): string[] {
  return loadHfFixture(name).map((item) => (item as { paper: { id: string } }).paper.id);
}

describe('HF daily papers source: paging and requests', () => {
  it('pages through 25 items at pageSize 10 with p=0,1,2 and keeps upvote order', async () => {
    const { source, logger } = setup({ pageSize: 10 });
    const result = expectOk(await source.fetchDay('2025-12-01'));

    expect(result.day).toBe('2025-12-01');
    expect(result.papers.map((p) => p.id)).toEqual(fixtureIds('day-2025-12-01'));
    expect(result.skipped).toEqual([]);
    expect(api.requests.map((r) => `${r.path}${r.search}`)).toEqual([
      '/api/daily_papers?date=2025-12-01&limit=10&p=0',
      '/api/daily_papers?date=2025-12-01&limit=10&p=1',
      '/api/daily_papers?date=2025-12-01&limit=10&p=2',
    ]);
    const pages = logger.lines.filter((l) => l.level === 'debug').map((l) => l.fields);
    expect(pages).toEqual([
      expect.objectContaining({ day: '2025-12-01', page: 0, count: 10, status: 200 }),
      expect.objectContaining({ day: '2025-12-01', page: 1, count: 10, status: 200 }),
      expect.objectContaining({ day: '2025-12-01', page: 2, count: 5, status: 200 }),
    ]);
  });

  it('asks for limit=100 by default and stops after one short page', async () => {
    const { source } = setup();
    const result = expectOk(await source.fetchDay('2025-12-02'));
    expect(result.papers).toHaveLength(12);
    expect(api.requests.map((r) => r.search)).toEqual(['?date=2025-12-02&limit=100&p=0']);
  });

  it('fetches one more (empty) page when the last page is exactly full', async () => {
    api.setDay('2025-12-04', loadHfFixture('day-2025-12-01').slice(0, 20));
    const { source } = setup({ pageSize: 10 });
    expect(expectOk(await source.fetchDay('2025-12-04')).papers).toHaveLength(20);
    expect(api.requests.map((r) => r.query['p'])).toEqual(['0', '1', '2']);
  });

  it('sends User-Agent, Accept and the bearer token, and never logs the token', async () => {
    const { source, logger } = setup({ token: TOKEN });
    await source.fetchDay('2025-12-02');
    const headers = api.requests[0]?.headers;
    expect(headers?.['user-agent']).toBe(TEST_HF_USER_AGENT);
    expect(headers?.['accept']).toBe('application/json');
    expect(headers?.['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(JSON.stringify(logger.lines)).not.toContain(TOKEN);
  });

  it('sends no Authorization header without a token', async () => {
    const { source } = setup();
    await source.fetchDay('2025-12-02');
    expect(api.requests[0]?.headers).not.toHaveProperty('authorization');
  });

  it('keeps a paper seen on two pages once (its first, higher-ranked copy)', async () => {
    const a = makeHfItem({ paper: { id: '2512.00001', upvotes: 10 } });
    const b = makeHfItem({ paper: { id: '2512.00002', upvotes: 9 } });
    const aAgain = makeHfItem({ paper: { id: '2512.00001', upvotes: 8 } });
    const c = makeHfItem({ paper: { id: '2512.00003', upvotes: 7 } });
    api.setDay('2025-12-04', [a, b, aAgain, c]);
    const { source } = setup({ pageSize: 2 });
    const result = expectOk(await source.fetchDay('2025-12-04'));
    expect(result.papers.map((p) => [p.id, p.upvotes])).toEqual([
      ['2512.00001', 10],
      ['2512.00002', 9],
      ['2512.00003', 7],
    ]);
  });

  it('stops when a full page brings only ids already seen', async () => {
    const page = JSON.stringify([
      makeHfItem({ paper: { id: '2512.00001' } }),
      makeHfItem({ paper: { id: '2512.00002' } }),
    ]);
    const fetch = fetchReturning(() => page);
    const { source } = setup({ pageSize: 2, fetch });
    expect(expectOk(await source.fetchDay('2025-12-04')).papers).toHaveLength(2);
    expect(fetch.calls).toBe(2);
  });

  it(`gives up after ${HF_MAX_PAGES} full pages of new ids`, async () => {
    const fetch = fetchReturning((_url, call) =>
      JSON.stringify([makeHfItem({ paper: { id: `2512.${String(call).padStart(5, '0')}` } })]),
    );
    const { source } = setup({ pageSize: 1, fetch });
    const result = await source.fetchDay('2025-12-04');
    expect(result).toMatchObject({ status: 'failed', code: 'source.bad_response' });
    expect(fetch.calls).toBe(HF_MAX_PAGES);
  });

  it('returns an empty ok day for a weekend', async () => {
    const { source } = setup();
    const result = expectOk(await source.fetchDay('2025-12-06'));
    expect(result.papers).toEqual([]);
    expect(api.requests).toHaveLength(1);
  });

  it('skips schema-breaking items, keeps the rest, and warns for each', async () => {
    const { source, logger } = setup();
    const result = expectOk(await source.fetchDay('2025-12-03'));
    expect(result.papers).toHaveLength(6);
    expect(result.skipped).toEqual([
      { id: null, reason: expect.stringMatching(/^paper\.id: /) },
      { id: '2511.31827', reason: expect.stringMatching(/^paper\.upvotes: /) },
    ]);
    const warns = logger.lines.filter((l) => l.level === 'warn');
    expect(warns).toEqual([
      {
        level: 'warn',
        msg: 'skipped invalid paper',
        fields: { day: '2025-12-03', paperId: null, reason: expect.any(String) },
      },
      {
        level: 'warn',
        msg: 'skipped invalid paper',
        fields: { day: '2025-12-03', paperId: '2511.31827', reason: expect.any(String) },
      },
    ]);
  });

  it('keeps each item as raw JSON', async () => {
    const { source } = setup();
    const result = expectOk(await source.fetchDay('2025-12-02'));
    const first = result.papers[0];
    expect(JSON.parse(first?.raw ?? 'null')).toEqual(loadHfFixture('day-2025-12-02')[0]);
  });
});

describe('HF daily papers source: cancellation', () => {
  it('fails with "cancelled" when the signal is already aborted, sending nothing', async () => {
    const { source } = setup();
    const result = await source.fetchDay('2025-12-02', AbortSignal.abort());
    expect(result).toMatchObject({ status: 'failed', reason: 'cancelled' });
    expect(api.requests).toHaveLength(0);
  });

  it('fails with "cancelled" when the signal aborts mid-request', async () => {
    api.failNext(1, { kind: 'timeout' });
    const { source } = setup({ timeoutMs: 5_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const result = await source.fetchDay('2025-12-02', controller.signal);
    expect(result).toEqual({
      status: 'failed',
      day: '2025-12-02',
      code: 'source.fetch_failed',
      reason: 'cancelled',
    });
  });

  it('fails with "cancelled" when the signal aborts during a retry wait', async () => {
    api.failNext(1, { status: 429, retryAfter: '30' });
    const { source } = setup({ sleep: realSleep });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const result = await source.fetchDay('2025-12-02', controller.signal);
    expect(result).toMatchObject({ status: 'failed', reason: 'cancelled' });
  });
});

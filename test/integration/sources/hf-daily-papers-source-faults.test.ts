/** The HF source against scripted faults: 429, 5xx, timeouts, resets, bad bodies, 4xx. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { retryDelayFromHeaders } from '../../../src/sources/hf/hf-daily-papers-source.js';
import { startFakeHfApi, type FakeHfApi } from '../../fakes/fake-hf-api.js';
import {
  createTestHfSource,
  expectOk,
  fetchReturning,
  startFixtureHfApi,
} from '../../helpers/hf-fixtures.js';

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

describe('HF daily papers source: faults', () => {
  it('honours Retry-After on 429, then succeeds', async () => {
    api.failNext(1, { status: 429, retryAfter: '7' });
    const { source, sleeps } = setup();
    expect(expectOk(await source.fetchDay('2025-12-02')).papers).toHaveLength(12);
    expect(sleeps).toEqual([7_000]);
    expect(api.requests).toHaveLength(2);
  });

  it('uses the RateLimit t= when there is no Retry-After', async () => {
    api.failNext(1, { status: 429, retryAfter: null, rateLimit: '"api";r=0;t=12' });
    const { source, sleeps } = setup();
    expectOk(await source.fetchDay('2025-12-02'));
    expect(sleeps).toEqual([12_000]);
  });

  it('fails the day at once when a 429 asks for longer than the cap', async () => {
    api.failNext(1, { status: 429, retryAfter: '3600' });
    const { source, sleeps } = setup({ maxRetryDelayMs: 60_000 });
    const result = await source.fetchDay('2025-12-02');
    expect(result).toMatchObject({
      status: 'failed',
      day: '2025-12-02',
      code: 'source.rate_limited',
    });
    expect(result.status === 'failed' && result.reason).toMatch(/3600 s.*60 s/);
    expect(sleeps).toEqual([]);
    expect(api.requests).toHaveLength(1);
  });

  it('retries a 500 with backoff, then succeeds', async () => {
    api.failNext(1, { status: 500 });
    const { source, sleeps } = setup();
    expectOk(await source.fetchDay('2025-12-02'));
    expect(sleeps).toEqual([50]); // random 0.5 × 100 ms × 2^0
  });

  it('backs off exponentially with full jitter and fails after maxAttempts 5xx', async () => {
    api.failNext(10, { status: 503 });
    const { source, sleeps } = setup({ maxAttempts: 4 });
    const result = await source.fetchDay('2025-12-02');
    expect(result).toEqual({
      status: 'failed',
      day: '2025-12-02',
      code: 'source.http_error',
      reason: 'HTTP 503 from Hugging Face after 4 tries',
    });
    expect(sleeps).toEqual([50, 100, 200]);
    expect(api.requests).toHaveLength(4);
  });

  it('caps a backoff step at maxRetryDelayMs', async () => {
    api.failNext(3, { status: 502 });
    const { source, sleeps } = setup({
      retryBaseMs: 1_000,
      maxRetryDelayMs: 1_500,
      random: () => 1,
    });
    expectOk(await source.fetchDay('2025-12-02'));
    expect(sleeps).toEqual([1_000, 1_500, 1_500]);
  });

  it('fails the whole day when a later page keeps failing', async () => {
    api.failNext(4, { status: 503 }, { page: 1 });
    const { source } = setup({ pageSize: 10 });
    const result = await source.fetchDay('2025-12-01');
    expect(result).toMatchObject({
      status: 'failed',
      code: 'source.http_error',
      reason: 'HTTP 503 from Hugging Face after 4 tries (page 2)',
    });
    expect(api.requests.map((r) => r.query['p'])).toEqual(['0', '1', '1', '1', '1']);
  });

  it('retries timeouts and fails after maxAttempts with a readable reason', async () => {
    api.failNext(3, { kind: 'timeout' });
    const { source, sleeps } = setup({ timeoutMs: 100, maxAttempts: 3 });
    const result = await source.fetchDay('2025-12-02');
    expect(result).toEqual({
      status: 'failed',
      day: '2025-12-02',
      code: 'source.timeout',
      reason: 'timed out after 0.1 s (3 tries)',
    });
    expect(sleeps).toHaveLength(2);
    expect(api.requests).toHaveLength(3);
  });

  it('recovers from one timeout', async () => {
    api.failNext(1, { kind: 'timeout' });
    const { source } = setup({ timeoutMs: 100 });
    expect(expectOk(await source.fetchDay('2025-12-02')).papers).toHaveLength(12);
  });

  it('retries a connection reset, then succeeds', async () => {
    api.failNext(1, { kind: 'reset' });
    const { source, sleeps } = setup();
    expectOk(await source.fetchDay('2025-12-02'));
    expect(sleeps).toHaveLength(1);
    expect(api.requests).toHaveLength(2);
  });

  it('fails with fetch_failed after repeated resets', async () => {
    api.failNext(2, { kind: 'reset' });
    const { source } = setup({ maxAttempts: 2 });
    const result = await source.fetchDay('2025-12-02');
    expect(result).toMatchObject({ status: 'failed', code: 'source.fetch_failed' });
    expect(result.status === 'failed' && result.reason).toMatch(
      /^connection to Hugging Face lost \(\w+\) after 2 tries$/,
    );
  });

  it('fails with fetch_failed when the connection is refused', async () => {
    const closed = await startFakeHfApi();
    await closed.close();
    const { source } = setup({ baseUrl: closed.baseUrl, maxAttempts: 2 });
    const result = await source.fetchDay('2025-12-02');
    expect(result).toEqual({
      status: 'failed',
      day: '2025-12-02',
      code: 'source.fetch_failed',
      reason: 'could not reach Hugging Face (ECONNREFUSED) after 2 tries',
    });
  });

  it('fails with bad_response on a truncated JSON body, without retrying', async () => {
    api.failNext(1, { kind: 'malformed' });
    const { source } = setup();
    const result = await source.fetchDay('2025-12-02');
    expect(result).toMatchObject({ status: 'failed', code: 'source.bad_response' });
    expect(api.requests).toHaveLength(1);
  });

  it('fails with bad_response when the body is JSON but not an array', async () => {
    const { source } = setup({ fetch: fetchReturning(() => '{"error":"odd"}') });
    const result = await source.fetchDay('2025-12-02');
    expect(result).toMatchObject({
      status: 'failed',
      code: 'source.bad_response',
      reason: 'expected a JSON array of papers, got object',
    });
  });

  it('fails at once on a 400 for a bad date, with one request only', async () => {
    const { source, sleeps } = setup();
    const result = await source.fetchDay('2025-13-40');
    expect(result).toEqual({
      status: 'failed',
      day: '2025-13-40',
      code: 'source.http_error',
      reason: 'HTTP 400 from Hugging Face (Invalid date)',
    });
    expect(api.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('normalises an unexpected throw from fetch into a failed day', async () => {
    const fetch = (async () => {
      throw new RangeError('boom');
    }) as typeof globalThis.fetch;
    const { source, logger } = setup({ fetch });
    const result = await source.fetchDay('2025-12-02');
    expect(result).toEqual({
      status: 'failed',
      day: '2025-12-02',
      code: 'source.fetch_failed',
      reason: 'unexpected error: boom',
    });
    expect(logger.lines.some((l) => l.level === 'error')).toBe(true);
  });
});

describe('retryDelayFromHeaders', () => {
  const now = Date.parse('2025-12-03T12:00:00Z');
  it.each([
    [{ 'retry-after': '120' }, 120_000],
    [{ 'retry-after': 'Wed, 03 Dec 2025 12:00:30 GMT' }, 30_000],
    [{ 'retry-after': 'Wed, 03 Dec 2025 11:00:00 GMT' }, 0],
    [{ ratelimit: '"api";r=0;t=55' }, 55_000],
    [{ 'retry-after': '5', ratelimit: '"api";r=0;t=55' }, 5_000],
    [{ 'retry-after': 'soon' }, null],
    [{}, null],
  ])('%j → %s ms', (headers, expected) => {
    expect(retryDelayFromHeaders(new Headers(headers), now)).toBe(expected);
  });
});

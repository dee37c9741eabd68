import { readFileSync } from 'node:fs';
import type { DayFetch, PaperSource } from '../../src/core/ports.js';
import { type FakeHfApi, startFakeHfApi } from '../fakes/fake-hf-api.js';
import type { Sleep } from '../../src/shared/clock.js';
import {
  createHfDailyPapersSource,
  type HfDailyPapersSourceDeps,
} from '../../src/sources/hf/hf-daily-papers-source.js';
import { createTestLogger } from './test-logger.js';

/** The project's HF fixtures (see fixtures/hf/README.md). */
const FIXTURES_DIR = new URL('../../fixtures/hf/', import.meta.url);

/**
 * Reads `fixtures/hf/<name>.json` (the `.json` may be given or left out) and returns its items.
 * Each call returns a fresh copy, so tests may mutate what they get.
 */
export function loadHfFixture(name: string): unknown[] {
  const file = name.endsWith('.json') ? name : `${name}.json`;
  const parsed: unknown = JSON.parse(readFileSync(new URL(file, FIXTURES_DIR), 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`fixtures/hf/${file} is not a JSON array`);
  return parsed;
}

/** A daily_papers item as tests build it: loose on purpose, so broken shapes can be made too. */
export interface HfItem {
  paper: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * Overrides for {@link makeHfItem}. Keys under `paper` are merged into the nested paper; every
 * other key goes to the top level. A value of `undefined` removes the key (to test "absent").
 */
export interface HfItemOverrides {
  paper?: Record<string, unknown>;
  [key: string]: unknown;
}

function applyOverrides(target: Record<string, unknown>, overrides: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete target[key];
    else target[key] = value;
  }
}

/**
 * A valid newest-schema (2026-08) daily_papers item with every optional field present:
 * id 2512.01234, 12 upvotes, two authors, AI summary, GitHub repo, project page, organization.
 *
 * @example makeHfItem({ paper: { id: '2512.00001', upvotes: 3, ai_summary: undefined } })
 */
export function makeHfItem(overrides: HfItemOverrides = {}): HfItem {
  const id = typeof overrides.paper?.['id'] === 'string' ? overrides.paper['id'] : '2512.01234';
  const title = 'Sparse Mixtures of Tiny Experts for On-Device Reasoning';
  const summary =
    'We study how far tiny experts can go. A router picks two of sixty-four experts per token, ' +
    'which keeps on-device latency flat while matching a dense model twice the size.';
  const user = {
    _id: '65df4f5af3efe60b06ea1409',
    avatarUrl: '/avatars/53e53c84f987989deb351dd2ae6ee558.svg',
    isPro: false,
    fullname: 'Ada Example',
    user: 'ada-example',
    type: 'user',
    name: 'ada-example',
  };
  const organization = {
    _id: '6a47c76878735a616d396f98',
    name: 'tiny-labs',
    fullname: 'Tiny Labs',
    avatar: 'https://cdn-avatars.huggingface.co/v1/production/uploads/tiny-labs.png',
  };
  const paper: Record<string, unknown> = {
    id,
    authors: [
      {
        _id: '6a829cdfb601d59c652814d7',
        user,
        name: 'Ada Example',
        status: 'claimed_verified',
        statusLastChangedAt: '2025-12-01T08:45:04.805Z',
        hidden: false,
      },
      { _id: '6a829cdfb601d59c652814d8', name: 'Björn Ødegård', hidden: false },
    ],
    publishedAt: '2025-11-27T17:59:01.000Z',
    submittedOnDailyAt: '2025-12-01T00:00:00.000Z',
    title,
    submittedOnDailyBy: user,
    summary,
    upvotes: 12,
    discussionId: '692d1f3a0e5c2b1a4f6e8d90',
    projectPage: 'https://tiny-labs.github.io/tiny-experts/',
    githubRepo: 'https://github.com/tiny-labs/tiny-experts',
    githubRepoAddedBy: 'user',
    ai_summary:
      'Routing each token to two tiny experts matches a dense model twice the size on device.',
    ai_keywords: ['mixture of experts', 'on-device inference', 'sparse routing'],
    ai_summary_model: 'thinkingmachines/Inkling-Small',
    githubStars: 76,
    organization,
  };
  const item: HfItem = {
    paper,
    publishedAt: '2025-11-27T12:59:01.000Z',
    title,
    summary,
    thumbnail: `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${id}.png`,
    numComments: 2,
    submittedBy: {
      ...user,
      isHf: false,
      isHfAdmin: false,
      isMod: false,
      followerCount: 3,
      isUserFollowing: false,
    },
    organization,
    isAuthorParticipating: true,
  };
  const { paper: paperOverrides, ...topOverrides } = overrides;
  applyOverrides(paper, paperOverrides ?? {});
  applyOverrides(item, topOverrides);
  return item;
}

/** The User-Agent {@link createTestHfSource} sends. */
export const TEST_HF_USER_AGENT = 'Paperboy/0.1 (+https://github.com/example/paperboy; test)';

/** A source under test, with what it slept and logged. */
export interface TestHfSource {
  source: PaperSource;
  /** Every delay the source asked to sleep, in ms (the sleep itself returns at once). */
  sleeps: number[];
  logger: ReturnType<typeof createTestLogger>;
}

/**
 * An HF source aimed at `baseUrl` (a fake), test-friendly: a sleep that records and never waits,
 * jitter fixed at 0.5, 4 attempts, 100 ms backoff base, 60 s cap, 2 s timeout.
 */
export function createTestHfSource(
  baseUrl: string,
  overrides: Partial<HfDailyPapersSourceDeps> = {},
): TestHfSource {
  const sleeps: number[] = [];
  const sleep: Sleep = async (ms) => {
    sleeps.push(ms);
  };
  const logger = createTestLogger();
  const source = createHfDailyPapersSource({
    baseUrl,
    timeoutMs: 2_000,
    maxAttempts: 4,
    retryBaseMs: 100,
    maxRetryDelayMs: 60_000,
    userAgent: TEST_HF_USER_AGENT,
    logger,
    sleep,
    random: () => 0.5,
    ...overrides,
  });
  return { source, sleeps, logger };
}

/**
 * A `fetch` stand-in (no socket at all) answering `200` with `body(url, call)`, for shapes the
 * fake API does not serve. `calls` counts the requests.
 */
export function fetchReturning(
  body: (url: URL, call: number) => string,
): typeof fetch & { calls: number } {
  const fn = Object.assign(
    async (input: string | URL | Request): Promise<Response> => {
      fn.calls += 1;
      return new Response(body(new URL(String(input)), fn.calls), {
        status: 200,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
      });
    },
    { calls: 0 },
  );
  return fn;
}

/** The HF stand-in serving the project's three fixture days (1–3 Dec 2025). */
export function startFixtureHfApi(): Promise<FakeHfApi> {
  return startFakeHfApi({
    days: {
      '2025-12-01': loadHfFixture('day-2025-12-01'),
      '2025-12-02': loadHfFixture('day-2025-12-02'),
      '2025-12-03': loadHfFixture('day-2025-12-03'),
    },
  });
}

/** Narrows a DayFetch to ok, failing the test with the reason otherwise. */
export function expectOk(result: DayFetch): Extract<DayFetch, { status: 'ok' }> {
  if (result.status !== 'ok') throw new Error(`expected ok, got ${result.code}: ${result.reason}`);
  return result;
}

import type { Day } from '../../core/day.js';
import type { SourcePaper } from '../../core/paper.js';
import type { DayFetch, PaperSource, SkippedItem } from '../../core/ports.js';
import type { Sleep } from '../../shared/clock.js';
import { describeError, type ErrorCode } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { parseDailyPapersItem } from './hf-daily-papers.schema.js';

/** Dependencies of {@link createHfDailyPapersSource}. Every endpoint and delay is injectable. */
export interface HfDailyPapersSourceDeps {
  /** e.g. `https://huggingface.co`; tests point it at a loopback fake. */
  baseUrl: string;
  /** Optional HF token, sent as `Authorization: Bearer …` (higher rate limit). Never logged. */
  token?: string;
  /** Per-request timeout, covering headers and body. */
  timeoutMs: number;
  /** Tries per page in total, first one included. */
  maxAttempts: number;
  /** Base of the full-jitter exponential backoff: a retry waits random() × base × 2^n. */
  retryBaseMs: number;
  /** Longest single wait; a 429 asking for longer fails the day instead of sleeping. */
  maxRetryDelayMs: number;
  /** Items per page (`limit`), 1–100. Default 100, the API's maximum. */
  pageSize?: number;
  userAgent: string;
  logger: Logger;
  sleep: Sleep;
  random?: () => number;
  fetch?: typeof fetch;
}

/** Stops paging after this many pages even if the server keeps sending full pages. */
export const HF_MAX_PAGES = 50;
const DEFAULT_PAGE_SIZE = 100;

type Failure = { code: ErrorCode; reason: string };

/** One try's outcome: items, a retryable fault (with an optional server-chosen delay), or final. */
type Attempt =
  | { kind: 'ok'; status: number; items: unknown[] }
  | { kind: 'retry'; code: ErrorCode; status?: number; what: string; delayMs?: number }
  | ({ kind: 'fail'; status?: number } & Failure);

function retry(code: ErrorCode, what: string, status?: number, delayMs?: number | null): Attempt {
  return {
    kind: 'retry',
    code,
    what,
    ...(status === undefined ? {} : { status }),
    ...(delayMs == null ? {} : { delayMs }),
  };
}

function fail(code: ErrorCode, reason: string, status: number): Attempt {
  return { kind: 'fail', code, reason, status };
}

/** The caller's signal aborted: the day fails with this reason, whatever was fetched so far. */
const CANCELLED: Failure = { code: 'source.fetch_failed', reason: 'cancelled' };

/**
 * Milliseconds the server asks us to wait: `Retry-After` (seconds or HTTP date), else the `t=`
 * of `RateLimit: "api";r=0;t=<seconds>`. Null when neither header is usable.
 * @see ../../../../shared/docs/hf-api.md §3 (rate limits)
 */
export function retryDelayFromHeaders(headers: Headers, nowMs: number): number | null {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.ceil(Number(retryAfter) * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - nowMs);
  }
  const t = /(?:^|;)\s*t\s*=\s*(\d+)/.exec(headers.get('ratelimit') ?? '');
  return t?.[1] === undefined ? null : Number(t[1]) * 1000;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/** Causes meaning no connection was made at all (as opposed to one that broke mid-way). */
const UNREACHABLE =
  /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT)$/;

/** "could not reach Hugging Face (ECONNREFUSED)" / "connection to Hugging Face lost (ECONNRESET)". */
function describeNetworkError(error: TypeError): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (code === undefined) return 'could not reach Hugging Face';
  return UNREACHABLE.test(code)
    ? `could not reach Hugging Face (${code})`
    : `connection to Hugging Face lost (${code})`;
}

/** Short text from an error body (`{"error":"Invalid date"}` → "Invalid date"), for reasons. */
function errorDetail(body: string): string {
  let text = body;
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) {
      text = String(parsed.error);
    }
  } catch {
    // not JSON: use the text as is
  }
  text = text.split(/\s+/).join(' ').trim();
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * The Hugging Face Daily Papers source: `GET {baseUrl}/api/daily_papers?date=D&limit=N&p=P`,
 * every page of one day. A failure of any page fails the whole day, so a day is never stored
 * half-fetched. Never throws.
 * @see ../../../../shared/docs/hf-api.md §1
 */
export function createHfDailyPapersSource(deps: HfDailyPapersSourceDeps): PaperSource {
  const fetchImpl = deps.fetch ?? globalThis.fetch;
  const random = deps.random ?? Math.random;
  const limit = Math.min(100, Math.max(1, Math.floor(deps.pageSize ?? DEFAULT_PAGE_SIZE)));
  const maxAttempts = Math.max(1, Math.floor(deps.maxAttempts));
  // Keep any path prefix of baseUrl (e.g. a proxy mount): resolve relative to it.
  const baseUrl = deps.baseUrl.endsWith('/') ? deps.baseUrl : `${deps.baseUrl}/`;
  const headers: Record<string, string> = {
    'User-Agent': deps.userAgent,
    Accept: 'application/json',
  };
  if (deps.token) headers['Authorization'] = `Bearer ${deps.token}`;

  async function attemptOnce(url: URL, signal: AbortSignal | undefined): Promise<Attempt> {
    if (signal?.aborted) return { kind: 'fail', ...CANCELLED };
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), deps.timeoutMs);
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const res = await fetchImpl(url, { headers, signal: controller.signal });
      const body = await res.text();
      const status = res.status;
      if (status === 429) {
        const delayMs = retryDelayFromHeaders(res.headers, Date.now());
        if (delayMs !== null && delayMs > deps.maxRetryDelayMs) {
          const wait = `${seconds(delayMs)} (longer than the ${seconds(deps.maxRetryDelayMs)} we wait)`;
          return fail('source.rate_limited', `rate limited by Hugging Face for ${wait}`, status);
        }
        const what = 'rate limited by Hugging Face (HTTP 429)';
        return retry('source.rate_limited', what, status, delayMs);
      }
      const what = `HTTP ${status} from Hugging Face`;
      if (status >= 500) return retry('source.http_error', what, status);
      if (!res.ok) {
        const detail = errorDetail(body);
        return fail('source.http_error', detail ? `${what} (${detail})` : what, status);
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        const reason = `response is not valid JSON (${body.length} bytes)`;
        return fail('source.bad_response', reason, status);
      }
      if (!Array.isArray(parsed)) {
        const got = parsed === null ? 'null' : typeof parsed;
        return fail('source.bad_response', `expected a JSON array of papers, got ${got}`, status);
      }
      return { kind: 'ok', status, items: parsed };
    } catch (error) {
      if (signal?.aborted) return { kind: 'fail', ...CANCELLED };
      if (controller.signal.aborted) {
        return retry('source.timeout', `timed out after ${seconds(deps.timeoutMs)}`);
      }
      if (error instanceof TypeError) {
        return retry('source.fetch_failed', describeNetworkError(error));
      }
      throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** One page with retries: its items, or why it (and so the day) failed. */
  async function fetchPage(
    day: Day,
    page: number,
    signal: AbortSignal | undefined,
  ): Promise<{ ok: true; items: unknown[] } | ({ ok: false } & Failure)> {
    const url = new URL('api/daily_papers', baseUrl);
    url.search = new URLSearchParams({
      date: day,
      limit: String(limit),
      p: String(page),
    }).toString();
    const where = page > 0 ? ` (page ${page + 1})` : '';
    for (let attempt = 1; ; attempt++) {
      const outcome = await attemptOnce(url, signal);
      const status = 'status' in outcome ? outcome.status : undefined;
      const count = outcome.kind === 'ok' ? outcome.items.length : undefined;
      deps.logger.debug('fetched daily papers page', { day, page, count, status, attempt });
      if (outcome.kind === 'ok') return { ok: true, items: outcome.items };
      if (outcome.kind === 'fail') {
        if (signal?.aborted) return { ok: false, ...CANCELLED };
        return { ok: false, code: outcome.code, reason: outcome.reason + where };
      }
      if (attempt >= maxAttempts) {
        const tries = `${attempt} ${attempt === 1 ? 'try' : 'tries'}`;
        const reason =
          outcome.code === 'source.timeout'
            ? `${outcome.what} (${tries})${where}`
            : `${outcome.what} after ${tries}${where}`;
        return { ok: false, code: outcome.code, reason };
      }
      const backoff = Math.min(deps.maxRetryDelayMs, deps.retryBaseMs * 2 ** (attempt - 1));
      const delayMs = outcome.delayMs ?? Math.floor(random() * backoff);
      deps.logger.info('retrying Hugging Face request', {
        day,
        page,
        attempt,
        code: outcome.code,
        status,
        delayMs,
      });
      try {
        await deps.sleep(delayMs, signal);
      } catch {
        return { ok: false, ...CANCELLED };
      }
      if (signal?.aborted) return { ok: false, ...CANCELLED };
    }
  }

  async function fetchAllPages(day: Day, signal: AbortSignal | undefined): Promise<DayFetch> {
    const papers = new Map<string, SourcePaper>();
    const skipped: SkippedItem[] = [];
    const seenIds = new Set<string>();
    for (let page = 0; page < HF_MAX_PAGES; page++) {
      const result = await fetchPage(day, page, signal);
      if (!result.ok) return { status: 'failed', day, code: result.code, reason: result.reason };
      let fresh = 0;
      for (const item of result.items) {
        const parsed = parseDailyPapersItem(item, JSON.stringify(item));
        const id = parsed.ok ? parsed.paper.id : parsed.id;
        if (id !== null) {
          if (seenIds.has(id)) continue; // listed on an earlier page too: keep the first copy
          seenIds.add(id);
        }
        fresh++;
        if (parsed.ok) {
          papers.set(parsed.paper.id, parsed.paper);
        } else {
          skipped.push({ id: parsed.id, reason: parsed.reason });
          deps.logger.warn('skipped invalid paper', {
            day,
            paperId: parsed.id,
            reason: parsed.reason,
          });
        }
      }
      if (result.items.length < limit || fresh === 0) {
        return { status: 'ok', day, papers: [...papers.values()], skipped };
      }
    }
    return {
      status: 'failed',
      day,
      code: 'source.bad_response',
      reason: `still more papers after ${HF_MAX_PAGES} pages of ${limit}; giving up`,
    };
  }

  return {
    name: 'huggingface',
    async fetchDay(day: Day, signal?: AbortSignal): Promise<DayFetch> {
      try {
        return await fetchAllPages(day, signal);
      } catch (error) {
        // Only a bug or an unexpected fetch implementation gets here; normalise, never throw.
        const reason = `unexpected error: ${describeError(error)}`;
        deps.logger.error('daily papers fetch crashed', { day, reason });
        return { status: 'failed', day, code: 'source.fetch_failed', reason };
      }
    },
  };
}

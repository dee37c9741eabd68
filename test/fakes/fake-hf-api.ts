import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A loopback stand-in for the Hugging Face Daily Papers API (`GET /api/daily_papers`), close
 * enough to the real one for the source adapter's tests: bare JSON arrays sorted by upvotes,
 * `limit` 1–100 (default 50, silently truncating), 0-based `p`, `400` for a bad date, `200 []`
 * for empty days and past the last page. Faults (429, 5xx, hangs, resets, truncated bodies) are
 * scripted in order with {@link FakeHfApi.failNext}.
 * @see ../../../shared/docs/hf-api.md §1.1–§1.2 and §3
 */

/** A scripted fault, applied instead of the normal answer. */
export type FakeHfFault =
  /** `Retry-After` defaults to "1"; `null` leaves a header out. */
  | { status: 429; retryAfter?: string | null; rateLimit?: string | null }
  | { status: 500 | 502 | 503 }
  /** Accepts the request and never answers, until the client gives up or the fake closes. */
  | { kind: 'timeout' }
  /** Destroys the socket without a response (the client sees a connection reset). */
  | { kind: 'reset' }
  /** `200` with a JSON body cut in half. */
  | { kind: 'malformed' };

/** Limits a fault to requests for one date and/or page; unscoped faults hit any request. */
export interface FakeHfFaultScope {
  date?: string;
  page?: number;
}

export interface FakeHfRequest {
  method: string;
  /** e.g. `/api/daily_papers` */
  path: string;
  /** The query string as sent, with its `?` (empty when none), e.g. `?date=2025-12-01&limit=100&p=0`. */
  search: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
}

export interface FakeHfApiOptions {
  /** Days to load up front, as with {@link FakeHfApi.setDay}. */
  days?: Record<string, readonly unknown[]>;
}

export interface FakeHfApi {
  /** `http://127.0.0.1:<port>`, to use as the source's `baseUrl`. */
  readonly baseUrl: string;
  /** Every request received, in order (including ones answered with a fault). */
  readonly requests: FakeHfRequest[];
  /** Serves `items` (real HF item shapes) for `date=day`. Replaces what the day had. */
  setDay(day: string, items: readonly unknown[]): void;
  /** The next `n` matching requests get `fault`. Faults are used in the order they were added. */
  failNext(n: number, fault: FakeHfFault, scope?: FakeHfFaultScope): void;
  /** Stops the server and drops open connections at once. */
  close(): Promise<void>;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;

interface ScriptedFault {
  remaining: number;
  fault: FakeHfFault;
  scope: FakeHfFaultScope;
}

/** A real calendar date `YYYY-MM-DD`, or an ISO datetime starting with one (as HF accepts). */
function parseDate(value: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}:\d{2}(\.\d+)?Z)?$/.exec(value);
  if (!m?.[1]) return null;
  const date = new Date(`${m[1]}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === m[1] ? m[1] : null;
}

/** A non-negative integer from a query value, or null. */
function parseIntParam(value: string): number | null {
  return /^\d+$/.test(value) ? Number(value) : null;
}

function upvotesOf(item: unknown): number {
  const paper = (item as { paper?: { upvotes?: unknown } } | null)?.paper;
  return typeof paper?.upvotes === 'number' ? paper.upvotes : 0;
}

function sendJson(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Starts the fake on `127.0.0.1` with an OS-chosen port. */
export async function startFakeHfApi(options: FakeHfApiOptions = {}): Promise<FakeHfApi> {
  const days = new Map<string, unknown[]>();
  const faults: ScriptedFault[] = [];
  const requests: FakeHfRequest[] = [];
  const hanging = new Set<ServerResponse>();

  function setDay(day: string, items: readonly unknown[]): void {
    // Stable sort: equal upvotes keep the order they were given in.
    days.set(
      day,
      [...items].sort((a, b) => upvotesOf(b) - upvotesOf(a)),
    );
  }
  for (const [day, items] of Object.entries(options.days ?? {})) setDay(day, items);

  function takeFault(date: string | undefined, page: number | null): FakeHfFault | null {
    const index = faults.findIndex(
      ({ scope }) =>
        (scope.date === undefined || scope.date === date) &&
        (scope.page === undefined || scope.page === page),
    );
    const scripted = faults[index];
    if (!scripted) return null;
    scripted.remaining -= 1;
    if (scripted.remaining <= 0) faults.splice(index, 1);
    return scripted.fault;
  }

  function applyFault(fault: FakeHfFault, res: ServerResponse, socket: Socket, body: string): void {
    if ('kind' in fault) {
      if (fault.kind === 'timeout') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
      } else if (fault.kind === 'reset') {
        socket.destroy();
      } else {
        sendJson(res, 200, body.slice(0, Math.max(1, Math.floor(body.length / 2))));
      }
      return;
    }
    if (fault.status === 429) {
      const retryAfter = fault.retryAfter === undefined ? '1' : fault.retryAfter;
      const seconds = retryAfter !== null && /^\d+$/.test(retryAfter) ? retryAfter : '1';
      const rateLimit = fault.rateLimit === undefined ? `"api";r=0;t=${seconds}` : fault.rateLimit;
      if (retryAfter !== null) res.setHeader('Retry-After', retryAfter);
      if (rateLimit !== null) res.setHeader('RateLimit', rateLimit);
      res.setHeader('RateLimit-Policy', '"fixed window";"api";q=500;w=300');
      sendJson(res, 429, JSON.stringify({ error: 'You have exceeded our rate limit.' }));
      return;
    }
    sendJson(res, fault.status, JSON.stringify({ error: 'Internal Error' }));
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      search: url.search,
      query,
      headers: req.headers,
    });
    if (url.pathname !== '/api/daily_papers') {
      sendJson(
        res,
        404,
        JSON.stringify({ error: 'Sorry, we can\u2019t find the page you are looking for.' }),
      );
      return;
    }
    if (req.method !== 'GET') {
      sendJson(res, 405, JSON.stringify({ error: 'Method not allowed' }));
      return;
    }

    const page = query['p'] === undefined ? 0 : parseIntParam(query['p']);
    const limit = query['limit'] === undefined ? DEFAULT_LIMIT : parseIntParam(query['limit']);
    const fault = takeFault(query['date'], page);

    let date: string | null;
    if (query['date'] === undefined) {
      // No date: "the most recent" batch, here the latest loaded day.
      date = [...days.keys()].sort().at(-1) ?? null;
    } else {
      date = parseDate(query['date']);
      if (date === null && !fault) {
        sendJson(res, 400, JSON.stringify({ error: 'Invalid date' }));
        return;
      }
    }
    if ((limit === null || limit < 1 || limit > MAX_LIMIT || page === null) && !fault) {
      sendJson(res, 400, JSON.stringify({ error: 'Invalid pagination parameters' }));
      return;
    }
    const size = limit ?? DEFAULT_LIMIT;
    const start = (page ?? 0) * size;
    const items = (date === null ? [] : (days.get(date) ?? [])).slice(start, start + size);
    const body = JSON.stringify(items);
    if (fault) applyFault(fault, res, req.socket, body);
    else sendJson(res, 200, body);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    setDay,
    failNext(n, fault, scope = {}) {
      if (n > 0) faults.push({ remaining: n, fault, scope });
    },
    async close() {
      for (const res of hanging) res.destroy();
      hanging.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

import { randomBytes } from 'node:crypto';
import { BOT_SCOPES } from '../../src/platforms/slack/manifest.js';
import { type IncomingHttpHeaders, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A loopback stand-in for the Slack Web API (`POST /api/<method>`) and for response_urls
 * (`POST /respond/<id>`), close enough to Slack for the adapter's tests:
 *
 * - parses bodies exactly as the WebClient sends them (form with JSON-encoded `blocks`/`metadata`,
 *   or JSON), checks the Bearer token, answers HTTP 200 + `{ ok, … }` JSON;
 * - validates messages like Slack: ≤ 50 blocks, section text 1–3000, ≤ 10 fields, header ≤ 150,
 *   ≤ 10 context elements, ≤ 25 actions, button text ≤ 75 / value ≤ 2000, ids ≤ 255
 *   (`invalid_blocks`), about 12 000 characters of block text (`msg_blocks_too_long`), `text`
 *   ≤ 40 000 (`msg_too_long`), text or blocks required (`no_text`);
 * - channels have state: the bot's membership (`not_in_channel`), archived (`is_archived`),
 *   missing (`channel_not_found`); messages keep their metadata for `conversations.history`;
 * - scripted failures: 429 with an integer `Retry-After`, any `{ ok: false, error }`, HTTP 5xx.
 * @see ../../../shared/docs/platforms.md §3.3, §3.5, §5
 */

export interface SlackApiRequest {
  /** `chat.postMessage`, or `respond` for response_url posts. */
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  contentType: string;
  raw: string;
  /** The arguments, with JSON-encoded form fields (blocks, metadata, …) decoded. */
  args: Record<string, unknown>;
  /** What the stand-in answered. */
  status: number;
  response: Record<string, unknown>;
}

export type SlackFault =
  | { status: 429; retryAfter: number }
  | { status: 500 | 502 | 503 }
  | { error: string; extra?: Record<string, unknown> };

export interface FakeChannel {
  id: string;
  exists: boolean;
  isMember: boolean;
  isArchived: boolean;
  isPrivate: boolean;
  isIm: boolean;
  messages: Array<{ ts: string; text: string; blocks?: unknown; metadata?: unknown; user: string }>;
}

export interface FakeUser {
  id: string;
  isAdmin?: boolean;
  isOwner?: boolean;
}

export interface FakeSlackApiOptions {
  botToken?: string;
  appToken?: string;
  teamId?: string;
  /** Where message timestamps come from (the test's manual clock); default the real clock. */
  now?: () => Date;
  /** The bot token's scopes, sent in `x-oauth-scopes` as Slack does; default Paperboy's seven. */
  scopes?: string[];
}

const BLOCK_TEXT_LIMIT = 12_000;
const TEXT_LIMIT = 40_000;

/** Slack's checks on a message (as far as Paperboy's blocks go). Returns an error code or null. */
export function validateMessage(args: Record<string, unknown>): string | null {
  const text = typeof args.text === 'string' ? args.text : '';
  const blocks = args.blocks;
  if (text.length > TEXT_LIMIT) return 'msg_too_long';
  if (blocks === undefined) return text === '' ? 'no_text' : null;
  if (!Array.isArray(blocks) || blocks.length > 50) return 'invalid_blocks';
  if (blocks.length === 0 && text === '') return 'no_text';
  let total = 0;
  const plain = (t: unknown, max: number): boolean => {
    const o = t as { type?: unknown; text?: unknown } | undefined;
    if (
      o?.type !== 'plain_text' ||
      typeof o.text !== 'string' ||
      o.text.length === 0 ||
      o.text.length > max
    )
      return false;
    total += o.text.length;
    return true;
  };
  const textObj = (t: unknown, max: number): boolean => {
    const o = t as { type?: unknown; text?: unknown } | undefined;
    if ((o?.type !== 'mrkdwn' && o?.type !== 'plain_text') || typeof o.text !== 'string')
      return false;
    if (o.text.length === 0 || o.text.length > max) return false;
    total += o.text.length;
    return true;
  };
  for (const block of blocks as Array<Record<string, unknown>>) {
    if (typeof block.block_id === 'string' && block.block_id.length > 255) return 'invalid_blocks';
    switch (block.type) {
      case 'section': {
        const fields = block.fields as unknown[] | undefined;
        if (block.text === undefined && fields === undefined) return 'invalid_blocks';
        if (block.text !== undefined && !textObj(block.text, 3_000)) return 'invalid_blocks';
        if (fields !== undefined && (fields.length > 10 || !fields.every((f) => textObj(f, 2_000))))
          return 'invalid_blocks';
        break;
      }
      case 'header':
        if (!plain(block.text, 150)) return 'invalid_blocks';
        break;
      case 'context': {
        const elements = block.elements as unknown[] | undefined;
        if (!Array.isArray(elements) || elements.length === 0 || elements.length > 10)
          return 'invalid_blocks';
        if (!elements.every((e) => textObj(e, 3_000))) return 'invalid_blocks';
        break;
      }
      case 'actions': {
        const elements = block.elements as Array<Record<string, unknown>> | undefined;
        if (!Array.isArray(elements) || elements.length === 0 || elements.length > 25)
          return 'invalid_blocks';
        const ids = new Set<string>();
        for (const e of elements) {
          if (e.type !== 'button' || !plain(e.text, 75)) return 'invalid_blocks';
          if (typeof e.action_id === 'string' && (e.action_id.length > 255 || ids.has(e.action_id)))
            return 'invalid_blocks';
          if (typeof e.action_id === 'string') ids.add(e.action_id);
          if (typeof e.value === 'string' && e.value.length > 2_000) return 'invalid_blocks';
          if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger')
            return 'invalid_blocks';
        }
        break;
      }
      case 'divider':
        break;
      default:
        return 'invalid_blocks';
    }
  }
  return total > BLOCK_TEXT_LIMIT ? 'msg_blocks_too_long' : null;
}

const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata']);

function parseBody(contentType: string, raw: string): Record<string, unknown> {
  if (contentType.startsWith('application/json'))
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  }
  return args;
}

export function createFakeSlackApi(options: FakeSlackApiOptions = {}) {
  const botToken = options.botToken ?? `xoxb-test-${randomBytes(6).toString('hex')}`;
  const appToken = options.appToken ?? `xapp-test-${randomBytes(6).toString('hex')}`;
  const teamId = options.teamId ?? 'T0TEST001';
  const now = options.now ?? (() => new Date());
  const scopes = options.scopes ?? Object.keys(BOT_SCOPES);
  const requests: SlackApiRequest[] = [];
  const faults = new Map<string, SlackFault[]>();
  const channels = new Map<string, FakeChannel>();
  const users = new Map<string, FakeUser>();
  const waiters: Array<{
    test: (r: SlackApiRequest) => boolean;
    resolve: (r: SlackApiRequest) => void;
  }> = [];
  const sockets = new Set<Socket>();
  let socketUrl = 'ws://127.0.0.1:9/unset';
  let seq = 0;
  let port = 0;

  const channel = (id: string): FakeChannel => {
    let c = channels.get(id);
    if (!c) {
      c = {
        id,
        exists: true,
        isMember: true,
        isArchived: false,
        isPrivate: false,
        isIm: id.startsWith('D'),
        messages: [],
      };
      channels.set(id, c);
    }
    return c;
  };
  const nextTs = (): string => {
    seq += 1;
    return `${Math.floor(now().getTime() / 1_000)}.${String(seq).padStart(6, '0')}`;
  };

  /** The answer to one Web API method call. */
  const answer = (
    method: string,
    args: Record<string, unknown>,
    auth: string,
  ): Record<string, unknown> => {
    if (method === 'apps.connections.open') {
      return auth === `Bearer ${appToken}`
        ? { ok: true, url: socketUrl }
        : { ok: false, error: 'invalid_auth' };
    }
    if (auth !== `Bearer ${botToken}`)
      return { ok: false, error: auth ? 'invalid_auth' : 'not_authed' };
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://paperboy-test.slack.com/',
          team: 'Paperboy Test',
          user: 'paperboy',
          team_id: teamId,
          user_id: 'U0BOT0001',
          bot_id: 'B0BOT0001',
          is_enterprise_install: false,
        };
      case 'chat.postMessage':
      case 'chat.update': {
        const c = channel(String(args.channel));
        if (!c.exists) return { ok: false, error: 'channel_not_found' };
        if (c.isArchived) return { ok: false, error: 'is_archived' };
        if (!c.isMember && !c.isIm) return { ok: false, error: 'not_in_channel' };
        const invalid = validateMessage(args);
        if (invalid) return { ok: false, error: invalid };
        const message = {
          ts: nextTs(),
          text: String(args.text ?? ''),
          blocks: args.blocks,
          metadata: args.metadata,
          user: 'U0BOT0001',
        };
        if (method === 'chat.update') {
          const old = c.messages.find((m) => m.ts === args.ts);
          if (!old) return { ok: false, error: 'message_not_found' };
          Object.assign(old, { ...message, ts: old.ts });
          return { ok: true, channel: c.id, ts: old.ts, text: old.text };
        }
        c.messages.push(message);
        return {
          ok: true,
          channel: c.id,
          ts: message.ts,
          message: { type: 'message', ...message },
        };
      }
      case 'conversations.history': {
        const c = channel(String(args.channel));
        if (!c.exists) return { ok: false, error: 'channel_not_found' };
        if (!c.isMember && c.isPrivate) return { ok: false, error: 'channel_not_found' };
        if (!c.isMember && !c.isIm) return { ok: false, error: 'not_in_channel' };
        const oldest = Number(args.oldest ?? 0);
        const withMeta = args.include_all_metadata === true || args.include_all_metadata === 'true';
        const all = c.messages
          .filter((m) => Number(m.ts) >= oldest)
          .reverse()
          .map((m) => ({
            type: 'message',
            ts: m.ts,
            text: m.text,
            user: m.user,
            ...(withMeta && m.metadata ? { metadata: m.metadata } : {}),
          }));
        const limit = Math.min(Number(args.limit ?? 100) || 100, 1_000);
        const start = Number(args.cursor ?? 0) || 0;
        const page = all.slice(start, start + limit);
        const more = start + limit < all.length;
        return {
          ok: true,
          messages: page,
          has_more: more,
          response_metadata: { next_cursor: more ? String(start + limit) : '' },
        };
      }
      case 'conversations.info': {
        const c = channel(String(args.channel));
        if (!c.exists || (c.isPrivate && !c.isMember))
          return { ok: false, error: 'channel_not_found' };
        return {
          ok: true,
          channel: {
            id: c.id,
            is_channel: !c.isIm,
            is_im: c.isIm,
            is_private: c.isPrivate,
            is_archived: c.isArchived,
            ...(c.isIm ? {} : { is_member: c.isMember }),
          },
        };
      }
      case 'users.info': {
        const u = users.get(String(args.user));
        if (!u) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: u.id,
            team_id: teamId,
            is_admin: u.isAdmin ?? false,
            is_owner: u.isOwner ?? false,
            is_primary_owner: false,
          },
        };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  };

  const record = (r: SlackApiRequest): void => {
    requests.push(r);
    for (const w of [...waiters]) {
      if (w.test(r)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(r);
      }
    }
  };

  const send = (
    res: ServerResponse,
    status: number,
    body: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
      const contentType = req.headers['content-type'] ?? '';
      let args: Record<string, unknown>;
      try {
        args = parseBody(contentType, raw);
      } catch {
        args = {};
      }
      const base = { path, headers: req.headers, contentType, raw, args };
      if (path.startsWith('/respond/')) {
        const invalid = validateMessage(args);
        const response = invalid ? { ok: false, error: invalid } : { ok: true };
        record({ ...base, method: 'respond', status: invalid ? 400 : 200, response });
        send(res, invalid ? 400 : 200, response);
        return;
      }
      const method = path.replace(/^\/api\//, '');
      const fault = faults.get(method)?.shift();
      if (fault && 'status' in fault) {
        const response = {
          ok: false,
          error: fault.status === 429 ? 'ratelimited' : 'internal_error',
        };
        record({ ...base, method, status: fault.status, response });
        if (fault.status === 429)
          send(res, 429, response, { 'retry-after': String(fault.retryAfter) });
        else {
          res.writeHead(fault.status, { 'content-type': 'text/plain' });
          res.end('upstream error');
        }
        return;
      }
      const response = fault
        ? { ok: false, error: fault.error, ...fault.extra }
        : answer(method, args, req.headers.authorization ?? '');
      record({ ...base, method, status: 200, response });
      send(res, 200, response, { 'x-oauth-scopes': scopes.join(',') });
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  return {
    botToken,
    appToken,
    teamId,
    requests,
    /** Starts listening on 127.0.0.1:0. */
    listen: async (): Promise<void> => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    },
    /** `http://127.0.0.1:<port>/api/`: the WebClient's `slackApiUrl`. */
    get apiUrl(): string {
      return `http://127.0.0.1:${port}/api/`;
    },
    /** A fresh response_url on this stand-in. */
    responseUrl: (id = randomBytes(4).toString('hex')): string =>
      `http://127.0.0.1:${port}/respond/${id}`,
    /** What `apps.connections.open` hands out. */
    setSocketUrl: (url: string): void => {
      socketUrl = url;
    },
    channel: (id: string, patch: Partial<Omit<FakeChannel, 'id' | 'messages'>> = {}): FakeChannel =>
      Object.assign(channel(id), patch),
    user: (u: FakeUser): void => {
      users.set(u.id, u);
    },
    /** The next calls of `method` get these faults, in order. */
    fail: (method: string, ...list: SlackFault[]): void => {
      faults.set(method, [...(faults.get(method) ?? []), ...list]);
    },
    calls: (method: string): SlackApiRequest[] => requests.filter((r) => r.method === method),
    /** Resolves with the first request (already received or coming) that matches. */
    waitFor: (
      test: (r: SlackApiRequest) => boolean,
      timeoutMs = 5_000,
    ): Promise<SlackApiRequest> => {
      const seen = requests.find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { test, resolve: (r: SlackApiRequest) => (clearTimeout(timer), resolve(r)) };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(
            new Error(
              `no matching Slack request within ${timeoutMs} ms; got ${requests.map((r) => r.method).join(', ') || 'none'}`,
            ),
          );
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    close: async (): Promise<void> => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeSlackApi = ReturnType<typeof createFakeSlackApi>;

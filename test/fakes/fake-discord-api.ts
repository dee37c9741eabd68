import {
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
  createServer,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for Discord's REST API v10 (`{base}/api/v10/...`), for the real discord.js
 * REST and Client. It implements only the routes Paperboy calls, records every request, validates
 * messages like Discord (400 `{code: 50035, message: "Invalid Form Body", errors}`), honours
 * `nonce` + `enforce_nonce`, lists channel messages, and can be scripted to answer 429 with
 * Discord's rate-limit headers, 403/404 with Discord error codes, or 5xx.
 * (Longer than the 300-line cap: one concept, Discord's REST surface; a named exemption.)
 */

export interface RecordedRequest {
  method: string;
  /** Percent-decoded, without `/api/v10` (e.g. `/webhooks/1/tok/messages/@original`). */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  status: number;
}

export interface ScriptedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeMessage {
  id: string;
  type: 0;
  channel_id: string;
  author: typeof DEFAULT_BOT & { bot: true };
  content: string;
  embeds: Array<Record<string, unknown>>;
  components: unknown[];
  attachments: [];
  mentions: [];
  mention_roles: [];
  mention_everyone: false;
  pinned: false;
  tts: false;
  timestamp: string;
  edited_timestamp: string | null;
  flags: number;
  nonce?: string | number;
  /** Not part of Discord's object: when the stand-in created it (ms), for nonce windows. */
  createdAtMs: number;
  allowed_mentions?: unknown;
}

const DEFAULT_BOT = {
  id: '1240000000000000001',
  username: 'Paperboy',
  discriminator: '0000',
  global_name: null,
  avatar: null,
};
const DISCORD_EPOCH = 1_420_070_400_000n;

/** A 429 as Discord sends it: `Retry-After` in seconds (decimals allowed) and X-RateLimit-*. */
export function rateLimited(
  retryAfterSeconds: number,
  options: { global?: boolean; scope?: 'user' | 'shared' | 'global' } = {},
): ScriptedResponse {
  const global = options.global ?? false;
  const headers: Record<string, string> = {
    'Retry-After': String(retryAfterSeconds),
    'X-RateLimit-Scope': global ? 'global' : (options.scope ?? 'user'),
  };
  if (global) headers['X-RateLimit-Global'] = 'true';
  else {
    Object.assign(headers, {
      'X-RateLimit-Limit': '5',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': String(Date.now() / 1000 + retryAfterSeconds),
      'X-RateLimit-Reset-After': String(retryAfterSeconds),
      'X-RateLimit-Bucket': 'abcd1234',
    });
  }
  return {
    status: 429,
    headers,
    body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global },
  };
}

/** A Discord JSON error, e.g. `discordError(403, 50013, 'Missing Permissions')`. */
export const discordError = (status: number, code: number, message: string): ScriptedResponse => ({
  status,
  body: { message, code },
});

type ErrorTree = { _errors?: Array<{ code: string; message: string }>; [key: string]: unknown };

function addError(
  tree: ErrorTree,
  path: Array<string | number>,
  code: string,
  message: string,
): void {
  let node: ErrorTree = tree;
  for (const key of path) node = (node[String(key)] ??= {}) as ErrorTree;
  (node._errors ??= []).push({ code, message });
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const isUrl = (v: unknown): boolean =>
  typeof v === 'string' && /^https?:\/\/\S+$/.test(v) && URL.canParse(v);

/** Discord's message validation (the limits Paperboy must respect); errors in Discord's shape. */
export function validateMessage(body: Record<string, unknown>): ErrorTree | null {
  const errors: ErrorTree = {};
  const max = (path: Array<string | number>, value: unknown, limit: number) => {
    if (typeof value === 'string' && value.length > limit) {
      addError(errors, path, 'BASE_TYPE_MAX_LENGTH', `Must be ${limit} or fewer in length.`);
    }
  };
  max(['content'], body.content, 2000);
  if (body.nonce !== undefined) max(['nonce'], String(body.nonce), 25);
  const embeds = Array.isArray(body.embeds) ? (body.embeds as Array<Record<string, unknown>>) : [];
  if (embeds.length > 10)
    addError(errors, ['embeds'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  let total = 0;
  embeds.forEach((embed, i) => {
    const footer = (embed.footer ?? {}) as Record<string, unknown>;
    const author = (embed.author ?? {}) as Record<string, unknown>;
    const fields = Array.isArray(embed.fields)
      ? (embed.fields as Array<Record<string, unknown>>)
      : [];
    max(['embeds', i, 'title'], embed.title, 256);
    max(['embeds', i, 'description'], embed.description, 4096);
    max(['embeds', i, 'footer', 'text'], footer.text, 2048);
    max(['embeds', i, 'author', 'name'], author.name, 256);
    if (fields.length > 25)
      addError(
        errors,
        ['embeds', i, 'fields'],
        'BASE_TYPE_MAX_LENGTH',
        'Must be 25 or fewer in length.',
      );
    fields.forEach((f, j) => {
      max(['embeds', i, 'fields', j, 'name'], f.name, 256);
      max(['embeds', i, 'fields', j, 'value'], f.value, 1024);
    });
    if (embed.url !== undefined && !isUrl(embed.url)) {
      addError(errors, ['embeds', i, 'url'], 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
    }
    const thumbnail = embed.thumbnail as { url?: unknown } | undefined;
    if (thumbnail && !isUrl(thumbnail.url)) {
      addError(
        errors,
        ['embeds', i, 'thumbnail', 'url'],
        'URL_TYPE_INVALID_URL',
        'Not a well formed URL.',
      );
    }
    total += [
      embed.title,
      embed.description,
      footer.text,
      author.name,
      ...fields.flatMap((f) => [f.name, f.value]),
    ]
      .map((v) => str(v).trim().length)
      .reduce((a, b) => a + b, 0);
  });
  if (total > 6000) {
    addError(
      errors,
      ['embeds'],
      'MAX_EMBED_SIZE_EXCEEDED',
      'Embed size exceeds maximum size of 6000',
    );
  }
  const rows = Array.isArray(body.components)
    ? (body.components as Array<Record<string, unknown>>)
    : [];
  if (rows.length > 5)
    addError(errors, ['components'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    const items = Array.isArray(row.components)
      ? (row.components as Array<Record<string, unknown>>)
      : [];
    if (row.type !== 1 || items.length < 1 || items.length > 5) {
      addError(
        errors,
        ['components', i, 'components'],
        'BASE_TYPE_BAD_LENGTH',
        'Must be between 1 and 5 in length.',
      );
    }
    items.forEach((item, j) => {
      const at = ['components', i, 'components', j];
      max([...at, 'label'], item.label, 80);
      if (item.style === 5) {
        if (!isUrl(item.url) || str(item.url).length > 512)
          addError(errors, [...at, 'url'], 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
        return;
      }
      const id = str(item.custom_id);
      if (id.length < 1 || id.length > 100) {
        addError(
          errors,
          [...at, 'custom_id'],
          'BASE_TYPE_BAD_LENGTH',
          'Must be between 1 and 100 in length.',
        );
      }
      if (ids.has(id))
        addError(
          errors,
          [...at, 'custom_id'],
          'COMPONENT_CUSTOM_ID_DUPLICATED',
          'Component custom id cannot be duplicated',
        );
      ids.add(id);
    });
  });
  const mentions = body.allowed_mentions as { parse?: unknown } | undefined;
  if (mentions?.parse !== undefined && !Array.isArray(mentions.parse)) {
    addError(errors, ['allowed_mentions', 'parse'], 'BASE_TYPE_ARRAY', 'Must be an array.');
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

const isEmpty = (body: Record<string, unknown>): boolean =>
  !str(body.content) &&
  !(Array.isArray(body.embeds) && body.embeds.length > 0) &&
  !(Array.isArray(body.components) && body.components.length > 0);

export interface FakeDiscordApiOptions {
  botUser?: Partial<typeof DEFAULT_BOT>;
  /** The stand-in's clock for snowflakes and nonce windows (default: real time). */
  now?: () => number;
  /** How long a nonce is remembered with `enforce_nonce` (Discord: "a few minutes"). */
  nonceWindowMs?: number;
}

export type FakeDiscordApi = Awaited<ReturnType<typeof createFakeDiscordApi>>;

export async function createFakeDiscordApi(options: FakeDiscordApiOptions = {}) {
  const now = options.now ?? (() => Date.now());
  const bot = { ...DEFAULT_BOT, ...options.botUser, bot: true as const };
  const requests: RecordedRequest[] = [];
  const listeners = new Set<() => void>();
  const scripts: Array<{ method: string; path: RegExp; responses: ScriptedResponse[] }> = [];
  const channels = new Map<string, FakeMessage[]>();
  const interactionMessages = new Map<string, FakeMessage>();
  const commands = new Map<string, unknown[]>();
  let increment = 0;
  let gatewayUrl = 'ws://127.0.0.1:9';
  const state = { nonceWindowMs: options.nonceWindowMs ?? 5 * 60_000 };
  let onMessageCreated: ((message: FakeMessage) => void) | undefined;

  const snowflake = (): string =>
    (((BigInt(now()) - DISCORD_EPOCH) << 22n) | BigInt(increment++ & 0xfff)).toString();

  const newMessage = (channelId: string, body: Record<string, unknown>): FakeMessage => ({
    id: snowflake(),
    type: 0,
    channel_id: channelId,
    author: bot,
    content: str(body.content),
    embeds: ((body.embeds ?? []) as Array<Record<string, unknown>>).map((e) => ({
      type: 'rich',
      ...e,
    })),
    components: (body.components ?? []) as unknown[],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date(now()).toISOString(),
    edited_timestamp: null,
    flags: typeof body.flags === 'number' ? body.flags : 0,
    createdAtMs: now(),
    ...(body.nonce !== undefined ? { nonce: body.nonce as string } : {}),
    ...(body.allowed_mentions !== undefined ? { allowed_mentions: body.allowed_mentions } : {}),
  });

  const wire = (m: FakeMessage, withNonce: boolean) => {
    const { createdAtMs: _at, allowed_mentions: _am, nonce, ...rest } = m;
    return withNonce && nonce !== undefined ? { ...rest, nonce } : rest;
  };

  const invalid = (errors: ErrorTree): ScriptedResponse => ({
    status: 400,
    body: { code: 50035, message: 'Invalid Form Body', errors },
  });

  const validated = (body: Record<string, unknown>, create: boolean): ScriptedResponse | null => {
    const errors = validateMessage(body);
    if (errors) return invalid(errors);
    if (create && isEmpty(body)) return discordError(400, 50006, 'Cannot send an empty message');
    return null;
  };

  const createMessage = (channelId: string, body: Record<string, unknown>): ScriptedResponse => {
    const bad = validated(body, true);
    if (bad) return bad;
    const list = channels.get(channelId) ?? [];
    channels.set(channelId, list);
    if (body.enforce_nonce === true && body.nonce !== undefined) {
      const same = list.find(
        (m) => m.nonce === body.nonce && now() - m.createdAtMs <= state.nonceWindowMs,
      );
      if (same) return { status: 200, body: wire(same, true) };
    }
    const message = newMessage(channelId, body);
    list.push(message);
    onMessageCreated?.(message);
    return { status: 200, body: wire(message, true) };
  };

  const listMessages = (channelId: string, query: URLSearchParams): ScriptedResponse => {
    const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 50)));
    const after = BigInt(query.get('after') ?? '0');
    const newer = (channels.get(channelId) ?? [])
      .filter((m) => BigInt(m.id) > after)
      .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))
      .slice(0, limit)
      .reverse();
    return { status: 200, body: newer.map((m) => wire(m, false)) };
  };

  const interactionCallback = (token: string, body: Record<string, unknown>): ScriptedResponse => {
    const data = (body.data ?? {}) as Record<string, unknown>;
    if (body.type === 4 || body.type === 7) {
      const bad = validated(data, body.type === 4);
      if (bad) return bad;
      interactionMessages.set(token, newMessage('1100000000000000001', data));
    }
    if (body.type === 5) interactionMessages.set(token, newMessage('1100000000000000001', data));
    if (body.type === 8) {
      const choices = (data.choices ?? []) as Array<{ name: string; value: string }>;
      const errors: ErrorTree = {};
      if (choices.length > 25)
        addError(
          errors,
          ['data', 'choices'],
          'BASE_TYPE_MAX_LENGTH',
          'Must be 25 or fewer in length.',
        );
      choices.forEach((c, i) => {
        if (str(c.name).length < 1 || str(c.name).length > 100)
          addError(
            errors,
            ['data', 'choices', i, 'name'],
            'BASE_TYPE_BAD_LENGTH',
            'Must be between 1 and 100 in length.',
          );
        if (String(c.value).length > 100)
          addError(
            errors,
            ['data', 'choices', i, 'value'],
            'BASE_TYPE_MAX_LENGTH',
            'Must be 100 or fewer in length.',
          );
      });
      if (Object.keys(errors).length > 0) return invalid(errors);
    }
    return { status: 204 };
  };

  const editOriginal = (token: string, body: Record<string, unknown>): ScriptedResponse => {
    const bad = validated(body, false);
    if (bad) return bad;
    const before = interactionMessages.get(token) ?? newMessage('1100000000000000001', {});
    const edited: FakeMessage = {
      ...newMessage(before.channel_id, { ...before, ...body }),
      id: before.id,
    };
    edited.edited_timestamp = new Date(now()).toISOString();
    interactionMessages.set(token, edited);
    return { status: 200, body: wire(edited, false) };
  };

  const putCommands = (scope: string, body: unknown): ScriptedResponse => {
    const list = (Array.isArray(body) ? body : []).map((c: Record<string, unknown>) => ({
      id: snowflake(),
      application_id: scope.split(':')[0],
      version: snowflake(),
      default_member_permissions: null,
      nsfw: false,
      ...c,
    }));
    commands.set(scope, list);
    return { status: 200, body: list };
  };

  /** Routes: [method, pattern, handler(match, query, body)]. */
  const routes: Array<
    [
      string,
      RegExp,
      (m: RegExpMatchArray, q: URLSearchParams, b: Record<string, unknown>) => ScriptedResponse,
    ]
  > = [
    [
      'GET',
      /^\/gateway\/bot$/,
      () => ({
        status: 200,
        body: {
          url: gatewayUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
        },
      }),
    ],
    ['GET', /^\/users\/@me$/, () => ({ status: 200, body: bot })],
    ['POST', /^\/channels\/(\d+)\/messages$/, (m, _q, b) => createMessage(m[1] as string, b)],
    ['GET', /^\/channels\/(\d+)\/messages$/, (m, q) => listMessages(m[1] as string, q)],
    [
      'GET',
      /^\/applications\/(\d+)\/commands$/,
      (m) => ({ status: 200, body: commands.get(m[1] as string) ?? [] }),
    ],
    ['PUT', /^\/applications\/(\d+)\/commands$/, (m, _q, b) => putCommands(m[1] as string, b)],
    [
      'GET',
      /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/,
      (m) => ({ status: 200, body: commands.get(`${m[1]}:${m[2]}`) ?? [] }),
    ],
    [
      'PUT',
      /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/,
      (m, _q, b) => putCommands(`${m[1]}:${m[2]}`, b),
    ],
    [
      'POST',
      /^\/interactions\/(\d+)\/([^/]+)\/callback$/,
      (m, _q, b) => interactionCallback(m[2] as string, b),
    ],
    [
      'PATCH',
      /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/,
      (m, _q, b) => editOriginal(m[2] as string, b),
    ],
    ['DELETE', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/, () => ({ status: 204 })],
    [
      'POST',
      /^\/webhooks\/(\d+)\/([^/]+)$/,
      (_m, _q, b) =>
        validated(b, true) ?? {
          status: 200,
          body: wire(newMessage('1100000000000000001', b), false),
        },
    ],
  ];

  const answer = (
    path: string,
    method: string,
    query: URLSearchParams,
    body: unknown,
  ): ScriptedResponse => {
    const script = scripts.find(
      (s) => s.method === method && s.path.test(path) && s.responses.length > 0,
    );
    const scripted = script?.responses.shift();
    if (scripted) return scripted;
    for (const [m, pattern, handler] of routes) {
      const match = method === m ? pattern.exec(path) : null;
      if (match) return handler(match, query, (body ?? {}) as Record<string, unknown>);
    }
    return { status: 404, body: { message: '404: Not Found', code: 0 } };
  };

  const send = (res: ServerResponse, response: ScriptedResponse): void => {
    const headers: Record<string, string> = {
      'X-RateLimit-Limit': '5',
      'X-RateLimit-Remaining': '4',
      'X-RateLimit-Reset-After': '1',
      'X-RateLimit-Bucket': 'fakebucket',
      ...response.headers,
    };
    if (response.body === undefined) {
      res.writeHead(response.status, headers).end();
      return;
    }
    const text = JSON.stringify(response.body);
    res.writeHead(response.status, { ...headers, 'Content-Type': 'application/json' }).end(text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const method = req.method ?? 'GET';
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const response = url.pathname.startsWith('/api/v10/')
      ? answer(path, method, url.searchParams, body)
      : { status: 404, body: { message: '404: Not Found', code: 0 } };
    send(res, response);
    requests.push({
      method,
      path,
      query: url.searchParams,
      headers: req.headers,
      body,
      status: response.status,
    });
    for (const listener of listeners) listener();
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    /** The REST base to configure (`DISCORD_API_BASE_URL`): no version, like `https://discord.com/api`. */
    baseUrl: `http://127.0.0.1:${port}/api`,
    bot,
    requests,
    state,
    /** Messages the bot posted in a channel, oldest first. */
    messagesIn: (channelId: string): FakeMessage[] => [...(channels.get(channelId) ?? [])],
    /** The last version of an interaction's original response (after edits). */
    original: (token: string): FakeMessage | undefined => interactionMessages.get(token),
    commands: (scope: string): unknown[] => commands.get(scope) ?? [],
    setGatewayUrl: (url: string) => {
      gatewayUrl = url;
    },
    onMessageCreated: (hook: ((message: FakeMessage) => void) | undefined) => {
      onMessageCreated = hook;
    },
    /** Answers the next matching requests (path without `/api/v10`) with these, in order. */
    script: (method: string, path: RegExp, ...responses: ScriptedResponse[]) => {
      scripts.push({ method, path, responses });
    },
    /** Resolves with the first request (past or future) matching `predicate`. */
    waitFor: (
      predicate: (r: RecordedRequest) => boolean,
      timeoutMs = 5_000,
    ): Promise<RecordedRequest> =>
      new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = requests.find(predicate);
          if (found) {
            cleanup();
            resolve(found);
          }
          return found !== undefined;
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `waitFor timed out; requests: ${requests.map((r) => `${r.method} ${r.path}`).join(', ')}`,
            ),
          );
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      }),
    close: (): Promise<void> =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

import type { webApi } from '@slack/bolt';
import type { PlatformAdapter } from '../../../../src/core/digest/publisher.js';
import { type HttpServer, createHttpServer } from '../../../../src/http/http-server.js';
import { createSlackAdapter } from '../../../../src/platforms/slack/index.js';
import {
  type FakeSlackApi,
  type SlackApiRequest,
  createFakeSlackApi,
} from '../../../fakes/fake-slack-api.js';
import {
  type FakeSlackSocket,
  createFakeSlackSocket,
  interactiveBody,
  newSigningSecret,
  slackSignatureHeaders,
  slashCommandBody,
} from '../../../fakes/fake-slack-socket.js';
import { type CommandHarness, createCommandHarness } from '../../../helpers/command-harness.js';
import { makeTestConfig } from '../../../helpers/test-config.js';
import { type CapturedLine, createTestLogger } from '../../../helpers/test-logger.js';

/** Retries small enough for tests (the WebClient adds `minTimeout` before each retry). */
export const TINY_RETRY: webApi.RetryOptions = {
  retries: 1,
  minTimeout: 5,
  maxTimeout: 10,
  factor: 1,
};

export const TEAM = 'T0TEST001';
export const CHANNEL = 'C0PAPERS01';
export const USER = 'U0ADA00001';

export interface SlackWorld {
  api: FakeSlackApi;
  socket: FakeSlackSocket | undefined;
  harness: CommandHarness;
  adapter: PlatformAdapter;
  http: HttpServer;
  logs: CapturedLine[];
  signingSecret: string;
  /** `http://127.0.0.1:<port>/slack/events` (HTTP mode). */
  eventsUrl: string;
  /** Posts a signed slash command exactly as Slack does; returns the HTTP response and the response_url. */
  command(
    text: string,
    options?: CommandOptions,
  ): Promise<{ status: number; body: string; responseUrl: string }>;
  /** Posts a signed interactivity payload; returns the HTTP status. */
  interact(payload: unknown, options?: { timestamp?: number }): Promise<number>;
  /** The respond() calls made to a response_url. */
  responses(responseUrl: string): SlackApiRequest[];
  close(): Promise<void>;
}

export interface CommandOptions {
  user?: string;
  channel?: string;
  timestamp?: number;
  /** Signs with this secret instead of the right one. */
  secret?: string;
  contentType?: string;
}

export async function createSlackWorld(options: {
  mode: 'http' | 'socket';
  managers?: 'members' | 'admins';
  now?: string;
}): Promise<SlackWorld> {
  const harness = createCommandHarness(options.now ? { now: options.now } : {});
  const api = createFakeSlackApi({ teamId: TEAM });
  await api.listen();
  const socket = options.mode === 'socket' ? await createFakeSlackSocket() : undefined;
  if (socket) api.setSocketUrl(socket.url);
  const signingSecret = newSigningSecret();
  const logger = createTestLogger();
  const http = createHttpServer({ host: '127.0.0.1', port: 0, logger });
  const config = makeTestConfig({
    SLACK_BOT_TOKEN: api.botToken,
    ...(socket ? { SLACK_APP_TOKEN: api.appToken } : { SLACK_SIGNING_SECRET: signingSecret }),
    SLACK_MANAGERS: options.managers ?? 'members',
    SLACK_API_BASE_URL: api.apiUrl,
  }).slack;
  const adapter = createSlackAdapter({
    config,
    http,
    commandDeps: harness.deps,
    logger,
    retryConfig: TINY_RETRY,
    requestTimeoutMs: 5_000,
  });
  const port = await http.listen();
  await adapter.start();
  await socket?.connected();
  const eventsUrl = `http://127.0.0.1:${port}/slack/events`;

  const post = async (body: string, headers: Record<string, string>): Promise<Response> =>
    fetch(eventsUrl, { method: 'POST', headers, body });

  return {
    api,
    socket,
    harness,
    adapter,
    http,
    logs: logger.lines,
    signingSecret,
    eventsUrl,
    command: async (text, o = {}) => {
      const responseUrl = api.responseUrl();
      const body = slashCommandBody({
        team_id: TEAM,
        channel_id: o.channel ?? CHANNEL,
        user_id: o.user ?? USER,
        command: '/papers',
        text,
        response_url: responseUrl,
      });
      const headers = slackSignatureHeaders(o.secret ?? signingSecret, body, o.timestamp);
      if (o.contentType) headers['Content-Type'] = o.contentType;
      const res = await post(body, headers);
      return { status: res.status, body: await res.text(), responseUrl };
    },
    interact: async (payload, o = {}) => {
      const body = interactiveBody(payload);
      const res = await post(body, slackSignatureHeaders(signingSecret, body, o.timestamp));
      await res.text();
      return res.status;
    },
    responses: (responseUrl) =>
      api.requests.filter((r) => r.method === 'respond' && responseUrl.endsWith(r.path)),
    close: async () => {
      await adapter.stop();
      await http.close();
      await socket?.close();
      await api.close();
      harness.db.close();
    },
  };
}

/** All mrkdwn and plain text of a message's blocks, joined (for assertions). */
export function blocksText(args: Record<string, unknown>): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string')
        out.push(o.text);
      else Object.values(o).forEach(walk);
    }
  };
  walk(args.blocks);
  return out.join('\n');
}

/** Every button action_id in a message. */
export function actionIds(args: Record<string, unknown>): string[] {
  const blocks = (args.blocks ?? []) as Array<{
    type: string;
    elements?: Array<{ action_id?: string }>;
  }>;
  return blocks.flatMap((b) =>
    b.type === 'actions' ? (b.elements ?? []).map((e) => e.action_id ?? '') : [],
  );
}

import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * What Slack sends to the app, both ways it can: Socket Mode envelopes over a WebSocket, and
 * signed HTTP requests (slash command forms, interactivity payloads) to /slack/events.
 */

/**
 * A loopback stand-in for Slack's Socket Mode WebSocket: on connect it sends `{type: "hello"}`,
 * then delivers the envelopes a test gives it (`slash_commands`, `interactive`) and records the
 * app's acknowledgements `{envelope_id, payload?}`. The Web API stand-in hands out its URL from
 * `apps.connections.open`.
 * @see ../../../shared/docs/platforms.md §5
 */

export interface SocketAck {
  envelope_id: string;
  payload?: unknown;
}

export async function createFakeSlackSocket() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const acks: SocketAck[] = [];
  const ackWaiters = new Map<string, (ack: SocketAck) => void>();
  const connectionWaiters: Array<(ws: WebSocket) => void> = [];
  let client: WebSocket | undefined;
  const paths: string[] = [];

  server.on('connection', (ws, req) => {
    client = ws;
    paths.push(req.url ?? '');
    ws.on('message', (data) => {
      let message: SocketAck;
      try {
        message = JSON.parse(String(data)) as SocketAck;
      } catch {
        return;
      }
      if (typeof message.envelope_id !== 'string') return;
      acks.push(message);
      ackWaiters.get(message.envelope_id)?.(message);
      ackWaiters.delete(message.envelope_id);
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'applink-fake', approximate_connection_time: 18060 },
        connection_info: { app_id: 'A0PAPERBOY' },
      }),
    );
    for (const waiter of connectionWaiters.splice(0)) waiter(ws);
  });

  const deliver = (
    type: 'slash_commands' | 'interactive',
    payload: unknown,
  ): Promise<SocketAck> => {
    if (!client) throw new Error('no Socket Mode client is connected');
    const envelopeId = randomUUID();
    const acked = new Promise<SocketAck>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for envelope ${envelopeId}`)), 5_000);
      ackWaiters.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
    });
    client.send(
      JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: true }),
    );
    return acked;
  };

  return {
    /** The ws:// URL `apps.connections.open` should return. */
    url: `ws://127.0.0.1:${port}/link/?ticket=${randomUUID()}&app_id=A0PAPERBOY`,
    acks,
    /** Request paths of every connection (one per connect or reconnect). */
    paths,
    /** Resolves once a client is connected (and has been sent `hello`). */
    connected: (): Promise<void> =>
      client
        ? Promise.resolve()
        : new Promise((resolve) => connectionWaiters.push(() => resolve())),
    /** Sends a `slash_commands` envelope; resolves with the app's ack. */
    slashCommand: (payload: Record<string, string>) => deliver('slash_commands', payload),
    /** Sends an `interactive` envelope (e.g. block_actions); resolves with the app's ack. */
    interactive: (payload: unknown) => deliver('interactive', payload),
    close: async (): Promise<void> => {
      for (const ws of server.clients) ws.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeSlackSocket = Awaited<ReturnType<typeof createFakeSlackSocket>>;

/** A random signing secret, as the Slack app settings page shows one (32 hex characters). */
export const newSigningSecret = (): string => randomBytes(16).toString('hex');

/** The headers Slack sends with a signed request (v0 HMAC-SHA256 over `v0:<ts>:<body>`). */
export function slackSignatureHeaders(
  secret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1_000),
): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    'Content-Type': 'application/x-www-form-urlencoded',
    'X-Slack-Request-Timestamp': String(timestamp),
    'X-Slack-Signature': signature,
  };
}

/** The slash command fields, in the order Slack sends them. */
export interface SlashCommandFields {
  token?: string;
  team_id: string;
  team_domain?: string;
  channel_id: string;
  channel_name?: string;
  user_id: string;
  user_name?: string;
  command: string;
  text: string;
  api_app_id?: string;
  is_enterprise_install?: string;
  enterprise_id?: string;
  enterprise_name?: string;
  response_url: string;
  trigger_id?: string;
}

/** A slash command form body, encoded as Slack encodes it (`+` for spaces, `%2F` for `/`). */
export function slashCommandBody(fields: SlashCommandFields): string {
  const ordered: Array<[string, string | undefined]> = [
    ['token', fields.token ?? 'deprecated-verification-token'],
    ['team_id', fields.team_id],
    ['team_domain', fields.team_domain ?? 'paperboy-test'],
    ['channel_id', fields.channel_id],
    ['channel_name', fields.channel_name ?? 'papers'],
    ['user_id', fields.user_id],
    ['user_name', fields.user_name ?? 'ada'],
    ['command', fields.command],
    ['text', fields.text],
    ['api_app_id', fields.api_app_id ?? 'A0PAPERBOY'],
    ['is_enterprise_install', fields.is_enterprise_install ?? 'false'],
    ['enterprise_id', fields.enterprise_id],
    ['enterprise_name', fields.enterprise_name],
    ['response_url', fields.response_url],
    ['trigger_id', fields.trigger_id ?? '13345224609.738474920.8088930838d88f008e0'],
  ];
  return new URLSearchParams(
    ordered.filter((e): e is [string, string] => e[1] !== undefined),
  ).toString();
}

/** An interactivity (button) form body: `payload=<JSON>`. */
export const interactiveBody = (payload: unknown): string =>
  new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

/** A `block_actions` payload for a button press, shaped as Slack documents it. */
export function blockActionsPayload(input: {
  teamId: string;
  channelId: string;
  userId: string;
  actionId: string;
  responseUrl: string;
}) {
  return {
    type: 'block_actions',
    user: { id: input.userId, username: 'ada', name: 'ada', team_id: input.teamId },
    api_app_id: 'A0PAPERBOY',
    token: 'deprecated-verification-token',
    container: {
      type: 'message',
      message_ts: '1765000000.000100',
      channel_id: input.channelId,
      is_ephemeral: true,
    },
    trigger_id: '13345224609.738474920.8088930838d88f008e0',
    team: { id: input.teamId, domain: 'paperboy-test' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: input.channelId, name: 'papers' },
    state: { values: {} },
    response_url: input.responseUrl,
    actions: [
      {
        action_id: input.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'Next', emoji: true },
        type: 'button',
        action_ts: '1765000001.000200',
      },
    ],
  };
}

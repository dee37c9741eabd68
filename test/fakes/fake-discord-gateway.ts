import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A loopback stand-in for Discord's gateway, just enough for the real discord.js Client to log
 * in and receive an interaction: HELLO (op 10) on connect, IDENTIFY (op 2) answered with READY
 * (op 0, a minimal valid payload), heartbeats (op 1) answered with ACK (op 11), and dispatches
 * (op 0) of events given by the test. JSON encoding, no compression.
 * @see https://discord.com/developers/docs/events/gateway
 */

export interface FakeGatewayOptions {
  botUser: { id: string; username: string };
  applicationId: string;
  heartbeatIntervalMs?: number;
}

export type FakeDiscordGateway = Awaited<ReturnType<typeof createFakeDiscordGateway>>;

export async function createFakeDiscordGateway(options: FakeGatewayOptions) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const identifies: Array<Record<string, unknown>> = [];
  const received: Array<{ op: number; d: unknown }> = [];
  const sockets = new Set<WebSocket>();
  let sequence = 0;
  let heartbeatAcks = 0;
  let identified: () => void = () => {};
  const ready = new Promise<void>((resolve) => (identified = resolve));

  const send = (socket: WebSocket, payload: unknown): void => socket.send(JSON.stringify(payload));

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    send(socket, {
      op: 10,
      d: { heartbeat_interval: options.heartbeatIntervalMs ?? 41_250 },
      s: null,
      t: null,
    });
    socket.on('message', (data) => {
      const packet = JSON.parse(String(data)) as { op: number; d: unknown };
      received.push(packet);
      if (packet.op === 1) {
        heartbeatAcks += 1;
        send(socket, { op: 11, d: null, s: null, t: null });
      } else if (packet.op === 2) {
        identifies.push(packet.d as Record<string, unknown>);
        sequence += 1;
        send(socket, {
          op: 0,
          t: 'READY',
          s: sequence,
          d: {
            v: 10,
            user: {
              ...options.botUser,
              discriminator: '0000',
              global_name: null,
              avatar: null,
              bot: true,
              verified: true,
              mfa_enabled: false,
              flags: 0,
            },
            guilds: [],
            session_id: 'fake-session-1',
            resume_gateway_url: url,
            shard: [0, 1],
            application: { id: options.applicationId, flags: 0 },
          },
        });
        identified();
      }
    });
  });

  return {
    url,
    identifies,
    received,
    get heartbeatAcks() {
      return heartbeatAcks;
    },
    /** Resolves once a client has identified and been sent READY. */
    ready,
    /** Sends an event (op 0) to every connected client. */
    dispatch: (event: string, data: unknown): void => {
      sequence += 1;
      for (const socket of sockets) send(socket, { op: 0, t: event, s: sequence, d: data });
    },
    close: (): Promise<void> =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.terminate();
        server.close(() => resolve());
      }),
  };
}

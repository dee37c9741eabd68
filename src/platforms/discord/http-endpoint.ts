import type { IncomingMessage, ServerResponse } from 'node:http';
import { type REST, Routes } from 'discord.js';
import { type HttpServer, sendJson } from '../../http/http-server.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import {
  type InteractionHandlerDeps,
  type InteractionResponder,
  handleInteraction,
} from './interactions.js';
import { EPHEMERAL_FLAG } from './limits.js';
import { INTERACTION, fromPayload, interactionSchema } from './payload.js';
import { type DiscordMessage, asEdit } from './render.js';
import { createSignatureVerifier } from './signature.js';

export const INTERACTIONS_PATH = '/discord/interactions';

/** Interaction payloads are small; anything bigger is not from Discord. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface InteractionsEndpointDeps {
  http: HttpServer;
  /** Application public key, 64 hex characters. */
  publicKey: string;
  rest: REST;
  handler: InteractionHandlerDeps;
  logger: Logger;
  clock: Clock;
  /** Work that continues after the HTTP response (deferred edits), so stopping can wait for it. */
  track: (work: Promise<void>) => void;
  isStopped: () => boolean;
}

/** The raw body, or null when it exceeds `max` bytes. */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > max ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const flags = (ephemeral: boolean) => (ephemeral ? { flags: EPHEMERAL_FLAG } : {});

/**
 * Answers over HTTP first (the response to Discord's POST is the interaction response), then
 * through the interaction webhook (`auth: false`: the token is the credential).
 */
function createHttpResponder(
  res: ServerResponse,
  rest: REST,
  applicationId: string,
  token: string,
) {
  let resolveAnswered = (): void => {};
  const answered = new Promise<void>((resolve) => (resolveAnswered = resolve));
  let done = false;
  const respond = async (body: unknown): Promise<void> => {
    if (done) throw new AppError('internal', 'The interaction was already answered');
    done = true;
    sendJson(res, 200, body);
    resolveAnswered();
  };
  const responder: InteractionResponder = {
    reply: (m: DiscordMessage, ephemeral) =>
      respond({ type: 4, data: { ...m, ...flags(ephemeral) } }),
    update: (m) => respond({ type: 7, data: asEdit(m) }),
    suggest: (choices) => respond({ type: 8, data: { choices } }),
    defer: (ephemeral) => respond({ type: 5, data: flags(ephemeral) }),
    deferUpdate: () => respond({ type: 6 }),
    editOriginal: async (m) => {
      await rest.patch(Routes.webhookMessage(applicationId, token, '@original'), {
        auth: false,
        body: asEdit(m),
      });
    },
    followUp: async (m, ephemeral) => {
      await rest.post(Routes.webhook(applicationId, token), {
        auth: false,
        body: { ...m, ...flags(ephemeral) },
      });
    },
  };
  return { responder, answered };
}

/**
 * `POST /discord/interactions` on the bot's HTTP server (HTTP interactions mode): verifies the
 * Ed25519 signature over the raw body (401 when missing, bad or older than 5 minutes), answers
 * PING with PONG, and hands commands, buttons and autocomplete to the shared handler.
 *
 * Deferring: the handler answers within the HTTP response when the work takes less than
 * `deferAfterMs`, and otherwise responds with a deferral (type 5, ephemeral; or 6 for buttons)
 * and edits `@original` through the webhook when done; see interactions.ts.
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding
 */
export function mountInteractionsEndpoint(deps: InteractionsEndpointDeps): void {
  const verify = createSignatureVerifier(deps.publicKey, () => deps.clock.now());
  deps.http.mount('POST', INTERACTIONS_PATH, async (req, res) => {
    if (deps.isStopped()) {
      sendJson(res, 503, { error: 'shutting down' });
      return;
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    if (!body) {
      sendJson(res, 413, { error: 'request body too large' });
      return;
    }
    const check = verify(
      header(req, 'x-signature-ed25519'),
      header(req, 'x-signature-timestamp'),
      body,
    );
    if (check !== 'ok') {
      deps.logger.warn('discord interaction refused', { reason: `${check} signature` });
      sendJson(res, 401, { error: 'invalid request signature' });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      sendJson(res, 400, { error: 'body is not JSON' });
      return;
    }
    const parsed = interactionSchema.safeParse(json);
    if (!parsed.success) {
      sendJson(res, 400, { error: 'not an interaction' });
      return;
    }
    const payload = parsed.data;
    if (payload.type === INTERACTION.ping) {
      sendJson(res, 200, { type: 1 });
      return;
    }
    const inbound = fromPayload(payload);
    if (!inbound || !payload.token) {
      deps.logger.debug('discord interaction ignored', { type: payload.type });
      sendJson(res, 400, { error: 'unsupported interaction' });
      return;
    }
    const { responder, answered } = createHttpResponder(
      res,
      deps.rest,
      payload.application_id,
      payload.token,
    );
    const work = handleInteraction(inbound, responder, deps.handler);
    deps.track(work);
    await Promise.race([answered, work]);
    if (!res.headersSent) sendJson(res, 500, { error: 'no response' });
  });
}

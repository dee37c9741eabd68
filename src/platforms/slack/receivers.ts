import {
  App,
  HTTPReceiver,
  type Logger as BoltLogger,
  type Receiver,
  SocketModeReceiver,
  webApi,
} from '@slack/bolt';
import { type HttpServer, sendJson } from '../../http/http-server.js';

/** The path Slack posts slash commands and button presses to in HTTP mode. */
export const SLACK_EVENTS_PATH = '/slack/events';

export interface BoltAppOptions {
  mode: 'socket' | 'http';
  botToken: string;
  appToken?: string;
  signingSecret?: string;
  /** Web API base URL with a trailing slash (`https://slack.com/api/`). */
  apiBaseUrl: string;
  retryConfig: webApi.RetryOptions;
  /** Per-call timeout of Web API requests in ms (0 = none). */
  timeoutMs: number;
  logger: BoltLogger;
  http: HttpServer;
}

export interface BoltApp {
  app: App;
  /** Lets the mounted HTTP route through (it answers 503 until the app is initialised). */
  setReady(ready: boolean): void;
}

/**
 * One Bolt App with the receiver of the mode:
 * - `socket`: Bolt's SocketModeReceiver. Its own WebClient (for `apps.connections.open`) only
 *   gets `installerOptions.clientOptions`, so the base URL and retries go there too.
 * - `http`: Bolt's HTTPReceiver, never started on a port of its own: its request listener is
 *   mounted on the bot's one HTTP server at POST /slack/events. Bolt verifies the signature and
 *   timestamp (401 when wrong or older than 5 minutes), parses form and JSON bodies, answers
 *   `ssl_check` and `url_verification`, and gives listeners 3 s to `ack()`.
 * The App is created with `deferInitialization`, so `auth.test` runs in `app.init()` at start.
 */
export function createBoltApp(options: BoltAppOptions): BoltApp {
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: options.apiBaseUrl,
    retryConfig: options.retryConfig,
    timeout: options.timeoutMs,
    logger: options.logger,
  };
  let ready = false;
  let receiver: Receiver;
  if (options.mode === 'socket') {
    if (!options.appToken) throw new Error('Socket Mode needs SLACK_APP_TOKEN');
    receiver = new SocketModeReceiver({
      appToken: options.appToken,
      logger: options.logger,
      installerOptions: { clientOptions: { ...clientOptions } },
    });
  } else {
    if (!options.signingSecret) throw new Error('HTTP mode needs SLACK_SIGNING_SECRET');
    const http = new HTTPReceiver({
      signingSecret: options.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      logger: options.logger,
      processBeforeResponse: false,
    });
    options.http.mount('POST', SLACK_EVENTS_PATH, (req, res) => {
      if (!ready) {
        sendJson(res, 503, { error: 'Paperboy is starting; Slack retries shortly.' });
        return;
      }
      http.requestListener(req, res);
    });
    receiver = http;
  }
  const app = new App({
    token: options.botToken,
    receiver,
    logger: options.logger,
    clientOptions,
    deferInitialization: true,
    // No Events API conversations to track; the default store only grows.
    convoStore: false,
  });
  return {
    app,
    setReady: (next) => {
      ready = next;
    },
  };
}

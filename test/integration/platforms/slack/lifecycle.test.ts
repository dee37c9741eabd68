import { describe, expect, it } from 'vitest';
import { createHttpServer } from '../../../../src/http/http-server.js';
import { createSlackAdapter } from '../../../../src/platforms/slack/index.js';
import { silentLogger } from '../../../../src/shared/logger.js';
import { createFakeSlackApi } from '../../../fakes/fake-slack-api.js';
import { newSigningSecret, slackSignatureHeaders } from '../../../fakes/fake-slack-socket.js';
import { createCommandHarness } from '../../../helpers/command-harness.js';
import { makeTestConfig } from '../../../helpers/test-config.js';
import { TINY_RETRY } from './slack-world.js';

describe('Slack adapter lifecycle', () => {
  it('answers 503 before start, refuses a bad token at start with how to fix it, and stops twice safely', async () => {
    const api = createFakeSlackApi();
    await api.listen();
    const harness = createCommandHarness();
    const http = createHttpServer({ host: '127.0.0.1', port: 0, logger: silentLogger });
    const secret = newSigningSecret();
    const config = makeTestConfig({
      SLACK_BOT_TOKEN: 'xoxb-revoked',
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_BASE_URL: api.apiUrl,
    }).slack;
    const adapter = createSlackAdapter({
      config,
      http,
      commandDeps: harness.deps,
      logger: silentLogger,
      retryConfig: TINY_RETRY,
    });
    const port = await http.listen();
    try {
      expect(adapter.mode).toBe('http');
      const body = 'command=%2Fpapers&text=help';
      const early = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        headers: slackSignatureHeaders(secret, body),
        body,
      });
      expect(early.status).toBe(503);
      await expect(adapter.start()).rejects.toThrow(
        /Slack refused SLACK_BOT_TOKEN \(invalid_auth\)\. Copy the Bot User OAuth Token/,
      );
      await adapter.stop();
      await adapter.stop();
    } finally {
      await http.close();
      await api.close();
      harness.db.close();
    }
  });

  it('needs a bot token and one inbound mode', () => {
    const http = createHttpServer({ host: '127.0.0.1', port: 0, logger: silentLogger });
    const base = makeTestConfig().slack;
    const harness = createCommandHarness();
    const deps = { http, commandDeps: harness.deps, logger: silentLogger };
    expect(() => createSlackAdapter({ ...deps, config: base })).toThrow(/SLACK_BOT_TOKEN/);
    expect(() => createSlackAdapter({ ...deps, config: { ...base, botToken: 'xoxb-1' } })).toThrow(
      /SLACK_APP_TOKEN.*SLACK_SIGNING_SECRET/,
    );
    harness.db.close();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../../src/app.js';
import { createManualClock } from '../../../src/shared/clock.js';
import { type FakeHfApi, startFakeHfApi } from '../../fakes/fake-hf-api.js';
import { type FakeSlackApi, createFakeSlackApi } from '../../fakes/fake-slack-api.js';
import {
  newSigningSecret,
  slackSignatureHeaders,
  slashCommandBody,
} from '../../fakes/fake-slack-socket.js';
import { loadHfFixture } from '../../helpers/hf-fixtures.js';
import { makeTestConfig } from '../../helpers/test-config.js';
import { createTestLogger } from '../../helpers/test-logger.js';

/**
 * The whole bot as `npm start` builds it, with Slack in HTTP mode: a signed `/papers subscribe`
 * through the bot's one HTTP server, then one scheduler tick posts the digest to the stand-in.
 */
describe('the bot with Slack configured', () => {
  let app: App | undefined;
  let slack: FakeSlackApi;
  let hf: FakeHfApi;
  afterEach(async () => {
    await app?.stop();
    await slack?.close();
    await hf?.close();
  });

  it('subscribes a channel over signed HTTP and posts its digest on schedule', async () => {
    const clock = createManualClock('2025-12-02T08:00:00Z');
    hf = await startFakeHfApi({ days: { '2025-12-01': loadHfFixture('day-2025-12-01') } });
    slack = createFakeSlackApi({ teamId: 'T0TEST001', now: () => clock.now() });
    await slack.listen();
    slack.channel('C0PAPERS01', { isMember: true });
    const secret = newSigningSecret();
    app = createApp(
      makeTestConfig({
        HF_API_BASE_URL: hf.baseUrl,
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_SIGNING_SECRET: secret,
        SLACK_API_BASE_URL: slack.apiUrl,
      }),
      { clock, logger: createTestLogger(), sleep: async () => {} },
    );
    const { port } = await app.start();
    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as {
      mode: string;
    };
    expect(health.mode).toBe('slack:http');

    const responseUrl = slack.responseUrl();
    const body = slashCommandBody({
      team_id: 'T0TEST001',
      channel_id: 'C0PAPERS01',
      user_id: 'U0ADA00001',
      command: '/papers',
      text: 'subscribe',
      response_url: responseUrl,
    });
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: 'POST',
      headers: slackSignatureHeaders(secret, body),
      body,
    });
    expect(res.status).toBe(200);
    const reply = await slack.waitFor((r) => r.method === 'respond');
    expect(JSON.stringify(reply.args)).toContain(
      'Next digest: Tue 2 Dec, 09:00 UTC, covering Mon 1 Dec',
    );

    clock.set('2025-12-02T09:00:20Z');
    const report = await app.delivery.tick();
    expect(report).toMatchObject({ created: 1, sent: 1 });
    const posts = slack.calls('chat.postMessage');
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.every((p) => p.args.channel === 'C0PAPERS01')).toBe(true);
    expect(JSON.stringify(posts[0]?.args)).toContain('Mon 1 Dec 2025');
    // The day was re-fetched just before the digest was built.
    expect(hf.requests.some((r) => r.query.date === '2025-12-01')).toBe(true);
    clock.advance(60_000);
    await app.delivery.tick();
    expect(slack.calls('chat.postMessage')).toHaveLength(posts.length);
  });
});

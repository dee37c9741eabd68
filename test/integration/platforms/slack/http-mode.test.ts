import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../../../src/core/channels/channel.js';
import { blockActionsPayload } from '../../../fakes/fake-slack-socket.js';
import {
  CHANNEL,
  type SlackWorld,
  TEAM,
  USER,
  actionIds,
  blocksText,
  createSlackWorld,
} from './slack-world.js';

const REF: ChannelRef = { platform: 'slack', workspaceId: TEAM, channelId: CHANNEL };
const THURSDAY = '2025-12-04';

let world: SlackWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** Seven diffusion papers: two pages of search results. */
function seedDiffusion(w: SlackWorld): void {
  w.harness.seedDay(
    THURSDAY,
    Array.from({ length: 7 }, (_, i) => ({
      id: `2512.${String(30001 + i)}`,
      title: `Diffusion models study ${i + 1}`,
      abstract: 'We study diffusion. It works.',
      upvotes: 70 - i,
    })),
  );
}

describe('Slack HTTP mode (signed requests to /slack/events on the bot server)', () => {
  it('answers a signed /papers search: empty 200 at once, then an ephemeral respond() with the results', async () => {
    world = await createSlackWorld({ mode: 'http' });
    seedDiffusion(world);
    const { status, body, responseUrl } = await world.command('search diffusion');
    expect(status).toBe(200);
    expect(body).toBe('');
    const reply = await world.api.waitFor(
      (r) => r.method === 'respond' && responseUrl.endsWith(r.path),
    );
    expect(reply.contentType).toMatch(/^application\/json/);
    expect(reply.status).toBe(200);
    expect(reply.args).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      unfurl_links: false,
    });
    expect(blocksText(reply.args)).toContain('Results 1–5 for "diffusion"');
    expect(actionIds(reply.args).some((id) => /^search:page:[\w-]+:2$/.test(id))).toBe(true);
  });

  it('lets answers in flight reach Slack when stopped right after the ack', async () => {
    world = await createSlackWorld({ mode: 'http' });
    seedDiffusion(world);
    const { status, responseUrl } = await world.command('search diffusion');
    expect(status).toBe(200);
    await world.adapter.stop();
    expect(world.responses(responseUrl)).toHaveLength(1);
  });

  it('refuses a stale timestamp and a bad signature with 401, and runs nothing', async () => {
    world = await createSlackWorld({ mode: 'http' });
    const stale = await world.command('help', {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(stale.status).toBe(401);
    const forged = await world.command('help', { secret: 'not-the-signing-secret' });
    expect(forged.status).toBe(401);
    const unsigned = await fetch(world.eventsUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'command=%2Fpapers&text=help',
    });
    expect(unsigned.status).toBe(401);
    await new Promise((r) => setTimeout(r, 50));
    expect(world.api.calls('respond')).toHaveLength(0);
  });

  it('pages search results with the Next button (replace_original) and shares one in the channel', async () => {
    world = await createSlackWorld({ mode: 'http' });
    seedDiffusion(world);
    const first = await world.command('search diffusion');
    const page1 = await world.api.waitFor(
      (r) => r.method === 'respond' && first.responseUrl.endsWith(r.path),
    );
    const next = actionIds(page1.args).find((id) => id.startsWith('search:page:'));
    expect(next).toBeDefined();

    const pageUrl = world.api.responseUrl();
    const status = await world.interact(
      blockActionsPayload({
        teamId: TEAM,
        channelId: CHANNEL,
        userId: USER,
        actionId: next ?? '',
        responseUrl: pageUrl,
      }),
    );
    expect(status).toBe(200);
    const page2 = await world.api.waitFor(
      (r) => r.method === 'respond' && pageUrl.endsWith(r.path),
    );
    expect(page2.args).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(blocksText(page2.args)).toContain('Results 6–7');

    const share = actionIds(page1.args).find((id) => id.startsWith('search:share:'));
    const shareUrl = world.api.responseUrl();
    await world.interact(
      blockActionsPayload({
        teamId: TEAM,
        channelId: CHANNEL,
        userId: USER,
        actionId: share ?? '',
        responseUrl: shareUrl,
      }),
    );
    const shared = await world.api.waitFor(
      (r) => r.method === 'respond' && shareUrl.endsWith(r.path),
    );
    expect(shared.args).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(blocksText(shared.args)).toContain('Diffusion models study 1');
  });

  it('shows usage for /papers alone and suggests the closest subcommand for a typo', async () => {
    world = await createSlackWorld({ mode: 'http' });
    const help = await world.command('');
    const usage = await world.api.waitFor(
      (r) => r.method === 'respond' && help.responseUrl.endsWith(r.path),
    );
    expect(blocksText(usage.args)).toContain('/papers search');
    const typo = await world.command('serach diffusion');
    const hint = await world.api.waitFor(
      (r) => r.method === 'respond' && typo.responseUrl.endsWith(r.path),
    );
    expect(blocksText(hint.args)).toContain('Did you mean /papers search?');
  });

  it('lets any channel member subscribe by default, after checking the bot is in the channel', async () => {
    world = await createSlackWorld({ mode: 'http' });
    const { responseUrl } = await world.command('subscribe "speculative decoding" -survey');
    const reply = await world.api.waitFor(
      (r) => r.method === 'respond' && responseUrl.endsWith(r.path),
    );
    expect(blocksText(reply.args)).toContain('Subscribed to');
    expect(world.api.calls('conversations.info')[0]?.args).toMatchObject({ channel: CHANNEL });
    expect(world.api.calls('users.info')).toHaveLength(0);
    expect(world.harness.deps.channels.get(REF)?.topics.map((t) => t.query)).toEqual([
      '"speculative decoding" -survey',
    ]);
  });

  it('says how to invite the bot when it is not in the channel, and subscribes nothing', async () => {
    world = await createSlackWorld({ mode: 'http' });
    world.api.channel(CHANNEL, { isMember: false });
    const { responseUrl } = await world.command('subscribe');
    const reply = await world.api.waitFor(
      (r) => r.method === 'respond' && responseUrl.endsWith(r.path),
    );
    expect(blocksText(reply.args)).toContain('/invite @Paperboy');
    expect(world.harness.deps.channels.get(REF)).toBeNull();

    world.api.channel('G0PRIVATE1', { isPrivate: true, isMember: false });
    const hidden = await world.command('subscribe', { channel: 'G0PRIVATE1' });
    const why = await world.api.waitFor(
      (r) => r.method === 'respond' && hidden.responseUrl.endsWith(r.path),
    );
    expect(blocksText(why.args)).toMatch(/cannot see this channel.*\/invite @Paperboy/s);
  });

  it('with SLACK_MANAGERS=admins, refuses a member with the reason and lets an admin subscribe', async () => {
    world = await createSlackWorld({ mode: 'http', managers: 'admins' });
    world.api.user({ id: USER });
    world.api.user({ id: 'U0ADMIN001', isAdmin: true });
    const member = await world.command('subscribe');
    const refused = await world.api.waitFor(
      (r) => r.method === 'respond' && member.responseUrl.endsWith(r.path),
    );
    expect(blocksText(refused.args)).toContain('only Slack workspace admins and owners');
    expect(world.harness.deps.channels.get(REF)).toBeNull();
    expect(world.api.calls('users.info')[0]?.args).toMatchObject({ user: USER });

    const admin = await world.command('subscribe', { user: 'U0ADMIN001' });
    const done = await world.api.waitFor(
      (r) => r.method === 'respond' && admin.responseUrl.endsWith(r.path),
    );
    expect(blocksText(done.args)).toContain('full digest');
    expect(world.harness.deps.channels.get(REF)?.everything).toBe(true);

    // Reading settings needs no admin; changing them does.
    const show = await world.command('settings');
    const shown = await world.api.waitFor(
      (r) => r.method === 'respond' && show.responseUrl.endsWith(r.path),
    );
    expect(blocksText(shown.args)).not.toContain('admins and owners');
    const change = await world.command('settings time:08:30 timezone:Europe/Berlin');
    const no = await world.api.waitFor(
      (r) => r.method === 'respond' && change.responseUrl.endsWith(r.path),
    );
    expect(blocksText(no.args)).toContain('admins and owners');
    expect(world.harness.deps.channels.get(REF)?.settings.time).toBe('09:00');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
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

let world: SlackWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** A slash command as Socket Mode delivers it: the form fields as a JSON object of strings. */
const slashPayload = (text: string, responseUrl: string): Record<string, string> => ({
  token: 'deprecated-verification-token',
  team_id: TEAM,
  team_domain: 'paperboy-test',
  channel_id: CHANNEL,
  channel_name: 'papers',
  user_id: USER,
  user_name: 'ada',
  command: '/papers',
  text,
  api_app_id: 'A0PAPERBOY',
  is_enterprise_install: 'false',
  response_url: responseUrl,
  trigger_id: '13345224609.738474920.8088930838d88f008e0',
});

describe('Slack Socket Mode (apps.connections.open → hello → envelopes)', () => {
  it('connects with the app token, acks a /papers search envelope and answers through respond()', async () => {
    world = await createSlackWorld({ mode: 'socket' });
    const socket = world.socket;
    if (!socket) throw new Error('no socket');
    expect(world.adapter.mode).toBe('socket');
    const open = world.api.calls('apps.connections.open')[0];
    expect(open?.headers.authorization).toBe(`Bearer ${world.api.appToken}`);
    expect(world.api.calls('auth.test')[0]?.headers.authorization).toBe(
      `Bearer ${world.api.botToken}`,
    );

    world.harness.seedDay('2025-12-04', [
      {
        id: '2512.40001',
        title: 'Speculative decoding at scale',
        abstract: 'Faster decoding. Really.',
        upvotes: 40,
      },
      { id: '2512.40002', title: 'Video diffusion', abstract: 'Frames. Many frames.', upvotes: 30 },
    ]);
    const responseUrl = world.api.responseUrl();
    const ack = await socket.slashCommand(
      slashPayload('search "speculative decoding"', responseUrl),
    );
    expect(typeof ack.envelope_id).toBe('string');
    const reply = await world.api.waitFor(
      (r) => r.method === 'respond' && responseUrl.endsWith(r.path),
    );
    expect(reply.args).toMatchObject({ response_type: 'ephemeral' });
    expect(blocksText(reply.args)).toContain('Speculative decoding at scale');
    expect(blocksText(reply.args)).not.toContain('Video diffusion');

    const shareUrl = world.api.responseUrl();
    const share = actionIds(reply.args).find((id) => id.startsWith('search:share:')) ?? '';
    const buttonAck = await socket.interactive(
      blockActionsPayload({
        teamId: TEAM,
        channelId: CHANNEL,
        userId: USER,
        actionId: share,
        responseUrl: shareUrl,
      }),
    );
    expect(buttonAck.envelope_id).toBeTruthy();
    const shared = await world.api.waitFor(
      (r) => r.method === 'respond' && shareUrl.endsWith(r.path),
    );
    expect(shared.args).toMatchObject({ response_type: 'in_channel' });
  });

  it('stops cleanly and is safe to stop twice', async () => {
    world = await createSlackWorld({ mode: 'socket' });
    await world.adapter.stop();
    await world.adapter.stop();
  });
});

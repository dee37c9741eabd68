import { beforeEach, describe, expect, it } from 'vitest';
import { PERMISSION_REFUSAL } from '../../../commands/dispatch.js';
import { QUERY_ERRORS } from '../../../src/core/query/parse-query.js';
import {
  type CommandHarness,
  HARNESS_CHANNEL,
  createCommandHarness,
  replyText,
} from '../../helpers/command-harness.js';

describe('/papers subscribe', () => {
  let h: CommandHarness;
  beforeEach(() => {
    h = createCommandHarness(); // Friday 5 Dec 2025, 11:00 UTC
  });

  it('subscribes to the full digest and says when the next one comes', async () => {
    const reply = await h.run('subscribe');
    expect(reply.visibility).toBe('caller');
    const text = replyText(reply);
    expect(text).toContain('This channel now gets the full digest: the top 10 papers of each day.');
    expect(text).toContain('Follows: everything (the full digest).');
    expect(text).toContain('Next digest: Mon 8 Dec, 09:00 UTC, covering Fri 5 Dec.');
    expect(h.channel()?.everything).toBe(true);
  });

  it("gives the next digest in the channel's own time zone (Berlin, Friday → Monday)", async () => {
    await h.run('settings', { timezone: 'Europe/Berlin', time: '08:30' });
    const text = replyText(await h.run('subscribe', { topic: 'speculative decoding' }));
    expect(text).toContain('Subscribed to "speculative decoding".');
    expect(text).toContain('Follows: papers matching "speculative decoding".');
    expect(text).toContain('Next digest: Mon 8 Dec, 08:30 Europe/Berlin, covering Fri 5 Dec.');
    expect(h.channel()?.topics.map((t) => t.query)).toEqual(['speculative decoding']);
  });

  it('says a topic is already followed (any case), stores it once and still gives the next digest', async () => {
    await h.run('subscribe', { topic: 'video  diffusion' });
    const reply = await h.run('subscribe', { topic: 'Video Diffusion' });
    const text = replyText(reply);
    expect(text).toContain('This channel already follows "video diffusion".');
    expect(text).toContain('Next digest: Mon 8 Dec, 09:00 UTC, covering Fri 5 Dec.');
    expect(h.count('topics')).toBe(1);
  });

  it('says topics only label papers when the channel also gets everything', async () => {
    await h.run('subscribe');
    const text = replyText(await h.run('subscribe', { topic: 'diffusion' }));
    expect(text).toContain('/papers unsubscribe everything to get only matching papers');
    expect(text).toContain(
      'Follows: everything (the full digest); topics "diffusion" label matching papers.',
    );
  });

  it('resumes a paused channel and says so', async () => {
    await h.run('subscribe');
    const pk = h.channel()?.pk as number;
    h.deps.channels.pause(
      pk,
      'Paperboy may not post in this channel (discord forbidden)',
      h.clock.now(),
    );
    const text = replyText(await h.run('subscribe'));
    expect(text).toMatch(
      /^Resumed: delivery had been paused because: Paperboy may not post in this channel \(discord forbidden\)\./,
    );
    expect(text).toContain('This channel already gets the full digest.');
    expect(h.channel()?.paused).toBeNull();
  });

  it.each([
    ['-survey', QUERY_ERRORS.onlyExcluded],
    ['***', QUERY_ERRORS.noWords],
  ])(
    "refuses the topic %s with the parser's message and stores nothing",
    async (topic, message) => {
      const reply = await h.run('subscribe', { topic });
      expect(reply.visibility).toBe('caller');
      expect(replyText(reply)).toBe(message);
      expect(h.count('channels')).toBe(0);
    },
  );

  it('refuses an empty topic and stores nothing', async () => {
    const reply = await h.run('subscribe', { topic: '   ' });
    expect(replyText(reply)).toBe(
      'The topic is empty. Give words to follow, e.g. "speculative decoding", or leave the topic out to get every paper of the day.',
    );
    expect(h.count('channels')).toBe(0);
  });

  it('refuses a 10 000-character topic and stores nothing', async () => {
    const reply = await h.run('subscribe', { topic: 'word '.repeat(2_000) });
    expect(reply.blocks).toHaveLength(1);
    expect(replyText(reply)).toBe(
      'The topic is too long (9999 characters; at most 200). Shorten it.',
    );
    expect(h.count('channels')).toBe(0);
  });

  it('refuses an eleventh topic and keeps the ten', async () => {
    for (let i = 0; i < 10; i++) await h.run('subscribe', { topic: `topic${i}` });
    const reply = await h.run('subscribe', { topic: 'one more' });
    expect(replyText(reply)).toContain('This channel already follows 10 topics, the most it can.');
    expect(h.count('topics')).toBe(10);
    // Re-subscribing to one it has is still fine.
    expect(replyText(await h.run('subscribe', { topic: 'TOPIC3' }))).toContain(
      'already follows "topic3"',
    );
  });

  it('is refused to people who cannot manage the channel, storing nothing', async () => {
    const reply = await h.run('subscribe', { topic: 'diffusion' }, { canManageChannel: false });
    expect(reply.visibility).toBe('caller');
    expect(replyText(reply)).toBe(PERMISSION_REFUSAL);
    expect(h.count('channels')).toBe(0);
  });
});

describe('/papers unsubscribe', () => {
  let h: CommandHarness;
  beforeEach(async () => {
    h = createCommandHarness();
    await h.run('settings', { timezone: 'Europe/Berlin' });
    await h.run('subscribe', { topic: 'diffusion' });
    await h.run('subscribe', { topic: 'speculative decoding' });
  });

  it('removes one topic and says what remains and when the next digest comes', async () => {
    const text = replyText(await h.run('unsubscribe', { topic: 'DIFFUSION' }));
    expect(text).toBe(
      [
        'Unsubscribed from "diffusion".',
        'Still follows: papers matching "speculative decoding".',
        'Next digest: Mon 8 Dec, 09:00 Europe/Berlin, covering Fri 5 Dec.',
      ].join('\n'),
    );
    expect(h.channel()?.topics.map((t) => t.query)).toEqual(['speculative decoding']);
  });

  it('says there are no more digests when the last topic goes', async () => {
    await h.run('unsubscribe', { topic: 'diffusion' });
    const text = replyText(await h.run('unsubscribe', { topic: 'speculative decoding' }));
    expect(text).toContain('This channel gets no more digests. /papers subscribe to start again.');
  });

  it('removes everything with all', async () => {
    await h.run('subscribe');
    const text = replyText(await h.run('unsubscribe', { topic: 'all' }));
    expect(text).toContain('Unsubscribed from everything');
    expect(text).toContain('This channel gets no more digests.');
    expect(h.channel()?.everything).toBe(false);
    expect(h.count('topics')).toBe(0);
  });

  it('turns off only the full digest with everything', async () => {
    await h.run('subscribe');
    const text = replyText(await h.run('unsubscribe', { topic: 'everything' }));
    expect(text).toContain('Stopped the full digest.');
    expect(text).toContain('Still follows: papers matching "diffusion", "speculative decoding".');
    expect(h.channel()?.everything).toBe(false);
  });

  it('lists the topics when asked to remove one the channel does not follow', async () => {
    const text = replyText(await h.run('unsubscribe', { topic: 'llm agents' }));
    expect(text).toBe(
      'This channel does not follow "llm agents". Use one of: "diffusion", "speculative decoding", all.',
    );
    expect(h.count('topics')).toBe(2);
  });

  it('says the channel is not subscribed when it is not', async () => {
    await h.run('unsubscribe', { topic: 'all' });
    expect(replyText(await h.run('unsubscribe', { topic: 'diffusion' }))).toBe(
      'This channel is not subscribed to anything. /papers subscribe to start.',
    );
  });

  it('is refused to people who cannot manage the channel, changing nothing', async () => {
    const reply = await h.run('unsubscribe', { topic: 'all' }, { canManageChannel: false });
    expect(replyText(reply)).toBe(PERMISSION_REFUSAL);
    expect(h.count('topics')).toBe(2);
  });

  it('refuses an empty or 10 000-character topic', async () => {
    expect(replyText(await h.run('unsubscribe', { topic: '' }))).toBe(
      'The topic is empty. Use e.g. "speculative decoding", all or everything.',
    );
    expect(replyText(await h.run('unsubscribe', {}))).toBe(
      'Give the topic, e.g. "speculative decoding", all or everything.',
    );
    expect(replyText(await h.run('unsubscribe', { topic: 'x'.repeat(10_000) }))).toContain(
      'is too long',
    );
    expect(h.count('topics')).toBe(2);
  });

  it("suggests the channel's topics, everything when set, and all", async () => {
    expect(h.suggest('unsubscribe', 'topic', '')).toEqual([
      { name: 'diffusion', value: 'diffusion' },
      { name: 'speculative decoding', value: 'speculative decoding' },
      { name: 'all (no more digests here)', value: 'all' },
    ]);
    await h.run('subscribe');
    expect(h.suggest('unsubscribe', 'topic', 'EVERY')).toEqual([
      { name: 'everything (the full digest)', value: 'everything' },
    ]);
    expect(h.suggest('unsubscribe', 'topic', 'spec')).toEqual([
      { name: 'speculative decoding', value: 'speculative decoding' },
    ]);
    expect(
      h.suggest('unsubscribe', 'topic', '', {
        channel: { ...HARNESS_CHANNEL, channelId: 'other' },
      }),
    ).toEqual([]);
  });

  it('unsubscribes a topic longer than 100 characters through its clipped suggestion', async () => {
    const long = `${'transformer '.repeat(12)}attention`;
    await h.run('subscribe', { topic: long });
    const choice = h.suggest('unsubscribe', 'topic', 'transformer')[0];
    expect(choice?.value).toHaveLength(100);
    const text = replyText(await h.run('unsubscribe', { topic: choice?.value }));
    expect(text).toContain('Unsubscribed from "transformer transformer');
    expect(h.count('topics')).toBe(2);
  });
});

describe('/papers subscriptions', () => {
  let h: CommandHarness;
  beforeEach(() => {
    h = createCommandHarness();
  });

  it('says how to subscribe when the channel is not subscribed', async () => {
    const reply = await h.run('subscriptions', {}, { canManageChannel: false });
    expect(replyText(reply)).toBe(
      'This channel is not subscribed to any digest.\nSubscribe with /papers subscribe (every paper of the day) or /papers subscribe <topic> (only matching papers).',
    );
  });

  it('shows topics, settings in words, the next digest and that nothing was posted yet', async () => {
    await h.run('settings', { timezone: 'Europe/Berlin', min_upvotes: 3 });
    await h.run('subscribe', { topic: 'diffusion' });
    const text = replyText(await h.run('subscriptions', {}, { canManageChannel: false }));
    expect(text).toBe(
      [
        'Follows: papers matching "diffusion".',
        'Settings: Mon–Fri at 09:00 Europe/Berlin · top 10 · min 3 upvotes · empty days: silent.',
        'Next digest: Mon 8 Dec, 09:00 Europe/Berlin, covering Fri 5 Dec.',
        'No digest has been posted here yet.',
      ].join('\n'),
    );
  });

  it('shows the last delivery and its outcome', async () => {
    h.seedDay('2025-12-04', [
      { id: '2512.00001', upvotes: 5 },
      { id: '2512.00002', upvotes: 7 },
    ]);
    await h.run('settings', { timezone: 'Europe/Berlin' });
    await h.run('subscribe');
    h.deliver({ day: '2025-12-03', status: 'failed', reason: 'Gave up after 5 tries: 503' });
    expect(replyText(await h.run('subscriptions'))).toContain(
      'Last digest: Wed 3 Dec 2025: failed. Gave up after 5 tries: 503.',
    );
    h.deliver({ day: '2025-12-04', status: 'sent' });
    expect(replyText(await h.run('subscriptions'))).toContain(
      'Last digest: Thu 4 Dec 2025, sent Fri 5 Dec, 12:00 Europe/Berlin with 2 papers.',
    );
  });

  it('shows empty and skipped outcomes with their reasons', async () => {
    await h.run('subscribe', { topic: 'quantum' });
    h.seedDay('2025-12-04', [{ id: '2512.00001', title: 'Diffusion' }]);
    h.deliver({ day: '2025-12-04', status: 'empty' });
    expect(replyText(await h.run('subscriptions'))).toContain(
      'Last digest: Thu 4 Dec 2025: nothing posted (empty days are silent). None of the 1 papers of Thu 4 Dec 2025 matched your topics (quantum).',
    );
    h.deliver({ day: '2025-12-05', status: 'skipped', reason: 'Missed: Paperboy was not running' });
    expect(replyText(await h.run('subscriptions'))).toContain(
      'Last digest: Fri 5 Dec 2025: skipped. Missed: Paperboy was not running.',
    );
  });

  it('shows a pause with its reason and how to resume, instead of a next digest', async () => {
    await h.run('subscribe');
    h.deps.channels.pause(h.channel()?.pk as number, 'Missing permission to post', h.clock.now());
    const text = replyText(await h.run('subscriptions'));
    expect(text).toContain(
      'Paused since Fri 5 Dec, 11:00 UTC: Missing permission to post. Fix that (e.g. let Paperboy post in this channel), then /papers subscribe to resume.',
    );
    expect(text).not.toContain('Next digest');
  });
});

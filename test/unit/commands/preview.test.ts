import { beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../../src/core/channels/channel.js';
import type { Day } from '../../../src/core/day.js';
import { buildChannelDigest } from '../../../src/core/digest/channel-digest.js';
import { createTopicCompiler, prepareCandidates } from '../../../src/core/digest/select-papers.js';
import type { Reply } from '../../../src/core/reply.js';
import {
  type CommandHarness,
  createCommandHarness,
  replyText,
} from '../../helpers/command-harness.js';

/** What the scheduler would build for this channel and day (the reference for preview). */
function scheduled(h: CommandHarness, channel: Channel, day: Day) {
  return buildChannelDigest({
    channel,
    day,
    candidates: prepareCandidates(
      h.deps.papers.topPapers({ from: day, to: day, limit: 2_000 }).map((t) => t.paper),
    ),
    compile: createTopicCompiler(),
    alreadyPosted: channel.pk === 0 ? new Set() : h.deps.deliveries.postedPaperIds(channel.pk),
    lastRun: h.deps.papers.lastRunForDay(day),
  });
}

const digestOf = (reply: Reply) => {
  const block = reply.blocks.find((b) => b.kind === 'digest');
  return block?.kind === 'digest' ? block.digest : undefined;
};

describe('/papers preview', () => {
  let h: CommandHarness;
  beforeEach(async () => {
    h = createCommandHarness(); // Friday 5 Dec 2025, 11:00 UTC
    h.seedDay('2025-12-04', [
      { id: '2512.01001', title: 'Diffusion A', abstract: 'Diffusion.', upvotes: 50 },
      { id: '2512.01002', title: 'Diffusion B', abstract: 'Diffusion.', upvotes: 40 },
      { id: '2512.01003', title: 'Diffusion C', abstract: 'Diffusion.', upvotes: 1 },
      { id: '2512.01004', title: 'Decoding D', abstract: 'Decoding.', upvotes: 90 },
    ]);
    h.seedDay('2025-12-05', [
      { id: '2512.02001', title: 'Diffusion F', abstract: 'Diffusion.', upvotes: 5 },
    ]);
  });

  it("equals what the scheduler would build, from the latest complete day when the next run's day has not ended", async () => {
    await h.run('settings', { timezone: 'Europe/Berlin', min_upvotes: 2 });
    await h.run('subscribe', { topic: 'diffusion' });
    const reply = await h.run('preview', {}, { canManageChannel: false });
    expect(reply.visibility).toBe('caller');
    expect(replyText(reply).split('\n')[0]).toBe(
      'Preview built from Thu 4 Dec 2025, the latest complete day. Next digest: Mon 8 Dec, 09:00 Europe/Berlin, covering Fri 5 Dec.',
    );
    const expected = scheduled(h, h.channel() as Channel, '2025-12-04');
    expect(digestOf(reply)).toEqual(expected.view);
    expect(expected.view.entries.map((e) => e.id)).toEqual(['2512.01001', '2512.01002']);
  });

  it("previews the next run's own day once it has ended, leaving out papers already posted", async () => {
    await h.run('subscribe', { topic: 'diffusion' });
    h.deliver({ day: '2025-12-04', status: 'sent' });
    h.seedDay('2025-12-05', [
      { id: '2512.02001', title: 'Diffusion F', abstract: 'Diffusion.', upvotes: 5 },
      { id: '2512.01001', title: 'Diffusion A', abstract: 'Diffusion.', upvotes: 55 }, // listed again
    ]);
    h.clock.set('2025-12-08T06:00:00Z'); // Monday before the 09:00 UTC run covering Friday
    const reply = await h.run('preview');
    expect(replyText(reply)).toContain(
      'Preview of the next digest if it were built now. Next digest: Mon 8 Dec, 09:00 UTC, covering Fri 5 Dec.',
    );
    const expected = scheduled(h, h.channel() as Channel, '2025-12-05');
    expect(digestOf(reply)).toEqual(expected.view);
    expect(expected.view.entries.map((e) => e.id)).toEqual(['2512.02001']);
  });

  it('shows the full digest with a note when the channel is not subscribed, storing nothing', async () => {
    const reply = await h.run('preview');
    const text = replyText(reply);
    expect(text).toContain('This channel is not subscribed, so this is the full digest.');
    expect(digestOf(reply)?.entries.map((e) => e.id)).toEqual([
      '2512.01004',
      '2512.01001',
      '2512.01002',
      '2512.01003',
    ]);
    expect(h.count('channels')).toBe(0);
  });

  it('says nothing would be posted on a silent empty day, and why', async () => {
    await h.run('subscribe', { topic: 'quantum' });
    const reply = await h.run('preview');
    const text = replyText(reply);
    expect(text).toContain('Nothing would be posted: empty days are silent here');
    expect(digestOf(reply)?.emptyReason).toBe(
      'None of the 4 papers of Thu 4 Dec 2025 matched your topics (quantum).',
    );
  });

  it('mentions a pause and how to resume', async () => {
    await h.run('subscribe');
    h.deps.channels.pause(h.channel()?.pk as number, 'Missing access', h.clock.now());
    expect(replyText(await h.run('preview'))).toContain(
      'Delivery here is paused: Missing access. /papers subscribe resumes it.',
    );
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { NOT_AN_ARXIV_ID } from '../../../commands/lib/arxiv-input.js';
import {
  type CommandHarness,
  createCommandHarness,
  replyText,
} from '../../helpers/command-harness.js';

const THU = '2025-12-04';

/** Thursday's papers: top 2 with min 3 upvotes for the topic "diffusion". */
const THURSDAY = [
  { id: '2512.01001', title: 'Diffusion A', abstract: 'Diffusion models.', upvotes: 50 },
  { id: '2512.01002', title: 'Diffusion B', abstract: 'Diffusion models.', upvotes: 40 },
  { id: '2512.01003', title: 'Diffusion C', abstract: 'Diffusion models.', upvotes: 30 },
  { id: '2512.01004', title: 'Diffusion D', abstract: 'Diffusion models.', upvotes: 2 },
  { id: '2512.01005', title: 'Speculative Decoding E', abstract: 'Decoding.', upvotes: 60 },
];

describe('/papers why', () => {
  let h: CommandHarness;
  const why = async (id: string): Promise<string> => replyText(await h.run('why', { id }));

  beforeEach(async () => {
    h = createCommandHarness({ now: '2025-12-04T12:00:00Z' }); // Thursday noon UTC
    h.seedDay(THU, THURSDAY);
    await h.run('settings', { top: 2, min_upvotes: 3, timezone: 'Europe/Berlin' });
    await h.run('subscribe', { topic: 'diffusion' });
  });

  describe('after the digest was sent', () => {
    beforeEach(() => {
      h.clock.set('2025-12-05T08:00:00Z');
      h.deliver({ day: THU, status: 'sent' });
      h.clock.set('2025-12-05T11:00:00Z');
    });

    it('links the digest a posted paper was in', async () => {
      expect(await why('https://arxiv.org/abs/2512.01001v2')).toBe(
        "Diffusion A <https://huggingface.co/papers/2512.01001> (2512.01001) was in this channel's digest of Thu 4 Dec 2025 <https://huggingface.co/papers/date/2025-12-04>, posted Fri 5 Dec, 09:00 Europe/Berlin.",
      );
    });

    it('names the topics a paper did not match', async () => {
      const text = await why('2512.01005');
      expect(text).toContain('was not posted here.');
      expect(text).toContain(
        `Listed Thu 4 Dec 2025: It matched none of the channel's topics then ("diffusion").`,
      );
      expect(text).toContain(
        'Upvotes are counted as of now (▲ 60); they may have changed since a digest was built.',
      );
    });

    it('gives upvotes against the minimum', async () => {
      expect(await why('2512.01004')).toContain(
        "It has 2 upvotes now; the channel's minimum then was 3.",
      );
    });

    it('gives the rank beyond the top N', async () => {
      expect(await why('2512.01003')).toContain(
        'By current upvotes it ranks #3 among the matching papers; the digest showed the top 2.',
      );
    });

    it('explains with the settings of the time, not the current ones', async () => {
      await h.run('settings', { top: 10, min_upvotes: 0 });
      await h.run('unsubscribe', { topic: 'diffusion' });
      await h.run('subscribe');
      expect(await why('2512.01003')).toContain('the digest showed the top 2');
      expect(await why('2512.01005')).toContain(`none of the channel's topics then ("diffusion")`);
    });

    it('is honest when upvotes changed so much that it would be included now', async () => {
      h.seedDay(THU, [{ ...THURSDAY[2], upvotes: 100 }]);
      expect(await why('2512.01003')).toContain(
        "By today's upvotes it would be included (#1), so it must have had fewer upvotes when the digest was built.",
      );
    });
  });

  it('says when the digest covering the day is scheduled', async () => {
    expect(await why('2512.01003')).toContain(
      'Listed Thu 4 Dec 2025: Not decided yet: the digest covering that day is scheduled for Fri 5 Dec, 09:00 Europe/Berlin.',
    );
  });

  it('says the digest is due now when its time has come but no row exists yet', async () => {
    h.clock.set('2025-12-05T08:30:00Z');
    expect(await why('2512.01003')).toContain(
      'the digest covering that day is due now and being prepared.',
    );
  });

  it('gives the failure reason of a failed delivery', async () => {
    h.clock.set('2025-12-05T09:00:00Z');
    h.deliver({ day: THU, status: 'failed', reason: 'Gave up after 5 tries: discord 503' });
    expect(await why('2512.01003')).toContain(
      'Listed Thu 4 Dec 2025: The digest covering that day failed. Gave up after 5 tries: discord 503.',
    );
  });

  it('gives the reason of a skipped delivery', async () => {
    h.clock.set('2025-12-05T16:00:00Z');
    h.deliver({
      day: THU,
      status: 'skipped',
      reason: 'Missed: Paperboy was not running at 09:00.',
    });
    expect(await why('2512.01003')).toContain(
      'The digest covering that day was skipped. Missed: Paperboy was not running at 09:00.',
    );
  });

  it('says a delivery is being retried, with the last error', async () => {
    h.clock.set('2025-12-05T08:00:00Z');
    const d = h.deliver({ day: THU, status: 'pending' });
    h.deps.deliveries.retryLater(d.id, new Date('2025-12-05T08:05:00Z'), 'discord 502');
    expect(await why('2512.01003')).toContain(
      'Not decided yet: the digest covering that day is being retried. Last error: discord 502.',
    );
  });

  it('explains an empty (silent) day with the same decision', async () => {
    h.clock.set('2025-12-05T08:00:00Z');
    await h.run('settings', { min_upvotes: 1000 });
    h.deliver({ day: THU, status: 'empty' });
    expect(await why('2512.01001')).toContain(
      "It has 50 upvotes now; the channel's minimum then was 1000.",
    );
  });

  it('says a day before the channel subscribed had no digest here', async () => {
    h.seedDay('2025-12-03', [{ id: '2512.00900', title: 'Wednesday paper' }]);
    expect(await why('2512.00900')).toContain(
      'Listed Wed 3 Dec 2025: No digest covered it here: the digest covering that day was due Thu 4 Dec, 09:00 Europe/Berlin, before this channel subscribed.',
    );
    h.seedDay('2025-12-01', [{ id: '2512.00800', title: 'Monday paper' }]);
    expect(await why('2512.00800')).toContain(
      'this channel subscribed on Thu 4 Dec 2025, after that day.',
    );
  });

  it('says a channel that never subscribed gets nothing', async () => {
    const text = replyText(
      await h.run(
        'why',
        { id: '2512.01001' },
        { channel: { ...h.ctx.channel, channelId: 'elsewhere' } },
      ),
    );
    expect(text).toContain('was listed on Thu 4 Dec 2025.');
    expect(text).toContain(
      'This channel has never subscribed, so Paperboy posts nothing here. /papers subscribe to start.',
    );
  });

  it('says an unsubscribed channel is not subscribed', async () => {
    await h.run('unsubscribe', { topic: 'all' });
    expect(await why('2512.01001')).toContain(
      'No digest covered it here: this channel is not subscribed.',
    );
  });

  it('says a known paper that was never listed cannot be in a digest', async () => {
    h.db
      .prepare(
        "DELETE FROM listings WHERE paper_pk = (SELECT pk FROM papers WHERE id = '2512.01002')",
      )
      .run();
    expect(await why('2512.01002')).toContain(
      'was never listed on Hugging Face Daily Papers, so no digest could include it.',
    );
  });

  it('refuses what is not an arXiv id, and names an unknown one', async () => {
    expect(await why('diffusion')).toBe(NOT_AN_ARXIV_ID);
    expect(await why('2512.09999')).toBe(
      'Paperboy has not seen 2512.09999: it only knows papers listed on Hugging Face Daily Papers.',
    );
  });
});

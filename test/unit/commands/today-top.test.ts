import { beforeEach, describe, expect, it } from 'vitest';
import {
  type CommandHarness,
  createCommandHarness,
  replyText,
} from '../../helpers/command-harness.js';

const papers = (n: number, prefix: string, upvotes = 1) =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${String(i).padStart(2, '0')}`,
    title: `Paper ${prefix}${i}`,
    upvotes: upvotes + i,
  }));

describe('/papers today', () => {
  let h: CommandHarness;
  beforeEach(() => {
    h = createCommandHarness(); // Friday 5 Dec 2025, 11:00 UTC
  });

  it('shows the top 10 of the latest complete day to the caller', async () => {
    h.seedDay('2025-12-04', papers(12, '2512.010'));
    h.seedDay('2025-12-05', papers(3, '2512.020', 500)); // today, not complete: not shown
    const reply = await h.run('today');
    expect(reply.visibility).toBe('caller');
    const digest = reply.blocks.find((b) => b.kind === 'digest');
    expect(digest?.kind === 'digest' && digest.digest.day).toBe('2025-12-04');
    expect(digest?.kind === 'digest' && digest.digest.entries).toHaveLength(10);
    const text = replyText(reply);
    expect(text).toContain('Hugging Face Daily Papers · Thu 4 Dec 2025');
    expect(text).toContain('10 of 12 papers');
    expect(text).toMatch(/^1\. Paper 2512\.01011 .*▲ 12$/m);
  });

  it('on Monday morning covers Friday, skipping the empty weekend', async () => {
    h.clock.set('2025-12-08T06:00:00Z');
    h.seedDay('2025-12-05', papers(2, '2512.030'));
    h.seedDay('2025-12-06', []);
    h.seedDay('2025-12-07', []);
    const text = replyText(await h.run('today'));
    expect(text).toContain('Hugging Face Daily Papers · Fri 5 Dec 2025');
  });

  it('says the day was not fetched yet and shows the latest day with papers instead', async () => {
    h.seedDay('2025-12-03', papers(2, '2512.040'));
    const text = replyText(await h.run('today'));
    expect(text).toContain(
      'Papers for Thu 4 Dec 2025 have not been fetched yet. Here is Wed 3 Dec 2025, the latest day with papers.',
    );
    expect(text).toContain('Hugging Face Daily Papers · Wed 3 Dec 2025');
  });

  it('says since when and why fetching has been failing', async () => {
    h.failDay('2025-12-03', 'HTTP 503 from huggingface.co');
    h.failDay('2025-12-04', 'HTTP 503 from huggingface.co');
    const text = replyText(await h.run('today'));
    expect(text).toBe(
      'Fetching Thu 4 Dec 2025 from Hugging Face has failed (HTTP 503 from huggingface.co); Paperboy keeps retrying. Fetching has been failing since Wed 3 Dec 2025.',
    );
  });

  it('says Hugging Face listed nothing for a fetched weekday', async () => {
    h.seedDay('2025-12-04', []);
    expect(replyText(await h.run('today'))).toBe(
      'Hugging Face has not listed any papers for Thu 4 Dec 2025 yet.',
    );
  });
});

describe('/papers top', () => {
  let h: CommandHarness;
  beforeEach(() => {
    h = createCommandHarness();
    h.seedDay('2025-12-04', papers(8, '2512.050', 10));
    h.seedDay('2025-11-20', papers(4, '2511.060', 100)); // 15 days ago
    h.seedDay('2025-10-01', papers(1, '2510.070', 1000)); // older than a month
  });

  it('lists the 10 most upvoted papers of the last 7 days by default', async () => {
    const reply = await h.run('top');
    expect(reply.visibility).toBe('caller');
    const text = replyText(reply);
    expect(text).toContain('Top papers of the last 7 days');
    expect(text).toContain('8 most upvoted · Sat 29 Nov 2025 – Fri 5 Dec 2025');
    expect(text).not.toContain('2511.060');
    expect(text).toMatch(/^1\. Paper 2512\.0507 .*▲ 17$/m);
  });

  it('covers 30 days with period month, still at most 10', async () => {
    const reply = await h.run('top', { period: 'Month' });
    const digest = reply.blocks.find((b) => b.kind === 'digest');
    expect(digest?.kind === 'digest' && digest.digest.entries.map((e) => e.id).slice(0, 4)).toEqual(
      ['2511.06003', '2511.06002', '2511.06001', '2511.06000'],
    );
    expect(digest?.kind === 'digest' && digest.digest.entries).toHaveLength(10);
    expect(replyText(reply)).not.toContain('2510.070');
  });

  it('refuses an unknown period with one message', async () => {
    expect(replyText(await h.run('top', { period: 'year' }))).toBe(
      '"year" is not allowed for period; use week or month.',
    );
  });

  it('says when nothing was listed in the period', async () => {
    h.clock.set('2026-03-01T12:00:00Z');
    expect(replyText(await h.run('top'))).toBe(
      'No papers were listed in the last 7 days (Mon 23 Feb 2026 – Sun 1 Mar 2026).',
    );
  });
});

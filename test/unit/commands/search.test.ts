import { beforeEach, describe, expect, it } from 'vitest';
import { SEARCH_EXPIRED } from '../../../commands/search.js';
import { QUERY_ERRORS } from '../../../src/core/query/parse-query.js';
import {
  type CommandHarness,
  buttonIds,
  createCommandHarness,
  replyText,
} from '../../helpers/command-harness.js';

const THU = '2025-12-04';
const WED = '2025-12-03';

describe('/papers search', () => {
  let h: CommandHarness;
  beforeEach(() => {
    h = createCommandHarness();
    h.seedDay(THU, [
      ...Array.from({ length: 7 }, (_, i) => ({
        id: `2512.0100${i}`,
        title: `Speculative Decoding Trick ${i}`,
        abstract: `We speed up speculative decoding with trick ${i}. It works.`,
        upvotes: 10 + i,
      })),
      {
        id: '2512.02000',
        title: 'Video Diffusion at Scale',
        abstract: 'Diffusion for video.',
        upvotes: 99,
      },
    ]);
    h.seedDay(WED, [
      {
        id: '2512.00500',
        title: 'Old Speculative Decoding',
        abstract: 'Older work on speculative decoding.',
        upvotes: 1,
      },
    ]);
  });

  it('shows five results for the caller, each with a share button, and a Next button', async () => {
    const reply = await h.run('search', { query: 'speculative decoding' });
    expect(reply.visibility).toBe('caller');
    const text = replyText(reply);
    expect(text).toContain('Results 1–5 for "speculative decoding"');
    expect(text).toMatch(
      /1\. .+ <https:\/\/huggingface\.co\/papers\/2512\.\d{5}> · ▲ \d+ · (Wed 3|Thu 4) Dec 2025/,
    );
    expect(text).not.toContain('Video Diffusion');
    const ids = buttonIds(reply);
    expect(ids.filter((id) => id.startsWith('search:share:'))).toHaveLength(5);
    expect(ids.filter((id) => /^search:page:[\w-]+:2$/.test(id))).toHaveLength(1);
    expect(ids.some((id) => id.endsWith(':0'))).toBe(false);
    expect(text).toContain('[Next]');
    expect(text).not.toContain('[Previous]');
  });

  it('pages forward and back in place with the Next and Previous buttons', async () => {
    const first = await h.run('search', { query: 'speculative decoding' });
    const next = buttonIds(first).find((id) => id.startsWith('search:page:')) as string;
    const second = await h.press(next);
    expect(second.replaceOriginal).toBe(true);
    expect(second.visibility).toBe('caller');
    expect(replyText(second)).toContain('Results 6–8 for "speculative decoding"');
    const secondIds = buttonIds(second);
    expect(secondIds.filter((id) => id.startsWith('search:share:'))).toHaveLength(3);
    const previous = secondIds.find((id) => id.endsWith(':1')) as string;
    expect(previous).toBeDefined();
    expect(secondIds.some((id) => id.endsWith(':3'))).toBe(false);
    const back = await h.press(previous);
    expect(replyText(back)).toContain('Results 1–5');
    // Every result appears exactly once over both pages.
    const shared = [...buttonIds(back), ...secondIds].filter((id) =>
      id.startsWith('search:share:'),
    );
    expect(new Set(shared).size).toBe(8);
  });

  it('shares one result with the whole channel as a paper card', async () => {
    const reply = await h.run('search', { query: 'speculative decoding' });
    const share = buttonIds(reply).find((id) => id.startsWith('search:share:')) as string;
    const shared = await h.press(share);
    expect(shared.visibility).toBe('channel');
    expect(shared.blocks).toHaveLength(1);
    const block = shared.blocks[0];
    expect(block?.kind).toBe('paper');
    if (block?.kind === 'paper') expect(share).toBe(`search:share:${block.card.id}`);
  });

  it('says the results expired when the paging token is unknown', async () => {
    const reply = await h.press('search:page:gone123456:2');
    expect(reply.visibility).toBe('caller');
    expect(replyText(reply)).toBe(SEARCH_EXPIRED);
  });

  it('answers a forged share button for an unknown paper without posting', async () => {
    const reply = await h.press('search:share:2512.99999');
    expect(reply.visibility).toBe('caller');
    expect(replyText(reply)).toContain('Paperboy has not seen 2512.99999');
  });

  it('keeps no paging state when everything fits on one page', async () => {
    const reply = await h.run('search', { query: 'video diffusion' });
    expect(replyText(reply)).toContain('Results 1–1 for "video diffusion"');
    expect(buttonIds(reply)).toEqual(['search:share:2512.02000']);
    expect(h.count('interaction_state')).toBe(0);
  });

  it('filters by since and min_upvotes, and says so in the header', async () => {
    const since = await h.run('search', {
      query: 'speculative decoding',
      since: THU,
      min_upvotes: 15,
    });
    const text = replyText(since);
    expect(text).toContain(
      'Results 1–2 for "speculative decoding" · since Thu 4 Dec 2025 · at least 15 upvotes',
    );
    const asText = await h.run('search', { query: 'speculative', min_upvotes: '16' });
    expect(replyText(asText)).toContain('Results 1–1');
  });

  it("answers a bad query with the parser's message", async () => {
    const reply = await h.run('search', { query: '-survey' });
    expect(reply.visibility).toBe('caller');
    expect(replyText(reply)).toBe(QUERY_ERRORS.onlyExcluded);
  });

  it('says nothing matched and suggests broader terms', async () => {
    const reply = await h.run('search', { query: 'quantum gravity', since: WED });
    const text = replyText(reply);
    expect(text).toContain('No papers match "quantum gravity" · since Wed 3 Dec 2025.');
    expect(text).toContain('Try fewer or broader words');
    expect(text).toContain('an earlier since date');
  });

  it.each([
    ['2025-02-30', '"2025-02-30" is not a real date for since. Use YYYY-MM-DD, e.g. 2025-11-01.'],
    ['last week', '"last week" is not a real date for since. Use YYYY-MM-DD, e.g. 2025-11-01.'],
    ['12/04/2025', '"12/04/2025" is not a real date for since. Use YYYY-MM-DD, e.g. 2025-11-01.'],
  ])('refuses the since date %s with one message', async (since, message) => {
    const reply = await h.run('search', { query: 'decoding', since });
    expect(reply.visibility).toBe('caller');
    expect(replyText(reply)).toBe(message);
  });

  it('refuses a since date in the future', async () => {
    const reply = await h.run('search', { query: 'decoding', since: '2026-01-01' });
    expect(replyText(reply)).toContain('is in the future');
  });

  it('refuses a negative or non-numeric min_upvotes', async () => {
    expect(replyText(await h.run('search', { query: 'decoding', min_upvotes: -1 }))).toContain(
      '"-1" is not allowed for min_upvotes. Use a whole number from 0 to 1000000',
    );
    expect(replyText(await h.run('search', { query: 'decoding', min_upvotes: 'lots' }))).toContain(
      '"lots" is not allowed for min_upvotes.',
    );
  });

  it('refuses a missing, empty or 10 000-character query with one message', async () => {
    expect(replyText(await h.run('search', {}))).toBe(
      'Give the query, e.g. "speculative decoding".',
    );
    expect(replyText(await h.run('search', { query: '   ' }))).toBe(
      'The query is empty. Use e.g. "speculative decoding".',
    );
    const long = await h.run('search', { query: 'a'.repeat(10_000) });
    expect(long.blocks).toHaveLength(1);
    expect(replyText(long)).toBe(
      'The query is too long (10000 characters; at most 200). Shorten it.',
    );
    expect(h.count('interaction_state')).toBe(0);
  });
});

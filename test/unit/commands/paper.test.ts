import { beforeEach, describe, expect, it } from 'vitest';
import { NOT_AN_ARXIV_ID } from '../../../commands/lib/arxiv-input.js';
import {
  type CommandHarness,
  buttonIds,
  createCommandHarness,
  replyText,
} from '../../helpers/command-harness.js';

describe('/papers paper', () => {
  let h: CommandHarness;
  beforeEach(() => {
    h = createCommandHarness();
    h.seedDay('2025-12-04', [
      {
        id: '2512.01234',
        title: 'Fast Speculative Decoding',
        abstract: 'We make decoding fast. The full abstract goes on.',
        aiSummary: 'Decoding, but faster.',
        upvotes: 42,
      },
    ]);
  });

  it.each([
    '2512.01234',
    'arXiv:2512.01234v2',
    'https://arxiv.org/abs/2512.01234v3',
    'https://arxiv.org/pdf/2512.01234',
    'https://arxiv.org/pdf/2512.01234v1.pdf',
    'https://huggingface.co/papers/2512.01234',
    '<https://huggingface.co/papers/2512.01234>',
    '  2512.01234  ',
  ])('shows the card with abstract for %s, with a Share button', async (id) => {
    const reply = await h.run('paper', { id });
    expect(reply.visibility).toBe('caller');
    const card = reply.blocks[0];
    expect(card?.kind === 'paper' && card.card.id).toBe('2512.01234');
    expect(card?.kind === 'paper' && card.card.abstract).toBe(
      'We make decoding fast. The full abstract goes on.',
    );
    expect(buttonIds(reply)).toEqual(['paper:share:2512.01234']);
  });

  it.each([
    'hello',
    '2512.1',
    '12345',
    'https://example.com/abs/2512.01234',
    'https://arxiv.org/list/cs.CL/recent',
    'hep-th/9901001',
  ])('refuses %s as not an arXiv id', async (id) => {
    const reply = await h.run('paper', { id });
    expect(reply.visibility).toBe('caller');
    expect(replyText(reply)).toBe(NOT_AN_ARXIV_ID);
  });

  it('says which papers Paperboy knows when the id is unknown', async () => {
    expect(replyText(await h.run('paper', { id: '2512.99999' }))).toBe(
      'Paperboy has not seen 2512.99999: it only knows papers listed on Hugging Face Daily Papers.',
    );
  });

  it('Share posts the card to the channel', async () => {
    const shared = await h.press('paper:share:2512.01234');
    expect(shared.visibility).toBe('channel');
    expect(shared.blocks.map((b) => b.kind)).toEqual(['paper']);
    expect(replyText(shared)).toContain('Fast Speculative Decoding');
  });

  it('refuses a 10 000-character input with one message', async () => {
    const reply = await h.run('paper', { id: '2'.repeat(10_000) });
    expect(reply.blocks).toHaveLength(1);
    expect(replyText(reply)).toBe(
      'The arXiv id or link is too long (10000 characters; at most 300). Shorten it.',
    );
  });
});

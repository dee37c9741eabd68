import { describe, expect, it } from 'vitest';
import type { DigestView, PaperCard } from '../../../../src/core/digest/digest-view.js';
import { callerReply, link, text } from '../../../../src/core/reply.js';
import { escapeText, fit, safeUrl } from '../../../../src/platforms/discord/escape.js';
import {
  renderDigestPart,
  renderReply,
  splitDigest,
} from '../../../../src/platforms/discord/render.js';
import {
  compactCount,
  embedLength,
  keyOfFooter,
} from '../../../../src/platforms/discord/render-digest.js';
import { validateMessage } from '../../../fakes/fake-discord-api.js';

const card = (i: number, overrides: Partial<PaperCard> = {}): PaperCard => ({
  id: `2512.${String(10000 + i)}`,
  title: `Paper number ${i}`,
  url: `https://huggingface.co/papers/2512.${10000 + i}`,
  upvotes: 100 - i,
  numComments: 2,
  authors: 'Ada Lovelace, Alan Turing et al.',
  summary: 'A one-line summary of what the paper found.',
  links: {
    hf: `https://huggingface.co/papers/2512.${10000 + i}`,
    arxiv: `https://arxiv.org/abs/2512.${10000 + i}`,
    pdf: `https://arxiv.org/pdf/2512.${10000 + i}`,
    code: { url: 'https://github.com/org/repo_name', stars: 15_300 },
    project: 'https://example.org/project',
  },
  thumbnail: `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2512.${10000 + i}.png`,
  listedOn: ['2025-12-05'],
  matchedTopics: [],
  ...overrides,
});

const digest = (entries: PaperCard[]): DigestView => ({
  day: '2025-12-05',
  title: 'Hugging Face Daily Papers · Fri 5 Dec 2025',
  subtitle: `${entries.length} of 40 papers`,
  topics: ['everything', 'diffusion'],
  entries,
  footer: 'Paperboy · /papers settings changes time and size',
});

describe('escaping', () => {
  it('shows markdown, mentions and masked links as typed, without their effect', () => {
    expect(escapeText('**bold** _it_ ~~s~~ `c` ||spoiler||')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~ \\`c\\` \\|\\|spoiler\\|\\|',
    );
    expect(escapeText('@everyone and @here')).toBe('@\u200beveryone and @\u200bhere');
    expect(escapeText('<@123> <@&456> <#789> </papers:1>')).toBe(
      '<\u200b@123> <\u200b@&456> <\u200b#789> <\u200b/papers:1>',
    );
    expect(escapeText('[click](https://evil.example)')).toBe('\\[click\\](https://evil.example)');
    expect(escapeText('# Title\n> quote\n-# small\n1. item')).toBe(
      '\\# Title\n\\> quote\n\\-# small\n1\\. item',
    );
    expect(escapeText('see https://github.com/a_b/c_d now')).toBe(
      'see https://github.com/a_b/c_d now',
    );
  });

  it('clips at a word with an ellipsis, after escaping, never splitting an emoji', () => {
    expect(fit('alpha beta gamma delta', 12)).toBe('alpha beta…');
    const clipped = fit('😀'.repeat(10), 7);
    expect(clipped).toBe('😀😀😀…');
    expect(fit('*'.repeat(50), 20).length).toBeLessThanOrEqual(20);
    expect(fit('*'.repeat(50), 20)).toMatch(/^(\\\*)+…$/);
  });

  it('keeps only http(s) URLs, encoding what could break the link markup', () => {
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('not a url')).toBeNull();
    expect(safeUrl('https://user:pw@example.com/')).toBeNull();
    expect(safeUrl('https://example.com/a (b)|c')).toBe('https://example.com/a%20%28b%29%7Cc');
  });

  it('formats star counts', () => {
    expect([compactCount(999), compactCount(1_234), compactCount(15_300)]).toEqual([
      '999',
      '1.2k',
      '15k',
    ]);
  });
});

describe('digest messages', () => {
  it('renders the header as text, one embed per paper with links and thumbnail, and the key in the last footer', () => {
    const message = renderDigestPart(digest([card(1), card(2)]), 'pb12p0');
    expect(message.content).toBe(
      '**Hugging Face Daily Papers · Fri 5 Dec 2025**\n2 of 40 papers\nTopics: "diffusion"',
    );
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.embeds).toHaveLength(2);
    const [first] = message.embeds;
    expect(first).toMatchObject({
      title: 'Paper number 1',
      url: 'https://huggingface.co/papers/2512.10001',
      thumbnail: {
        url: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2512.10001.png',
      },
    });
    expect(first?.description).toContain('[Code ★ 15k](https://github.com/org/repo_name)');
    expect(first?.description).toContain('[Project page](https://example.org/project)');
    expect(first?.description).toContain('[PDF](https://arxiv.org/pdf/2512.10001)');
    expect(first?.footer).toBeUndefined();
    expect(message.embeds[1]?.footer?.text).toBe(
      'Paperboy · /papers settings changes time and size · pb12p0',
    );
    expect(keyOfFooter(message.embeds[1]?.footer?.text)).toBe('pb12p0');
    expect(validateMessage(message as never)).toBeNull();
  });

  it('splits over 10 embeds and the 6000-character total between whole papers', () => {
    const long = 'word '.repeat(200);
    const entries = Array.from({ length: 23 }, (_, i) =>
      card(i, { summary: long, title: `Paper ${i} ${'t'.repeat(200)}` }),
    );
    const parts = splitDigest(digest(entries));
    expect(parts.length).toBeGreaterThan(3);
    expect(parts.flatMap((p) => p.entries)).toEqual(entries);
    expect(parts[0]?.subtitle).toBe(`23 of 40 papers · part 1 of ${parts.length}`);
    expect(parts[1]?.subtitle).toBe(`continued · part 2 of ${parts.length}`);
    expect(parts[1]?.topics).toEqual([]);
    for (const part of parts) {
      const message = renderDigestPart(part, 'pb1234567890p12');
      expect(message.embeds.length).toBeLessThanOrEqual(10);
      expect(message.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(6000);
      expect(validateMessage(message as never)).toBeNull();
    }
    const short = splitDigest(digest(Array.from({ length: 12 }, (_, i) => card(i))));
    expect(short.map((p) => p.entries.length)).toEqual([10, 2]);
  });

  it('says why an empty day is empty in one embed', () => {
    const message = renderDigestPart(
      { ...digest([]), emptyReason: 'Hugging Face listed no papers on Sat 6 Dec.' },
      'pb3p0',
    );
    expect(message.embeds).toHaveLength(1);
    expect(message.embeds[0]?.description).toBe('Hugging Face listed no papers on Sat 6 Dec.');
    expect(message.embeds[0]?.footer?.text.endsWith(' · pb3p0')).toBe(true);
  });
});

describe('replies', () => {
  it('puts short text in the content with preview-free links', () => {
    const [message, ...rest] = renderReply({
      visibility: 'caller',
      blocks: [text('See ', link('the *paper*', 'https://huggingface.co/papers/2512.10001'), '.')],
    });
    expect(rest).toEqual([]);
    expect(message?.content).toBe(
      'See [the \\*paper\\*](<https://huggingface.co/papers/2512.10001>).',
    );
  });

  it('moves text longer than the content limit into embeds', () => {
    const lines = Array.from({ length: 30 }, (_, i) => [`Line ${i} ${'x'.repeat(100)}`]);
    const [message] = renderReply(callerReply(...lines));
    expect(message?.content).toBeUndefined();
    expect(message?.embeds[0]?.description?.split('\n')).toHaveLength(30);
  });

  it('lays buttons out in rows of five, at most five rows a message, dropping ids over 100 characters', () => {
    const buttons = Array.from({ length: 32 }, (_, i) => ({
      actionId: `x:${i}`,
      label: `Button ${i} ${'l'.repeat(90)}`,
    }));
    buttons.push({ actionId: `x:${'y'.repeat(120)}`, label: 'too long' });
    buttons.push({ actionId: 'x:0', label: 'duplicate' });
    const messages = renderReply({ visibility: 'caller', blocks: [{ kind: 'buttons', buttons }] });
    expect(messages.map((m) => m.components.length)).toEqual([5, 2]);
    const all = messages.flatMap((m) => m.components.flatMap((r) => r.components));
    expect(all).toHaveLength(32);
    expect(all.every((b) => (b.label ?? '').length <= 80)).toBe(true);
    for (const m of messages) expect(validateMessage(m as never)).toBeNull();
  });

  it('starts a new message for each digest part in a reply', () => {
    const entries = Array.from({ length: 12 }, (_, i) => card(i));
    const messages = renderReply({
      visibility: 'caller',
      blocks: [{ kind: 'digest', digest: digest(entries) }],
    });
    expect(messages.map((m) => m.embeds.length)).toEqual([10, 2]);
    expect(messages[1]?.content).toContain('continued · part 2 of 2');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DigestView, PaperCard } from '../../../../src/core/digest/digest-view.js';
import { bold, code, link, text } from '../../../../src/core/reply.js';
import {
  SLACK_LIMITS,
  type SlackBlock,
  blockTextLength,
} from '../../../../src/platforms/slack/blocks.js';
import { escapeMrkdwn, safeUrl, spansToMrkdwn } from '../../../../src/platforms/slack/mrkdwn.js';
import { renderDigest, renderReply, splitDigest } from '../../../../src/platforms/slack/render.js';
import { validateMessage } from '../../../fakes/fake-slack-api.js';

function card(overrides: Partial<PaperCard> = {}): PaperCard {
  const id = overrides.id ?? '2512.01234';
  return {
    id,
    title: 'Scaling Laws for Things',
    url: `https://huggingface.co/papers/${id}`,
    upvotes: 42,
    numComments: 3,
    authors: 'Ada Lovelace, Alan Turing et al.',
    organization: 'Analytical Engines',
    summary: 'Things scale.',
    links: {
      hf: `https://huggingface.co/papers/${id}`,
      arxiv: `https://arxiv.org/abs/${id}`,
      pdf: `https://arxiv.org/pdf/${id}`,
    },
    listedOn: ['2025-12-04'],
    matchedTopics: ['everything'],
    ...overrides,
  };
}

function digest(entries: PaperCard[], overrides: Partial<DigestView> = {}): DigestView {
  return {
    day: '2025-12-04',
    title: 'Hugging Face Daily Papers · Thu 4 Dec 2025',
    subtitle: `${entries.length} of 40 papers`,
    topics: ['everything'],
    entries,
    footer: 'Paperboy · /papers settings changes time and size',
    ...overrides,
  };
}

/** Every mrkdwn text in blocks (section text, context elements). */
function mrkdwnTexts(blocks: SlackBlock[]): string[] {
  return blocks.flatMap((b) => {
    if (b.type === 'section') return [b.text.text];
    if (b.type === 'context') return b.elements.map((e) => e.text);
    return [];
  });
}

/** Checks every hard limit by hand (independently of the stand-in's validator). */
function expectWithinLimits(blocks: SlackBlock[]): void {
  expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
  expect(blocks.reduce((n, b) => n + blockTextLength(b), 0)).toBeLessThanOrEqual(
    SLACK_LIMITS.messageBlockText,
  );
  for (const b of blocks) {
    if (b.type === 'section') expect(b.text.text.length).toBeGreaterThan(0);
    if (b.type === 'section')
      expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    if (b.type === 'header')
      expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    if (b.type === 'context')
      expect(b.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
    if (b.type === 'actions') {
      expect(b.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.actionsElements);
      for (const e of b.elements) {
        expect(e.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
        expect(e.action_id.length).toBeLessThanOrEqual(SLACK_LIMITS.actionId);
      }
    }
  }
}

/**
 * Nothing in the mrkdwn pings or links except the links we allow: after removing `<url|label>`
 * whose url is allowed, no `<` or `>` remains, and `&` only starts the three entities.
 */
function expectInert(mrkdwn: string, allowedTargets: Set<string>): void {
  const rest = mrkdwn.replace(/<([^<>|\s]+)\|([^<>]*)>/g, (_m, target: string) => {
    expect(allowedTargets).toContain(target);
    return '';
  });
  expect(rest).not.toMatch(/[<>]/);
  expect(rest.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
}

describe('Slack mrkdwn escaping', () => {
  it('turns mentions and masked links in paper text into inert characters', () => {
    expect(escapeMrkdwn('<!channel> <!here> <@U123> <http://x|y> a&b')).toBe(
      '&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;http://x|y&gt; a&amp;b',
    );
    expect(
      spansToMrkdwn([
        'x <!here>',
        bold('<@U1>'),
        code('`<b>`'),
        link('t<x>', 'https://a.b/c?d=1&e=2'),
      ]),
    ).toBe('x &lt;!here&gt;*&lt;@U1&gt;*`ˋ&lt;b&gt;ˋ`<https://a.b/c?d=1&amp;e=2|t&lt;x&gt;>');
  });

  it('only links http(s) URLs and encodes what would break the link markup', () => {
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('https://x.y/a|<!channel>')).toBe('https://x.y/a%7C%3C!channel%3E');
    expect(spansToMrkdwn([link('label', 'ftp://x')])).toBe('label');
  });
});

describe('Slack digest rendering', () => {
  it('renders one message with a header, the entries, the footer and a notification text', () => {
    const message = renderDigest(
      digest([card(), card({ id: '2512.05678', title: 'Other <!here>' })]),
    );
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Hugging Face Daily Papers · Thu 4 Dec 2025', emoji: true },
    });
    expect(message.blocks).toHaveLength(5);
    expect(message.text).toContain('Other &lt;!here&gt;');
    expect(validateMessage({ text: message.text, blocks: message.blocks })).toBeNull();
    expect(JSON.stringify(message.blocks)).toContain(
      '<https://huggingface.co/papers/2512.01234|Scaling Laws for Things>',
    );
  });

  it('says why a day is empty', () => {
    const message = renderDigest(
      digest([], { emptyReason: 'Hugging Face lists no papers on weekends.' }),
    );
    expect(mrkdwnTexts(message.blocks).join('\n')).toContain('no papers on weekends');
  });

  it('splits a long digest into numbered parts, every entry whole and in order, footer only on the last', () => {
    const long = 'word '.repeat(300);
    const entries = Array.from({ length: 25 }, (_, i) =>
      card({ id: `2512.${10000 + i}`, title: `${long}${i}`, summary: long }),
    );
    const parts = splitDigest(digest(entries));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.flatMap((p) => p.entries.map((e) => e.id))).toEqual(entries.map((e) => e.id));
    expect(parts.map((p) => p.footer !== '')).toEqual(parts.map((_, i) => i === parts.length - 1));
    expect(parts[1]?.title).toBe(`Hugging Face Daily Papers · Thu 4 Dec 2025 (2/${parts.length})`);
    for (const part of parts) {
      const message = renderDigest(part);
      expect(message.blocks.filter((b) => b.type === 'section')).toHaveLength(part.entries.length);
      expectWithinLimits(message.blocks);
    }
  });

  it('keeps a short digest in one message, unchanged', () => {
    const d = digest([card()]);
    expect(splitDigest(d)).toEqual([d]);
  });
});

describe('Slack reply rendering', () => {
  it('puts consecutive text lines in one section and buttons in an actions block', () => {
    const [message, ...rest] = renderReply({
      visibility: 'caller',
      blocks: [
        text(bold('Results'), ' for "x"'),
        text('second line'),
        {
          kind: 'buttons',
          buttons: [
            { actionId: 'search:page:abc:2', label: 'Next', style: 'primary' },
            { actionId: 'search:share:2512.01234', label: 'Share', style: 'secondary' },
          ],
        },
      ],
    });
    expect(rest).toEqual([]);
    expect(message?.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '*Results* for "x"\nsecond line' } },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Next', emoji: true },
            action_id: 'search:page:abc:2',
            style: 'primary',
          },
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Share', emoji: true },
            action_id: 'search:share:2512.01234',
          },
        ],
      },
    ]);
    expect(message?.text).toBe('Results for "x"');
  });

  it('spreads a reply with a long digest over several messages', () => {
    const long = 'word '.repeat(300);
    const entries = Array.from({ length: 25 }, (_, i) =>
      card({ id: `2512.${10000 + i}`, summary: long, title: long }),
    );
    const messages = renderReply({
      visibility: 'caller',
      blocks: [text('Here is the day.'), { kind: 'digest', digest: digest(entries) }],
    });
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages)
      expect(validateMessage({ text: m.text, blocks: m.blocks })).toBeNull();
  });
});

/** Text with every character class that matters to Slack, and lots of it. */
const nasty = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc
    .array(
      fc.constantFrom(
        '<!channel>',
        '<!here>',
        '<!everyone>',
        '<@U123>',
        '<#C123>',
        '<http://x|y>',
        '&',
        '&amp;',
        '&lt;',
        '*',
        '_',
        '`',
        '~',
        '|',
        '<',
        '>',
        ' ',
        '\n',
        'ü',
        '🙂',
        'text',
      ),
      { maxLength: 80 },
    )
    .map((parts) => parts.join('')),
  fc.string({ minLength: 3_000, maxLength: 6_000 }),
);
const url = fc.oneof(fc.webUrl(), nasty, fc.constant('https://github.com/a/b|<!channel>'));

describe('property: any paper text renders within every limit, and nothing pings or links', () => {
  it('holds for digests of arbitrary cards', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            title: nasty,
            summary: nasty,
            authors: nasty,
            organization: fc.option(nasty, { nil: undefined }),
            abstract: fc.option(nasty, { nil: undefined }),
            code: fc.option(url, { nil: undefined }),
            project: fc.option(url, { nil: undefined }),
            topics: fc.array(nasty, { maxLength: 3 }),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        nasty,
        (raw, subtitle) => {
          const cards = raw.map((r, i) =>
            card({
              id: `2512.${String(10000 + i)}`,
              title: r.title,
              summary: r.summary,
              authors: r.authors,
              ...(r.organization === undefined ? {} : { organization: r.organization }),
              ...(r.abstract === undefined ? {} : { abstract: r.abstract }),
              matchedTopics: r.topics,
              links: {
                ...card({ id: `2512.${String(10000 + i)}` }).links,
                ...(r.code === undefined ? {} : { code: { url: r.code, stars: 1234 } }),
                ...(r.project === undefined ? {} : { project: r.project }),
              },
            }),
          );
          const allowed = new Set(
            cards.flatMap((c) =>
              [c.url, c.links.arxiv, c.links.pdf, c.links.code?.url ?? '', c.links.project ?? '']
                .map(safeUrl)
                .filter((u): u is string => u !== null),
            ),
          );
          const d = digest(cards, { subtitle, topics: raw.flatMap((r) => r.topics) });
          const parts = splitDigest(d);
          expect(parts.flatMap((p) => p.entries.map((e) => e.id))).toEqual(cards.map((c) => c.id));
          const messages = [
            ...parts.map(renderDigest),
            ...renderReply({
              visibility: 'channel',
              blocks: cards.map((c) => ({ kind: 'paper' as const, card: c })),
            }),
          ];
          for (const message of messages) {
            expectWithinLimits(message.blocks);
            expect(validateMessage({ text: message.text, blocks: message.blocks })).toBeNull();
            for (const t of mrkdwnTexts(message.blocks)) expectInert(t, allowed);
            expectInert(message.text, new Set());
          }
        },
      ),
      // A fixed seed keeps the suite deterministic; change it locally to explore further.
      { numRuns: 120, seed: 20_251_204 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DigestView, PaperCard } from '../../../../src/core/digest/digest-view.js';
import type { Reply } from '../../../../src/core/reply.js';
import { escapeText } from '../../../../src/platforms/discord/escape.js';
import {
  type DiscordMessage,
  renderDigestPart,
  renderReply,
  splitDigest,
} from '../../../../src/platforms/discord/render.js';
import { validateMessage } from '../../../fakes/fake-discord-api.js';

/** A fixed seed keeps CI deterministic; FC_SEED=… explores other inputs locally. */
const PROPERTY_RUNS = { numRuns: 150, seed: Number(process.env.FC_SEED ?? 20_251_205) };

/** What Discord would parse as a mention, channel link or role ping. */
const MENTION = /@everyone|@here|<@!?\d+>|<@&\d+>|<#\d+>|<\/[\w-]+:\d+>/;
/** Our own link labels: the only masked links a digest may contain. */
const OUR_LABELS = /^(Hugging Face|arXiv|PDF|Code( ★ [\d.]+k?)?|Project page)$/;

const FRAGMENTS = [
  '@everyone',
  '@here',
  '<@123456789012345678>',
  '<@!123456789012345678>',
  '<@&290926798626357999>',
  '<#645027906669510667>',
  '</papers:771825006014889984>',
  '[click](https://evil.example/)',
  '[a](b) [c](https://x.y)',
  '||spoiler||',
  '**bold**',
  '__under__',
  '*it*',
  '~~s~~',
  '`code`',
  '```js\nx\n```',
  '\\',
  '# heading',
  '> quote',
  '-# small',
  '1. item',
  '- item',
  '\n',
  '   ',
  'שלום עולם',
  'مرحبا بالعالم',
  '\u202Ereversed\u202C',
  '😀',
  '👍🏽',
  '👨‍👩‍👧',
  '🇺🇳',
  'https://example.com/a_b_c',
  'ـــ',
];

const chunk = fc.oneof(
  fc.constantFrom(...FRAGMENTS),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
/** Any text: short mixes of the fragments above, or one repeated up to 10 000 characters. */
const anyText = fc.oneof(
  { weight: 4, arbitrary: fc.array(chunk, { maxLength: 30 }).map((a) => a.join('')) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(chunk, fc.integer({ min: 1_000, max: 10_000 }))
      .map(([c, n]) => (c || 'x').repeat(Math.ceil(n / Math.max(1, c.length))).slice(0, n)),
  },
);
const anyUrl = fc.oneof(
  fc.constant('https://huggingface.co/papers/2512.01234'),
  fc.webUrl(),
  anyText,
  fc.constant(`https://github.com/${'a'.repeat(3000)}`),
);

const card: fc.Arbitrary<PaperCard> = fc.record(
  {
    id: fc.constantFrom('2512.01234', '2512.99999'),
    title: anyText,
    url: anyUrl,
    upvotes: fc.nat({ max: 100_000 }),
    numComments: fc.nat({ max: 1_000 }),
    authors: anyText,
    organization: anyText,
    summary: anyText,
    abstract: anyText,
    links: fc.record(
      {
        hf: anyUrl,
        arxiv: anyUrl,
        pdf: anyUrl,
        code: fc.record({ url: anyUrl, stars: fc.nat() }, { requiredKeys: ['url'] }),
        project: anyUrl,
      },
      { requiredKeys: ['hf', 'arxiv', 'pdf'] },
    ),
    thumbnail: anyUrl,
    listedOn: fc.constant(['2025-12-05']),
    matchedTopics: fc.array(anyText, { maxLength: 4 }),
  },
  {
    requiredKeys: [
      'id',
      'title',
      'url',
      'upvotes',
      'numComments',
      'authors',
      'summary',
      'links',
      'listedOn',
      'matchedTopics',
    ],
  },
);

const digest: fc.Arbitrary<DigestView> = fc.record(
  {
    day: fc.constant('2025-12-05'),
    title: anyText,
    subtitle: anyText,
    topics: fc.array(anyText, { maxLength: 5 }),
    entries: fc.array(card, { maxLength: 14 }),
    emptyReason: anyText,
    footer: anyText,
  },
  { requiredKeys: ['day', 'title', 'subtitle', 'topics', 'entries', 'footer'] },
);

/** Every piece of text in a message Discord renders as markdown, and the plain ones (footers). */
function texts(message: DiscordMessage): { markdown: string[]; plain: string[] } {
  return {
    markdown: [
      message.content ?? '',
      ...message.embeds.flatMap((e) => [e.title ?? '', e.description ?? '']),
      ...message.embeds.flatMap((e) => (e.fields ?? []).flatMap((f) => [f.name, f.value])),
    ],
    plain: [
      ...message.embeds.flatMap((e) => [e.footer?.text ?? '', e.author?.name ?? '']),
      ...message.components.flatMap((row) => row.components.map((b) => b.label ?? '')),
    ],
  };
}

/** Text with every backslash escape and inline code removed: what is left is what markdown acts on. */
const unescaped = (text: string): string => text.replace(/\\[\s\S]/g, '').replace(/`[^`]*`/g, '');

function expectSafe(message: DiscordMessage, digestOnly: boolean): void {
  expect(validateMessage(message as unknown as Record<string, unknown>)).toBeNull();
  expect(message.allowed_mentions).toEqual({ parse: [] });
  expect(
    message.content || message.embeds.length > 0 || message.components.length > 0,
  ).toBeTruthy();
  const { markdown, plain } = texts(message);
  // Link targets `](url)` are never shown as text, so Discord parses nothing in them.
  for (const text of markdown)
    expect(text.replace(/\]\(<?https?:\/\/[^\s)>]*>?\)/g, ']()')).not.toMatch(MENTION);
  for (const text of plain) expect(text).not.toMatch(MENTION);
  for (const text of markdown) {
    const bare = unescaped(text);
    expect(bare).not.toContain('||');
    if (digestOnly) {
      for (const [, label] of bare.matchAll(/\[([^\]]*)\]\(/g)) expect(label).toMatch(OUR_LABELS);
    }
  }
}

describe('rendering any paper text', () => {
  it('splits any digest into valid messages, every paper whole and in order, nothing pinging', () => {
    fc.assert(
      fc.property(digest, fc.constantFrom('pb1p0', 'pb123456789012p99'), (view, key) => {
        const parts = splitDigest(view);
        expect(parts.flatMap((p) => p.entries)).toEqual(view.entries);
        for (const part of parts) {
          const message = renderDigestPart(part, key);
          expectSafe(message, true);
          expect(message.embeds).toHaveLength(Math.max(1, part.entries.length));
          const footer = message.embeds.at(-1)?.footer?.text ?? '';
          expect(footer === key || footer.endsWith(` · ${key}`)).toBe(true);
        }
      }),
      PROPERTY_RUNS,
    );
  });

  it('renders any reply (text spans, cards, digests, buttons) within every limit', () => {
    const span = fc.oneof(
      anyText,
      anyText.map((t) => ({ text: t, bold: true as const })),
      anyText.map((t) => ({ text: t, code: true as const })),
      fc.tuple(anyText, anyUrl).map(([t, url]) => ({ text: t, url })),
    );
    const button = fc.record({
      actionId: fc.string({ minLength: 0, maxLength: 120 }),
      label: anyText,
      style: fc.constantFrom('primary' as const, 'secondary' as const),
    });
    const block = fc.oneof(
      fc.array(span, { maxLength: 6 }).map((spans) => ({ kind: 'text' as const, spans })),
      card.map((c) => ({ kind: 'paper' as const, card: c })),
      digest.map((d) => ({ kind: 'digest' as const, digest: d })),
      fc.array(button, { maxLength: 30 }).map((buttons) => ({ kind: 'buttons' as const, buttons })),
    );
    const reply: fc.Arbitrary<Reply> = fc.record({
      visibility: fc.constantFrom('caller' as const, 'channel' as const),
      blocks: fc.array(block, { maxLength: 5 }),
    });
    fc.assert(
      fc.property(reply, (r) => {
        for (const message of renderReply(r)) expectSafe(message, false);
      }),
      PROPERTY_RUNS,
    );
  });

  it('escapes without losing anything: removing the escapes gives the text back', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const shown = escapeText(text)
          .replace(/\\([\s\S])/g, '$1')
          .replaceAll('\u200b', '');
        expect(shown).toBe(text.replaceAll('\u200b', ''));
      }),
      { ...PROPERTY_RUNS, numRuns: 300 },
    );
  });
});

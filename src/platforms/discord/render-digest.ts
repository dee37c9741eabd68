import type { APIEmbed } from 'discord.js';
import type { DigestView, PaperCard } from '../../core/digest/digest-view.js';
import { listedOnText } from '../../core/digest/paper-card.js';
import { fit, fitLine, maskedLink, oneLine, plainLine, safeUrl } from './escape.js';
import { DISCORD_LIMITS, EMBED_BUDGET } from './limits.js';

/**
 * Papers and digests as Discord embeds: one embed per paper (title linked to its Hugging Face
 * page, the one-line summary, authors, links, upvotes, the HF thumbnail), the digest's header as
 * the message text, and its footer on the last embed. Every piece has its own length budget, so
 * one paper always fits one message and a digest splits between whole papers.
 */

/** Hugging Face yellow. */
export const EMBED_COLOR = 0xffd21e;

const BUDGET = {
  summary: 700,
  abstract: 3500,
  byline: 300,
  topics: 300,
  header: 300,
  headerTopics: 600,
  footer: 300,
  /** Longer links (code and project pages come from paper authors) are left out. */
  url: 300,
} as const;

/** Room kept on every message's last footer for ` · <key>` (the key is at most a nonce long). */
const KEY_RESERVE = 3 + DISCORD_LIMITS.nonce;

/** 1234 → "1.2k": GitHub-style star counts. */
export function compactCount(n: number): string {
  if (n < 1_000) return String(n);
  const k = n / 1_000;
  return `${k >= 10 ? Math.round(k) : k.toFixed(1).replace(/\.0$/, '')}k`;
}

const quoteAll = (topics: readonly string[]): string =>
  topics.map((t) => `"${oneLine(t)}"`).join(', ');

/** `▲ 42 · 💬 3 · Hugging Face · arXiv · PDF · Code ★ 1.2k · Project page`, as links. */
function statsAndLinks(card: PaperCard): string {
  const links: Array<[string, string | undefined, number]> = [
    ['Hugging Face', card.links.hf, BUDGET.url],
    ['arXiv', card.links.arxiv, BUDGET.url],
    ['PDF', card.links.pdf, BUDGET.url],
    [
      card.links.code?.stars === undefined
        ? 'Code'
        : `Code ★ ${compactCount(card.links.code.stars)}`,
      card.links.code?.url,
      BUDGET.url,
    ],
    ['Project page', card.links.project, BUDGET.url],
  ];
  const parts = [`▲ ${card.upvotes}`];
  if (card.numComments > 0) parts.push(`💬 ${card.numComments}`);
  for (const [label, url, max] of links) {
    if (url && safeUrl(url, max)) parts.push(maskedLink(label, url, 'embed'));
  }
  return parts.join(' · ');
}

/** A paper as one embed. `withAbstract` shows the abstract (a `/papers paper` card). */
export function paperEmbed(card: PaperCard, options: { withAbstract?: boolean } = {}): APIEmbed {
  const rest: string[] = [];
  const byline = card.organization ? `${card.authors} · ${card.organization}` : card.authors;
  if (byline.trim()) rest.push(fitLine(byline, BUDGET.byline));
  rest.push(statsAndLinks(card));
  const topics = card.matchedTopics.filter((t) => t !== 'everything');
  if (topics.length > 0) rest.push(`Matches ${fitLine(quoteAll(topics), BUDGET.topics)}`);
  const restLength = rest.reduce((n, line) => n + line.length + 1, 0);
  const abstract = options.withAbstract && card.abstract ? card.abstract : undefined;
  const first = abstract
    ? fit(
        oneLine(abstract),
        Math.min(BUDGET.abstract, DISCORD_LIMITS.embedDescription - restLength),
      )
    : fitLine(card.summary, BUDGET.summary);
  const embed: APIEmbed = {
    title: fitLine(card.title || card.id, DISCORD_LIMITS.embedTitle),
    description: [first, ...rest].filter((l) => l !== '').join('\n'),
    color: EMBED_COLOR,
  };
  const url = safeUrl(card.url);
  if (url) embed.url = url;
  const thumbnail = card.thumbnail ? safeUrl(card.thumbnail) : null;
  if (thumbnail) embed.thumbnail = { url: thumbnail };
  if (options.withAbstract) embed.footer = { text: plainLine(listedOnText(card), BUDGET.footer) };
  return embed;
}

/** What Discord counts toward the 6000 characters of a message's embeds. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.trim().length ?? 0) +
    (embed.description?.trim().length ?? 0) +
    (embed.footer?.text.trim().length ?? 0) +
    (embed.author?.name.trim().length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.trim().length + f.value.trim().length, 0)
  );
}

/** The digest's title, subtitle and topics: the text above the embeds. */
export function digestHeaderLines(view: DigestView): string[] {
  const lines = [`**${fitLine(view.title, BUDGET.header)}**`];
  if (view.subtitle.trim()) lines.push(fitLine(view.subtitle, BUDGET.header));
  const topics = view.topics.filter((t) => t !== 'everything');
  if (topics.length > 0) lines.push(`Topics: ${fitLine(quoteAll(topics), BUDGET.headerTopics)}`);
  return lines;
}

/** The footer text, with the delivery key last (`… · pb12p0`) so the bot can find it again. */
export function footerWithKey(footer: string, key?: string): string {
  const text = plainLine(footer, BUDGET.footer);
  if (!key) return text || 'Paperboy';
  return text ? `${text} · ${key}` : key;
}

/** The delivery key a footer carries (what `footerWithKey` appended), if any. */
export function keyOfFooter(text: string | undefined): string | null {
  const last = text?.split(' · ').at(-1)?.trim();
  return last ? last : null;
}

/** The embeds of one digest message: one per paper, or one saying why the day is empty. */
export function digestEmbeds(view: DigestView, key?: string): APIEmbed[] {
  const embeds =
    view.entries.length > 0
      ? view.entries.map((card) => paperEmbed(card))
      : [
          {
            description: fit(oneLine(view.emptyReason ?? 'No papers to show.'), 2000),
            color: EMBED_COLOR,
          } satisfies APIEmbed,
        ];
  const last = embeds.at(-1);
  if (last) last.footer = { text: footerWithKey(view.footer, key) };
  return embeds;
}

/**
 * Splits a digest into messages of at most 10 embeds and EMBED_BUDGET characters (room for the
 * footer and its key included), papers in order and every paper whole. Later parts say they
 * continue the digest; the topics line stays on the first.
 */
export function splitDigest(view: DigestView): DigestView[] {
  if (view.entries.length === 0) return [view];
  const reserve = BUDGET.footer + KEY_RESERVE;
  const groups: PaperCard[][] = [];
  let current: PaperCard[] = [];
  let size = 0;
  for (const card of view.entries) {
    const length = embedLength(paperEmbed(card));
    if (
      current.length > 0 &&
      (current.length === DISCORD_LIMITS.embedsPerMessage || size + length + reserve > EMBED_BUDGET)
    ) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(card);
    size += length;
  }
  groups.push(current);
  if (groups.length === 1) return [view];
  const n = groups.length;
  return groups.map((entries, i) => ({
    ...view,
    entries,
    subtitle: i === 0 ? `${view.subtitle} · part 1 of ${n}` : `continued · part ${i + 1} of ${n}`,
    topics: i === 0 ? view.topics : [],
  }));
}

import type { DigestView, PaperCard } from '../../core/digest/digest-view.js';
import type { Button } from '../../core/reply.js';
import { clipMrkdwn, clipPlain, escapeMrkdwn, mrkdwnLink, safeUrl } from './mrkdwn.js';

/**
 * Block Kit limits Paperboy renders within. Slack answers `invalid_blocks` beyond the documented
 * ones and `msg_blocks_too_long` beyond an undocumented total of about 12 000 characters of block
 * text, so messages keep well under that.
 * @see https://docs.slack.dev/reference/block-kit/blocks
 * @see https://github.com/slackapi/bolt-js/issues/2509 (the undocumented total)
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3_000,
  headerText: 150,
  sectionFields: 10,
  contextElements: 10,
  contextElementText: 2_000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2_000,
  actionId: 255,
  /** Our budget per message: under the ~12 000 characters Slack accepts in practice. */
  messageBlockText: 10_000,
  /** Our budget per message, leaving room below 50. */
  messageBlocks: 45,
} as const;

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji: true;
}
export interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
}
export interface SlackButton {
  type: 'button';
  text: PlainText;
  action_id: string;
  style?: 'primary';
}
/** The Block Kit blocks Paperboy sends (a subset of @slack/types `KnownBlock`). */
export type SlackBlock =
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text: MrkdwnText }
  | { type: 'context'; elements: MrkdwnText[] }
  | { type: 'divider' }
  | { type: 'actions'; elements: SlackButton[] };

export const plain = (text: string, max: number): PlainText => ({
  type: 'plain_text',
  text: clipPlain(text, max) || '…',
  emoji: true,
});
/** A mrkdwn section; Slack refuses empty text, so blank becomes an ellipsis. */
export const section = (mrkdwn: string): SlackBlock => ({
  type: 'section',
  text: {
    type: 'mrkdwn',
    text: mrkdwn.trim() === '' ? '…' : clipMrkdwn(mrkdwn, SLACK_LIMITS.sectionText),
  },
});
/** A context block of the non-blank texts; none at all when every text is blank. */
export const context = (...texts: string[]): SlackBlock[] => {
  const elements = texts
    .filter((t) => t.trim() !== '')
    .slice(0, SLACK_LIMITS.contextElements)
    .map((t) => ({
      type: 'mrkdwn' as const,
      text: clipMrkdwn(t, SLACK_LIMITS.contextElementText),
    }));
  return elements.length > 0 ? [{ type: 'context', elements }] : [];
};

/** Text escaped for mrkdwn and clipped to `max` characters (whitespace flattened). */
export const esc = (text: string, max: number): string =>
  clipMrkdwn(escapeMrkdwn(text.replace(/\s+/g, ' ').trim()), max);

/** Characters of text in a block, as Slack counts toward its per-message total. */
export function blockTextLength(block: SlackBlock): number {
  switch (block.type) {
    case 'header':
    case 'section':
      return block.text.text.length;
    case 'context':
      return block.elements.reduce((n, e) => n + e.text.length, 0);
    case 'actions':
      return block.elements.reduce((n, e) => n + e.text.text.length, 0);
    case 'divider':
      return 0;
  }
}

const compact = (n: number): string =>
  n >= 1_000 ? `${(n / 1_000).toFixed(n >= 10_000 ? 0 : 1).replace(/\.0$/, '')}k` : String(n);

/** "<arXiv> · <PDF> · <Code ★ 1.2k> · <Project>" */
function linksLine(card: PaperCard): string {
  const links = [mrkdwnLink('arXiv', card.links.arxiv), mrkdwnLink('PDF', card.links.pdf)];
  if (card.links.code) {
    const stars = card.links.code.stars === undefined ? '' : ` ★ ${compact(card.links.code.stars)}`;
    links.push(mrkdwnLink(`Code${stars}`, card.links.code.url));
  }
  if (card.links.project) links.push(mrkdwnLink('Project', card.links.project));
  return links.join(' · ');
}

/** "▲ 123 · 💬 4 · A, B, C et al. · Org" */
function metaLine(card: PaperCard): string {
  const parts = [`▲ ${card.upvotes}`];
  if (card.numComments > 0) parts.push(`💬 ${card.numComments}`);
  parts.push(esc(card.authors, 300));
  if (card.organization) parts.push(esc(card.organization, 120));
  return parts.join(' · ');
}

function topicsLine(card: PaperCard): string {
  const topics = card.matchedTopics.filter((t) => t !== 'everything');
  if (topics.length === 0) return '';
  return `_Matches ${topics.map((t) => `“${esc(t, 120)}”`).join(', ')}_`;
}

/** One paper as one section: title link, numbers and authors, the one-line summary, links. */
export function paperSection(card: PaperCard): SlackBlock {
  const label = esc(clipPlain(card.title, 300).replace(/\*/g, '∗'), 1_500) || 'Untitled';
  const target = safeUrl(card.url);
  const lines = [
    target ? `*<${target}|${label}>*` : `*${label}*`,
    metaLine(card),
    esc(card.summary, 900),
    [linksLine(card), topicsLine(card)].filter((s) => s !== '').join(' · '),
  ];
  return section(lines.filter((l) => l !== '').join('\n'));
}

/** A card for `/papers paper` and shares: the entry plus the abstract. */
export function paperCardBlocks(card: PaperCard): SlackBlock[] {
  const blocks = [paperSection(card)];
  if (card.abstract) blocks.push(section(`*Abstract* ${esc(card.abstract, 2_800)}`));
  return blocks;
}

/** Buttons → actions blocks of at most 25 buttons. */
export function buttonBlocks(buttons: readonly Button[]): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  for (let i = 0; i < buttons.length; i += SLACK_LIMITS.actionsElements) {
    blocks.push({
      type: 'actions',
      elements: buttons.slice(i, i + SLACK_LIMITS.actionsElements).map((b) => ({
        type: 'button',
        text: plain(b.label, SLACK_LIMITS.buttonText),
        action_id: b.actionId.slice(0, SLACK_LIMITS.actionId),
        ...(b.style === 'primary' ? { style: 'primary' as const } : {}),
      })),
    });
  }
  return blocks;
}

/** The head of a digest message: title, then the subtitle and topics. */
export function digestHeadBlocks(digest: DigestView): SlackBlock[] {
  const topics = digest.topics.filter((t) => t !== 'everything');
  const sub = [esc(digest.subtitle, 300)];
  if (topics.length > 0) sub.push(`Topics: ${topics.map((t) => `“${esc(t, 100)}”`).join(', ')}`);
  return [
    { type: 'header', text: plain(digest.title, SLACK_LIMITS.headerText) },
    ...context(clipMrkdwn(sub.filter((s) => s !== '').join(' · '), 1_500)),
  ];
}

/** The tail of a digest message: the footer, if any. */
export function digestFootBlocks(digest: DigestView): SlackBlock[] {
  return context(esc(digest.footer, 500));
}

import type { DigestView } from '../../core/digest/digest-view.js';
import { type Reply, spansToPlain } from '../../core/reply.js';
import {
  SLACK_LIMITS,
  type SlackBlock,
  blockTextLength,
  buttonBlocks,
  digestFootBlocks,
  digestHeadBlocks,
  esc,
  paperCardBlocks,
  paperSection,
  section,
} from './blocks.js';
import { clipPlain, escapeMrkdwn, spansToMrkdwn } from './mrkdwn.js';

/**
 * Neutral replies and digests → Slack messages (Block Kit plus a plain-text fallback).
 *
 * A long digest becomes **several top-level messages** (not a header plus thread replies): each
 * part is a complete message with the day's header ("… (2/3)"), so every part shows in the
 * channel, can be read alone, and the delivery engine posts and checks each part independently
 * by its own key. Entries are never cut across messages.
 */

export interface SlackMessage {
  /** Notification and accessibility fallback; escaped like any mrkdwn. */
  text: string;
  blocks: SlackBlock[];
}

const textOf = (blocks: readonly SlackBlock[]): number =>
  blocks.reduce((n, b) => n + blockTextLength(b), 0);

/** Whether blocks fit one message within our budget. */
export const fitsOneMessage = (blocks: readonly SlackBlock[]): boolean =>
  blocks.length <= SLACK_LIMITS.messageBlocks && textOf(blocks) <= SLACK_LIMITS.messageBlockText;

/** "Hugging Face Daily Papers · Fri 5 Dec 2025 (2/3)", within the header limit. */
function partTitle(title: string, index: number, count: number): string {
  const suffix = ` (${index + 1}/${count})`;
  return `${clipPlain(title, SLACK_LIMITS.headerText - suffix.length)}${suffix}`;
}

/**
 * Splits a digest into parts that each render as one message within every limit. Each part keeps
 * the title (numbered), subtitle and topics; only the last keeps the footer.
 */
export function splitDigest(digest: DigestView): DigestView[] {
  if (digest.entries.length === 0) return [digest];
  const overhead = [
    ...digestHeadBlocks({ ...digest, title: partTitle(digest.title, 98, 99) }),
    ...digestFootBlocks(digest),
  ];
  const groups: Array<DigestView['entries']> = [];
  let current: DigestView['entries'] = [];
  let blocks = overhead.length;
  let chars = textOf(overhead);
  for (const entry of digest.entries) {
    const size = blockTextLength(paperSection(entry));
    const full =
      blocks + 1 > SLACK_LIMITS.messageBlocks || chars + size > SLACK_LIMITS.messageBlockText;
    if (current.length > 0 && full) {
      groups.push(current);
      current = [];
      blocks = overhead.length;
      chars = textOf(overhead);
    }
    current.push(entry);
    blocks += 1;
    chars += size;
  }
  groups.push(current);
  if (groups.length === 1) return [digest];
  return groups.map((entries, i) => {
    const { emptyReason: _dropped, ...rest } = digest;
    return {
      ...rest,
      title: partTitle(digest.title, i, groups.length),
      entries,
      footer: i === groups.length - 1 ? digest.footer : '',
    };
  });
}

/** The notification text of a digest part: title, subtitle and the first titles. */
function digestFallback(part: DigestView): string {
  const head = `${part.title} · ${part.subtitle}`;
  const body = part.emptyReason ?? part.entries.map((e) => e.title).join('; ');
  return escapeMrkdwn(clipPlain(body ? `${head}: ${body}` : head, 600));
}

/**
 * One digest part as one message. Parts come from `splitDigest`; a part that does not fit (e.g.
 * planned by an older version) is cut to what fits, with a line saying how many were left out.
 */
export function renderDigest(part: DigestView): SlackMessage {
  const head = digestHeadBlocks(part);
  const foot = digestFootBlocks(part);
  const body: SlackBlock[] = [];
  if (part.emptyReason) body.push(section(esc(part.emptyReason, 2_000)));
  let shown = 0;
  for (const entry of part.entries) {
    const next = paperSection(entry);
    if (!fitsOneMessage([...head, ...body, next, ...foot, section('x'.repeat(80))])) break;
    body.push(next);
    shown += 1;
  }
  if (shown < part.entries.length) {
    body.push(section(`_${part.entries.length - shown} more papers did not fit in this message._`));
  }
  return { text: digestFallback(part), blocks: [...head, ...body, ...foot] };
}

/**
 * A command reply as one or more messages (a digest inside a reply is split like a posted one).
 * Consecutive text blocks share one section to stay far from the 50-block limit.
 */
export function renderReply(reply: Reply): SlackMessage[] {
  const messages: SlackMessage[] = [];
  let current: SlackBlock[] = [];
  let fallback: string | undefined;
  let lastWasText = false;

  const flush = (): void => {
    if (current.length > 0) messages.push({ text: fallback ?? 'Paperboy', blocks: current });
    current = [];
    fallback = undefined;
  };
  const add = (group: SlackBlock[], text: string): void => {
    if (current.length > 0 && !fitsOneMessage([...current, ...group])) flush();
    current.push(...group);
    fallback ??= text;
  };

  for (const block of reply.blocks) {
    if (block.kind === 'text') {
      const mrkdwn = spansToMrkdwn(block.spans);
      if (mrkdwn.trim() === '') continue;
      const last = current.at(-1);
      const merged = last?.type === 'section' ? `${last.text.text}\n${mrkdwn}` : '';
      const fits =
        lastWasText &&
        last?.type === 'section' &&
        merged.length <= SLACK_LIMITS.sectionText &&
        fitsOneMessage([...current.slice(0, -1), section(merged)]);
      if (fits) {
        current[current.length - 1] = section(merged);
      } else {
        add([section(mrkdwn)], escapeMrkdwn(clipPlain(spansToPlain(block.spans), 300)));
      }
      lastWasText = true;
      continue;
    }
    lastWasText = false;
    switch (block.kind) {
      case 'paper':
        add(paperCardBlocks(block.card), escapeMrkdwn(clipPlain(block.card.title, 300)));
        break;
      case 'buttons':
        add(buttonBlocks(block.buttons), 'Paperboy');
        break;
      case 'digest':
        for (const part of splitDigest(block.digest)) {
          const message = renderDigest(part);
          add(message.blocks, message.text);
        }
        break;
    }
  }
  flush();
  return messages.length > 0 ? messages : [{ text: 'Done.', blocks: [] }];
}

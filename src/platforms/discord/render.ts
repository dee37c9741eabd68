import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { DigestView } from '../../core/digest/digest-view.js';
import { type Button, type Reply, type Span, spansToPlain } from '../../core/reply.js';
import { clipRaw, escapeText, fit, fitLine, inlineCode, maskedLink, oneLine } from './escape.js';
import { DISCORD_LIMITS, EMBED_BUDGET } from './limits.js';
import {
  EMBED_COLOR,
  digestEmbeds,
  digestHeaderLines,
  embedLength,
  paperEmbed,
  splitDigest,
} from './render-digest.js';

export { splitDigest } from './render-digest.js';

/**
 * Neutral replies and digests → Discord messages within every limit. Text we do not control is
 * escaped (escape.ts), and every message carries `allowed_mentions: { parse: [] }`, so nothing
 * a paper or a person wrote can ping anyone.
 */

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** One message as Create Message / interaction responses / webhooks take it. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  allowed_mentions: { parse: [] };
}

/** A line of text rendered for where it lands: links differ in content and in embeds. */
type Line = (where: 'content' | 'embed') => string;

/** Neutral spans → Discord markdown, escaped. */
export function spansToMarkdown(spans: readonly Span[], where: 'content' | 'embed'): string {
  return spans
    .map((span) => {
      if (typeof span === 'string') return escapeText(clipRaw(span, MAX_LINE));
      if ('url' in span) return maskedLink(span.text, span.url, where);
      if ('code' in span) return inlineCode(span.text);
      return span.text.trim() === ''
        ? escapeText(span.text)
        : `**${escapeText(oneLine(span.text))}**`;
    })
    .join('');
}

/** One rendered line that fits `max`; a line too long for markdown falls back to plain text. */
const lineWithin = (line: Line, where: 'content' | 'embed', max: number, plain: string): string => {
  const text = line(where);
  return text.length <= max ? text : fit(plain, max);
};

const MAX_LINE = DISCORD_LIMITS.embedDescription;

/** Packs lines, embeds and button rows into as few messages as the limits allow, in order. */
function createPacker() {
  const messages: DiscordMessage[] = [];
  const fresh = (): DiscordMessage => {
    const message: DiscordMessage = { embeds: [], components: [], allowed_mentions: { parse: [] } };
    messages.push(message);
    return message;
  };
  let current = fresh();
  const embedTotal = (m: DiscordMessage): number =>
    m.embeds.reduce((n, e) => n + embedLength(e), 0);

  const embed = (e: APIEmbed): void => {
    if (
      current.components.length > 0 ||
      current.embeds.length >= DISCORD_LIMITS.embedsPerMessage ||
      embedTotal(current) + embedLength(e) > EMBED_BUDGET
    ) {
      current = fresh();
    }
    current.embeds.push(e);
  };

  /** Text goes above the embeds as content when it fits there, else into embed descriptions. */
  const lines = (run: Array<{ line: Line; plain: string }>): void => {
    if (run.length === 0) return;
    const asContent = run
      .map((l) => lineWithin(l.line, 'content', DISCORD_LIMITS.content, l.plain))
      .join('\n');
    const before = current.content ? `${current.content}\n` : '';
    if (
      current.embeds.length === 0 &&
      current.components.length === 0 &&
      before.length + asContent.length <= DISCORD_LIMITS.content
    ) {
      current.content = before + asContent;
      return;
    }
    let description = '';
    for (const l of run) {
      const text = lineWithin(l.line, 'embed', MAX_LINE, l.plain);
      if (description && description.length + 1 + text.length > MAX_LINE) {
        embed({ description, color: EMBED_COLOR });
        description = '';
      }
      description = description ? `${description}\n${text}` : text;
    }
    if (description) embed({ description, color: EMBED_COLOR });
  };

  const buttons = (list: readonly Button[]): void => {
    const seen = new Set(
      current.components.flatMap((row) => row.components.map((b) => b.custom_id)),
    );
    const usable = list.filter((b) => {
      const ok =
        b.actionId.length >= 1 &&
        b.actionId.length <= DISCORD_LIMITS.customId &&
        !seen.has(b.actionId);
      seen.add(b.actionId);
      return ok;
    });
    for (let i = 0; i < usable.length; i += DISCORD_LIMITS.buttonsPerRow) {
      if (current.components.length >= DISCORD_LIMITS.actionRows) current = fresh();
      current.components.push({
        type: ComponentType.ActionRow,
        components: usable.slice(i, i + DISCORD_LIMITS.buttonsPerRow).map((b) => ({
          type: ComponentType.Button,
          style: b.style === 'primary' ? ButtonStyle.Primary : ButtonStyle.Secondary,
          label: fitLine(b.label, DISCORD_LIMITS.buttonLabel) || 'Open',
          custom_id: b.actionId,
        })),
      });
    }
  };

  const done = (): DiscordMessage[] => {
    const nonEmpty = messages.filter(
      (m) => m.content || m.embeds.length > 0 || m.components.length > 0,
    );
    return nonEmpty.length > 0
      ? nonEmpty
      : [{ content: 'Done.', embeds: [], components: [], allowed_mentions: { parse: [] } }];
  };

  /** Starts a new message unless the current one holds only text (a digest part starts one). */
  const breakIfBusy = (): void => {
    if (current.embeds.length > 0 || current.components.length > 0) current = fresh();
  };

  return { embed, lines, buttons, breakIfBusy, done };
}

const headerRun = (view: DigestView) =>
  digestHeaderLines(view).map((text) => ({ line: () => text, plain: text }));

/** A reply as one or more messages (the first answers the interaction, the rest follow up). */
export function renderReply(reply: Reply): DiscordMessage[] {
  const packer = createPacker();
  let run: Array<{ line: Line; plain: string }> = [];
  const flush = (): void => {
    packer.lines(run);
    run = [];
  };
  for (const block of reply.blocks) {
    if (block.kind === 'text') {
      run.push({
        line: (where) => spansToMarkdown(block.spans, where),
        plain: spansToPlain(block.spans),
      });
      continue;
    }
    flush();
    switch (block.kind) {
      case 'paper':
        packer.embed(paperEmbed(block.card, { withAbstract: block.card.abstract !== undefined }));
        break;
      case 'digest':
        for (const part of splitDigest(block.digest)) {
          packer.breakIfBusy();
          packer.lines(headerRun(part));
          for (const e of digestEmbeds(part)) packer.embed(e);
        }
        break;
      case 'buttons':
        packer.buttons(block.buttons);
        break;
    }
  }
  flush();
  return packer.done();
}

/**
 * One part of a scheduled digest (already split by `splitDigest`) as one message: the header as
 * text, one embed per paper, and the footer with the delivery key on the last embed.
 */
export function renderDigestPart(part: DigestView, key?: string): DiscordMessage {
  return {
    content: fit(digestHeaderLines(part).join('\n'), DISCORD_LIMITS.content, (s) => s),
    embeds: digestEmbeds(part, key),
    components: [],
    allowed_mentions: { parse: [] },
  };
}

/**
 * A message as an edit (UPDATE_MESSAGE, PATCH `@original`): absent content, embeds and
 * components are sent empty so nothing of the previous version stays.
 */
export function asEdit(message: DiscordMessage): DiscordMessage & { content: string } {
  return { ...message, content: message.content ?? '' };
}

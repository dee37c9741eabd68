/**
 * Discord markdown for text we do not control: paper titles, abstracts, author names, topics
 * and whatever people type. The result shows the text as typed and can never ping, link, hide or
 * format anything:
 * - `\ * _ ~ \` | [ ]` get a backslash everywhere (so `**bold**`, `||spoilers||` and masked
 *   links `[label](url)` stay plain text), and `#`, `>`, `-` and `1.` at a line start (headings,
 *   quotes, subtext, lists);
 * - URLs are left untouched, because Discord links them before it reads escapes (a backslash
 *   would end up inside the link);
 * - `@everyone` / `@here` and `<@…>`, `<@&…>`, `<#…>`, `</…:…>`, `<:emoji:…>`, `<t:…>` get a
 *   zero-width space, so Discord does not parse them at all (`allowed_mentions: { parse: [] }`
 *   on every message is the second line of defence).
 *
 * Not discord.js's `escapeMarkdown`: it leaves some `*` of a run like `**a****b**` unescaped and
 * escapes only the first masked link of a line (both found by the property test).
 * @see https://discord.com/developers/docs/reference#message-formatting
 */
export function escapeText(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(URL_RE)) {
    out += escapePlain(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return neutraliseMentions(out + escapePlain(text.slice(last)));
}

/**
 * A URL as Discord's autolinker sees it, stopping at characters we must escape anyway (they are
 * rare in URLs; the rest of such a URL is escaped as text).
 */
const URL_RE = /https?:\/\/[^\s<\\[\]|*~`]*[^\s<\\[\]|*~`.,:;"')]/g;

const escapePlain = (text: string): string =>
  text
    .replace(/[\\*_~`|[\]]/g, '\\$&')
    .replace(/^([ \t]*)([#>-])/gm, '$1\\$2')
    .replace(/^([ \t]*\d+)\./gm, '$1\\.');

/**
 * Mentions, channel links, slash-command links, custom emoji and timestamps made inert with a
 * zero-width space; for places without markdown (embed footers) and inside inline code.
 */
export const neutraliseMentions = (text: string): string =>
  text.replace(/@(everyone|here)/gi, '@\u200b$1').replace(/<(?=[@#/:]|[at]:|id:)/gi, '<\u200b');

/** Plain text (no markdown is rendered there, e.g. embed footers), one line, at most `max`. */
export const plainLine = (text: string, max: number): string =>
  fit(oneLine(text), max, neutraliseMentions);

/** Collapses any run of whitespace (newlines too) to one space: for one-line fields. */
export const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/**
 * The first `keep` characters of `text` plus an ellipsis, cut after a word when one ends in the
 * last 40 % (so nothing is cut mid-word without an ellipsis), never inside a surrogate pair.
 */
export function clipRaw(text: string, keep: number): string {
  if (text.length <= keep) return text;
  let end = Math.max(0, keep);
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  let cut = text.slice(0, end);
  const space = cut.search(/\s\S*$/);
  if (space > end * 0.6) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,;:.\-–]+$/u, '')}…`;
}

/**
 * `text` escaped with `escape` and at most `max` characters long after escaping: when the
 * escaped text is too long, the raw text is clipped (with an ellipsis) until it fits, so an
 * escape sequence is never cut in half. Escaping only ever adds characters, so text longer than
 * `max` is clipped before it is escaped (this also bounds the work on huge inputs).
 */
export function fit(text: string, max: number, escape: (s: string) => string = escapeText): string {
  let keep = text.length > max ? max - 1 : text.length;
  for (;;) {
    const out = escape(keep >= text.length ? text : clipRaw(text, keep));
    if (out.length <= max) return out;
    if (keep <= 0) return '…';
    keep = Math.max(0, Math.min(keep - 1, Math.floor((keep * max) / out.length) - 1));
  }
}

/** `fit` for one-line fields (titles, authors, topics). */
export const fitLine = (text: string, max: number): string => fit(oneLine(text), max);

/**
 * A URL safe to put in an embed or inside `[label](url)`: absolute http(s) only, no credentials,
 * and after the host every character that could end the link markup or mean markdown
 * (`( ) < > [ ] | * ~ \` \\`, quotes, whitespace) percent-encoded. Null for anything else, or when
 * longer than `max`.
 */
export function safeUrl(raw: string, max = 2000): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || !url.href.startsWith(url.origin)) return null;
  const rest = url.href
    .slice(url.origin.length)
    .replace(
      /[()<>[\]|*~`\\"'\s]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
    );
  const href = url.origin + rest;
  return href.length <= max ? href : null;
}

/** Longest link label shown (a paper title in search results). */
const MAX_LABEL = 300;

/**
 * A masked link with an escaped label; just the label when the URL is unusable. In message
 * content the URL is wrapped in `<…>` so Discord does not add a link preview.
 */
export function maskedLink(label: string, url: string, where: 'content' | 'embed'): string {
  const target = safeUrl(url);
  const shown = fitLine(oneLine(label) || url, MAX_LABEL);
  if (!target) return shown;
  return where === 'content' ? `[${shown}](<${target}>)` : `[${shown}](${target})`;
}

/** Inline code cannot hold a backtick; a look-alike keeps the text readable. */
export const inlineCode = (text: string): string =>
  text.trim() === '' ? '' : `\`${neutraliseMentions(oneLine(text).replace(/`/g, 'ˋ'))}\``;

import type { Span } from '../../core/reply.js';

/**
 * Slack mrkdwn for text we do not control (paper titles, abstracts, topics, user input).
 *
 * Slack gives `<…>` its meaning (mentions `<@U123>`, `<!channel>`, `<!here>`, links `<url|label>`)
 * and reads `&`, `<` and `>` as HTML entities, so escaping exactly these three turns any text into
 * inert characters: nothing pings, nothing becomes a masked link.
 * @see https://docs.slack.dev/messaging/formatting-message-text#escaping
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Inline code cannot hold a backtick; a look-alike keeps the text readable. */
const codeSafe = (text: string): string => escapeMrkdwn(text.replace(/`/g, 'ˋ'));

/**
 * A URL as it may appear inside `<url|label>`: http(s) only, and the characters that would end or
 * split the link markup (`<`, `>`, `|`, whitespace) percent-encoded; `&` becomes `&amp;` as
 * Slack expects. Returns null for anything that is not an absolute http(s) URL.
 */
export function safeUrl(url: string): string | null {
  const trimmed = url.trim();
  if (!/^https?:\/\/[^\s/]/i.test(trimmed) || trimmed.length > 1_000) return null;
  return trimmed
    .replace(/[<>|\s"]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
    .replace(/&/g, '&amp;');
}

/** A masked link whose label is escaped; plain escaped text when the URL is not usable. */
export function mrkdwnLink(label: string, url: string): string {
  const target = safeUrl(url);
  const shown = escapeMrkdwn(label.replace(/\s+/g, ' ').trim() || url);
  return target ? `<${target}|${shown}>` : shown;
}

/**
 * Bold that survives any label: Slack ends bold at the next `*`, so stars inside become a
 * look-alike (only inside bold, where a real star would break the formatting anyway).
 */
export const mrkdwnBold = (text: string): string =>
  text.trim() === '' ? escapeMrkdwn(text) : `*${escapeMrkdwn(text.replace(/\*/g, '∗'))}*`;

/** Neutral spans → mrkdwn. */
export function spansToMrkdwn(spans: readonly Span[]): string {
  return spans
    .map((span) => {
      if (typeof span === 'string') return escapeMrkdwn(span);
      if ('url' in span) return mrkdwnLink(span.text, span.url);
      if ('code' in span) return span.text === '' ? '' : `\`${codeSafe(span.text)}\``;
      return mrkdwnBold(span.text);
    })
    .join('');
}

/**
 * Cuts mrkdwn we produced to at most `max` characters without splitting an entity (`&amp;`)
 * or a `<url|label>` link, and adds an ellipsis.
 */
export function clipMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  const amp = cut.lastIndexOf('&');
  if (amp >= 0 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  // An odd number of `*` or `_` would leave formatting open; it only looks odd, so leave it.
  return `${cut}…`;
}

/** Plain text (headers, buttons, notifications) clipped to `max` characters. */
export function clipPlain(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

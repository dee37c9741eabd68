import type { CommandOption } from '../../../commands/command.js';

/**
 * `/papers <subcommand> [args]` as Slack sends it (one text field) → a command name and options.
 *
 * - The first word names the subcommand; nothing (or `help`) means help.
 * - `name:value` sets a named option (`time:09:00 timezone:Europe/Berlin`); `name:"a b"` quotes a
 *   value with spaces; `min-upvotes:` works for `min_upvotes:`. Only the command's own option
 *   names count, so `arxiv:2512.01234` stays text.
 * - Everything else is the command's main option, kept as typed: the first required option, else
 *   its first string option (`/papers subscribe "speculative decoding" -survey` → topic
 *   `"speculative decoding" -survey`, with the quotes, because topics and queries use them).
 * - Slack HTML-escapes `&`, `<`, `>` in the text; they are unescaped first.
 */

/** What the parser needs of a command. */
export interface ParsableCommand {
  name: string;
  options: readonly CommandOption[];
}

export type ParsedText =
  | { kind: 'command'; name: string; input: Record<string, string> }
  | { kind: 'unknown'; name: string }
  | { kind: 'invalid'; name: string; message: string };

/** Options whose text is a query: quotes mean phrases there, so they are never stripped. */
const QUERY_OPTIONS = new Set(['query', 'topic']);

/** Slack's own escaping of message text. */
export const unescapeSlack = (text: string): string =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Typographic double quotes (macOS and phone keyboards) count as straight quotes. */
const straightenQuotes = (text: string): string => text.replace(/[“”„‟″]/g, '"');

/**
 * Splits on whitespace outside double quotes. Tokens keep their quotes (`-"a b"`, `days:"mon, fri"`);
 * an unclosed quote runs to the end of the text.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && /\s/.test(ch)) {
      if (current !== '') tokens.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  if (current !== '') tokens.push(current);
  return tokens;
}

/** `"a b"` → `a b`; anything not wholly quoted stays as it is. */
export function unquote(token: string): string {
  return token.length >= 2 &&
    token.startsWith('"') &&
    token.endsWith('"') &&
    !token.slice(1, -1).includes('"')
    ? token.slice(1, -1)
    : token;
}

/** The option that bare words fill: the first required option, else the first string option. */
export function mainOption(options: readonly CommandOption[]): CommandOption | undefined {
  return options.find((o) => o.required) ?? options.find((o) => o.type === 'string');
}

const NAMED = /^([A-Za-z][\w-]{0,39}):(.*)$/s;

export function parseCommandText(raw: string, commands: readonly ParsableCommand[]): ParsedText {
  const text = straightenQuotes(unescapeSlack(raw)).trim();
  const [first, ...rest] = tokenize(text);
  const name = (first ?? 'help').toLowerCase();
  const command = commands.find((c) => c.name === name);
  if (!command) return { kind: 'unknown', name: first ?? '' };
  if (command.options.length === 0) {
    if (rest.length === 0 || command.name === 'help') return { kind: 'command', name, input: {} };
    return {
      kind: 'invalid',
      name,
      message: `/papers ${name} takes nothing after it; try just /papers ${name}.`,
    };
  }

  const byName = new Map(command.options.map((o) => [o.name, o]));
  const input: Record<string, string> = {};
  const words: string[] = [];
  for (const token of rest) {
    const named = NAMED.exec(token);
    const option = named
      ? byName.get((named[1] ?? '').toLowerCase().replace(/-/g, '_'))
      : undefined;
    if (named && option) input[option.name] = unquote(named[2] ?? '');
    else words.push(token);
  }

  if (words.length > 0) {
    const main = mainOption(command.options);
    if (!main) {
      const names = command.options.map((o) => `${o.name}:…`).join(' ');
      return {
        kind: 'invalid',
        name,
        message: `/papers ${name} takes named options only: ${names}.`,
      };
    }
    if (input[main.name] !== undefined) {
      return {
        kind: 'invalid',
        name,
        message: `Give ${main.name} once: either as ${main.name}:… or as plain words, not both.`,
      };
    }
    const value = words.join(' ');
    input[main.name] = QUERY_OPTIONS.has(main.name) || words.length > 1 ? value : unquote(value);
  }
  return { kind: 'command', name, input };
}

/** Edit distance, for "did you mean" on mistyped subcommands. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j] ?? 0;
      row[j] = Math.min(
        above + 1,
        (row[j - 1] ?? 0) + 1,
        diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

/** The command name closest to a mistyped one (at most two edits away), if any. */
export function closestCommand(
  name: string,
  commands: readonly ParsableCommand[],
): string | undefined {
  const typed = name.toLowerCase().slice(0, 40);
  let best: { name: string; d: number } | undefined;
  for (const c of commands) {
    const d = c.name.startsWith(typed) && typed.length >= 2 ? 0 : distance(typed, c.name);
    if (d <= 2 && (!best || d < best.d)) best = { name: c.name, d };
  }
  return best?.name;
}

import { scanTokens } from './fts5-tokenizer.js';
import type { Query, Term } from './query.js';

export type ParseResult = { ok: true; query: Query } | { ok: false; error: string };

/** Limits that keep every query cheap to run and to show back. */
export const QUERY_LIMITS = {
  /** Longer input is refused, not cut: a cut could split a word or leave a quote open. */
  maxChars: 500,
  /** Words and phrases, excluded ones included. */
  maxTerms: 32,
  /** Letters before `*`: `a*` would match a large share of every word in the index. */
  minPrefixChars: 2,
} as const satisfies Record<string, number>;

/** The messages people see; each says what to do next. */
export const QUERY_ERRORS = {
  empty: 'Type at least one word to search for, e.g. `speculative decoding`.',
  noWords:
    'There is nothing to search for in that: use letters or numbers, e.g. `speculative decoding`.',
  onlyExcluded:
    'A query needs at least one word to look for besides the excluded ones, e.g. `diffusion -survey`.',
  tooLong: `That search is too long: keep it under ${QUERY_LIMITS.maxChars} characters.`,
  tooManyTerms: `That search has too many words: use at most ${QUERY_LIMITS.maxTerms}.`,
  shortPrefix: `Put at least ${QUERY_LIMITS.minPrefixChars} letters before \`*\`, e.g. \`distill*\`.`,
} as const satisfies Record<string, string>;

interface Item {
  kind: 'or' | 'and' | 'term';
  text: string;
  quoted: boolean;
  negated: boolean;
}

/**
 * Parses what a person typed into a `Query`. Never throws: bad input gives `{ ok: false }` with a
 * short message saying what to do.
 *
 * - `speculative decoding`: every word must match (in any field).
 * - `"video diffusion"`: the exact phrase. An unclosed quote runs to the end of the input.
 * - `diffusion OR flow`: either. `OR` must be upper case and binds tighter than the implicit
 *   AND: `a b OR c d` is a AND (b OR c) AND d. A stray `OR` (first, last, doubled, or next to an
 *   excluded word) is ignored; lower-case `or` is an ordinary word.
 * - `-survey`, `-"state of the art"`: must not match. `-` elsewhere (`GPT-4o`) is punctuation.
 * - `distill*`: any word starting with "distill" (at least 2 letters before `*`). The star only
 *   works on a single-token, unquoted word; `gpt-4*` is searched as the phrase "gpt 4".
 * - Upper-case `AND` is dropped (AND is already implied). `NOT` and `NEAR` are ordinary words
 *   ("not", "near"): use `-word` to exclude. Parentheses, colons and other punctuation are
 *   separators, so `(a OR b) c` works as expected and `title:x` searches "title" and "x".
 * - Words are normalised as the FTS5 index tokenises: lower case, diacritics removed, split on
 *   punctuation. A word that splits into several tokens (`GPT-4o`, `state-of-the-art`) becomes a
 *   phrase. Tokens without any letter or digit (emoji, symbols) are dropped.
 */
export function parseQuery(input: string): ParseResult {
  const text = input.trim();
  if (text === '') return { ok: false, error: QUERY_ERRORS.empty };
  if (longerThan(text, QUERY_LIMITS.maxChars)) return { ok: false, error: QUERY_ERRORS.tooLong };

  const groups: Term[][] = [];
  const none: Term[] = [];
  let pendingOr = false;
  let lastWasPositive = false;
  for (const item of lex(text)) {
    if (item.kind === 'or') {
      pendingOr = lastWasPositive;
      continue;
    }
    if (item.kind === 'and') {
      pendingOr = false;
      continue;
    }
    const term = toTerm(item);
    if (term === 'short-prefix') return { ok: false, error: QUERY_ERRORS.shortPrefix };
    if (term === null) {
      pendingOr = false; // `a OR 🤖 b`: the OR had nothing on its right
      continue;
    }
    if (item.negated) {
      none.push(term);
      pendingOr = false;
      lastWasPositive = false;
      continue;
    }
    const last = groups.at(-1);
    if (pendingOr && last) last.push(term);
    else groups.push([term]);
    pendingOr = false;
    lastWasPositive = true;
  }

  if (groups.length === 0) {
    return { ok: false, error: none.length > 0 ? QUERY_ERRORS.onlyExcluded : QUERY_ERRORS.noWords };
  }
  const terms = groups.reduce((n, g) => n + g.length, 0) + none.length;
  if (terms > QUERY_LIMITS.maxTerms) return { ok: false, error: QUERY_ERRORS.tooManyTerms };
  return { ok: true, query: { all: groups, none } };
}

/** Splits the input into unquoted chunks (at spaces and quotes) and quoted phrases. */
function* lex(text: string): Generator<Item> {
  let chunk = '';
  const flush = function* (): Generator<Item> {
    if (chunk === '') return;
    if (chunk === 'OR') yield { kind: 'or', text: chunk, quoted: false, negated: false };
    else if (chunk === 'AND') yield { kind: 'and', text: chunk, quoted: false, negated: false };
    else {
      const negated = chunk.length > 1 && chunk.startsWith('-');
      yield { kind: 'term', text: negated ? chunk.slice(1) : chunk, quoted: false, negated };
    }
    chunk = '';
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (c === '"') {
      const negated = chunk === '-';
      if (negated) chunk = '';
      else yield* flush();
      const close = text.indexOf('"', i + 1);
      const end = close < 0 ? text.length : close;
      yield { kind: 'term', text: text.slice(i + 1, end), quoted: true, negated };
      i = end;
    } else if (/\s/.test(c)) yield* flush();
    else chunk += c;
  }
  yield* flush();
}

const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** The term for one chunk or phrase, null when it holds nothing searchable. */
function toTerm(item: Item): Term | null | 'short-prefix' {
  const tokens: string[] = [];
  let lastEnd = 0;
  scanTokens(item.text, (token, _start, end) => {
    if (!HAS_LETTER_OR_DIGIT.test(token)) return;
    tokens.push(token);
    lastEnd = end;
  });
  const [first] = tokens;
  if (first === undefined) return null;
  if (tokens.length > 1) return { kind: 'phrase', words: tokens };
  const prefix = !item.quoted && item.text[lastEnd] === '*';
  if (prefix && [...first].length < QUERY_LIMITS.minPrefixChars) return 'short-prefix';
  return { kind: 'word', text: first, prefix };
}

/** True when `text` has more than `max` characters (code points), without copying it. */
function longerThan(text: string, max: number): boolean {
  if (text.length <= max) return false;
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff || i === 0 || !isHigh(text.charCodeAt(i - 1))) count += 1;
    if (count > max) return true;
  }
  return false;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

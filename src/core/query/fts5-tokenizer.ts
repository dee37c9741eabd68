import { DIACRITICS, FOLD_RUNS, TOKEN_RANGES } from './fts5-unicode-table.js';

/**
 * A faithful copy of SQLite FTS5's `unicode61 remove_diacritics 2` tokenizer, the one the
 * papers index uses, so query words and in-memory matching see exactly the tokens FTS5 sees.
 *
 * - Token characters are what SQLite's (older) Unicode tables call letters, numbers, private-use
 *   or unassigned. Everything else separates tokens: punctuation, symbols, spaces, and the emoji
 *   SQLite knows about. Emoji newer than its tables (🤖, 🥲) count as letters: FTS5 indexes them.
 * - Each token character is case-folded and stripped of diacritics one code point at a time
 *   (É → e, İ → i, Σ and ς → σ, ß and ø stay). No NFKD: ﬁ, ² and Ａ stay what they are.
 * - A combining accent (U+0300–U+0331, most of them) inside a token is dropped and the token
 *   goes on, so a decomposed "é" folds like the composed one.
 *
 * The tables come from `fts5-unicode-table.ts`, generated from the bundled SQLite; a test checks
 * every code point against the real tokenizer.
 */

const ranges: number[] = [];
{
  let prevEnd = 0;
  const parts = TOKEN_RANGES.split(',').map((s) => parseInt(s, 36));
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const start = prevEnd + (parts[i] as number);
    prevEnd = start + (parts[i + 1] as number);
    ranges.push(start, prevEnd);
  }
}
const starts = Int32Array.from(ranges.filter((_, i) => i % 2 === 0));
const ends = Int32Array.from(ranges.filter((_, i) => i % 2 === 1));

const folds = new Map<number, number>();
for (const run of FOLD_RUNS.split(';')) {
  const [start, count, stride, delta] = run.split(',').map((s) => parseInt(s, 36)) as [
    number,
    number,
    number,
    number,
  ];
  for (let k = 0; k < count; k += 1) folds.set(start + k * stride, start + k * stride + delta);
}
const diacritics = new Set(DIACRITICS);

/** 0 separator, 1 token character, 2 upper-case ASCII letter (folds by +32). */
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c += 1) {
  ASCII[c] = c >= 65 && c <= 90 ? 2 : isTokenCodePoint(c) ? 1 : 0;
}

/** True when FTS5 treats the code point as part of a token. */
export function isTokenCodePoint(cp: number): boolean {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (cp < (starts[mid] as number)) hi = mid - 1;
    else if (cp > (ends[mid] as number)) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The folded form of a token code point (lower case, diacritics removed). */
export function foldCodePoint(cp: number): number {
  return folds.get(cp) ?? cp;
}

/**
 * Calls `onToken(token, start, end)` for each token of `text`, in order; `start`/`end` are UTF-16
 * offsets into `text` (end exclusive). Pure-lowercase ASCII tokens are sliced, not rebuilt.
 */
export function scanTokens(
  text: string,
  onToken: (token: string, start: number, end: number) => void,
): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    // Skip separators (and accents that would start a token: FTS5 never starts one with them).
    if (c < 128 ? ASCII[c] === 0 : !isTokenCodePoint(codePointAt(text, i, c))) {
      i += c >= 0xd800 && c <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1;
      continue;
    }
    const start = i;
    let simple = true; // only [a-z0-9] so far: the token is a slice of the text
    let built = '';
    for (; i < n;) {
      c = text.charCodeAt(i);
      if (c < 128) {
        const kind = ASCII[c];
        if (kind === 0) break;
        if (kind === 2) {
          if (simple) built = text.slice(start, i);
          simple = false;
          built += String.fromCharCode(c + 32);
        } else if (!simple) built += text[i];
        i += 1;
        continue;
      }
      const cp = codePointAt(text, i, c);
      const width = cp > 0xffff ? 2 : 1;
      if (isTokenCodePoint(cp)) {
        if (simple) built = text.slice(start, i);
        simple = false;
        built += String.fromCodePoint(foldCodePoint(cp));
      } else if (diacritics.has(cp)) {
        if (simple) built = text.slice(start, i);
        simple = false;
      } else break;
      i += width;
    }
    onToken(simple ? text.slice(start, i) : built, start, i);
  }
}

/** The tokens FTS5 would index for `text`, in order. */
export function tokenizeText(text: string): string[] {
  const out: string[] = [];
  scanTokens(text, (token) => {
    out.push(token);
  });
  return out;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * The code point at `i` given its first code unit `c`. A lone surrogate stays itself: not a
 * token character, as FTS5 receives it as U+FFFD (a separator) after UTF-8 conversion.
 */
function codePointAt(text: string, i: number, c: number): number {
  if (c >= 0xd800 && c <= 0xdbff) {
    const low = text.charCodeAt(i + 1);
    if (isLowSurrogate(low)) return (c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return c;
}

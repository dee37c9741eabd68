import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../../src/core/query/match-query.js';
import { fts5Tokens } from './fts5-oracle.js';

describe('tokenize', () => {
  it('splits and folds like the FTS5 index', () => {
    expect(tokenize('GPT-4o beats C++ at state-of-the-art')).toEqual([
      'gpt',
      '4o',
      'beats',
      'c',
      'at',
      'state',
      'of',
      'the',
      'art',
    ]);
    expect(tokenize('Müller ÉCOLE naïve Ångström')).toEqual([
      'muller',
      'ecole',
      'naive',
      'angstrom',
    ]);
  });

  it('drops a combining accent inside a word (decomposed é)', () => {
    expect(tokenize('cafe\u0301 \u0301x')).toEqual(['cafe', 'x']);
  });

  it('folds one code point at a time: İ → i, Σ and ς → σ, ß and ø stay', () => {
    expect(tokenize('İstanbul ΟΔΟΣ οδος Straße Ørsted')).toEqual([
      'istanbul',
      'οδοσ',
      'οδοσ',
      'straße',
      'ørsted',
    ]);
  });

  it('keeps ligatures, superscripts and full-width letters as they are (no NFKD)', () => {
    expect(tokenize('ﬁne x² Ａbc')).toEqual(['ﬁne', 'x²', 'ａbc']);
  });

  it('treats emoji SQLite knows as separators and newer ones as letters, as FTS5 does', () => {
    expect(tokenize('a😀b')).toEqual(['a', 'b']);
    expect(tokenize('a🤖b')).toEqual(['a🤖b']);
  });

  it('matches FTS5 on every code point', () => {
    // Each code point alone, between letters, and after a letter: separator, token character
    // (and its folding) and diacritic all show.
    const texts: string[] = [];
    let batch: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp += cp < 0x30000 ? 1 : 97) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      batch.push(`a${ch}b ${ch} x${ch}`);
      if (batch.length === 4000) {
        texts.push(batch.join(' | '));
        batch = [];
      }
    }
    texts.push(batch.join(' | '));
    const expected = fts5Tokens(texts);
    texts.forEach((text, i) => {
      const got = tokenize(text);
      if (got.join('\u0000') !== expected[i]?.join('\u0000')) expect(got).toEqual(expected[i]);
    });
  });

  it('matches FTS5 on any string (property)', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.string({
        unit: fc.constantFrom('a', 'É', '\u0301', '-', ' ', '🤖', '😀', 'ς', '\ud800', '\udc00'),
        maxLength: 20,
      }),
    );
    fc.assert(
      fc.property(fc.array(anyText, { minLength: 1, maxLength: 30 }), (texts) => {
        const expected = fts5Tokens(texts);
        texts.forEach((text, i) => expect(tokenize(text)).toEqual(expected[i]));
      }),
      { numRuns: 60 },
    );
  });
});

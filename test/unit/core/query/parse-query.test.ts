import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../../src/core/query/match-query.js';
import { QUERY_ERRORS, QUERY_LIMITS, parseQuery } from '../../../../src/core/query/parse-query.js';
import type { Query, Term } from '../../../../src/core/query/query.js';
import { anyQuery, grammarQuery } from './arbitraries.js';

const word = (text: string, prefix = false): Term => ({ kind: 'word', text, prefix });
const phrase = (...words: string[]): Term => ({ kind: 'phrase', words });

function ok(input: string): Query {
  const result = parseQuery(input);
  if (!result.ok) throw new Error(`expected "${input}" to parse, got: ${result.error}`);
  return result.query;
}

function error(input: string): string {
  const result = parseQuery(input);
  if (result.ok)
    throw new Error(`expected "${input}" to fail, got ${JSON.stringify(result.query)}`);
  return result.error;
}

describe('parseQuery', () => {
  it('requires every word', () => {
    expect(ok('speculative decoding')).toEqual({
      all: [[word('speculative')], [word('decoding')]],
      none: [],
    });
  });

  it('reads a quoted phrase', () => {
    expect(ok('"video diffusion" model')).toEqual({
      all: [[phrase('video', 'diffusion')], [word('model')]],
      none: [],
    });
  });

  it('makes a one-word phrase a plain word', () => {
    expect(ok('"Diffusion"')).toEqual({ all: [[word('diffusion')]], none: [] });
  });

  it('runs an unclosed quote to the end of the input', () => {
    expect(ok('agents "tool use')).toEqual({
      all: [[word('agents')], [phrase('tool', 'use')]],
      none: [],
    });
  });

  it('binds OR tighter than the implicit AND', () => {
    expect(ok('a1 b2 OR c3 d4')).toEqual({
      all: [[word('a1')], [word('b2'), word('c3')], [word('d4')]],
      none: [],
    });
  });

  it('chains OR and mixes words and phrases in a group', () => {
    expect(ok('diffusion OR "flow matching" OR gan')).toEqual({
      all: [[word('diffusion'), phrase('flow', 'matching'), word('gan')]],
      none: [],
    });
  });

  it('reads lower-case or as a word', () => {
    expect(ok('this or that')).toEqual({
      all: [[word('this')], [word('or')], [word('that')]],
      none: [],
    });
  });

  it('ignores a stray OR at the start, at the end, or doubled', () => {
    const expected = { all: [[word('diffusion'), word('flow')]], none: [] };
    expect(ok('diffusion OR OR flow')).toEqual(expected);
    expect(ok('OR diffusion OR flow OR')).toEqual(expected);
    expect(ok('OR a1')).toEqual({ all: [[word('a1')]], none: [] });
  });

  it('excludes -words and -"phrases"', () => {
    expect(ok('diffusion -survey -"state of the art"')).toEqual({
      all: [[word('diffusion')]],
      none: [word('survey'), phrase('state', 'of', 'the', 'art')],
    });
  });

  it('does not let OR reach across an excluded word', () => {
    expect(ok('a1 OR -b2 c3')).toEqual({ all: [[word('a1')], [word('c3')]], none: [word('b2')] });
  });

  it('reads word* as a prefix', () => {
    expect(ok('distill* model')).toEqual({
      all: [[word('distill', true)], [word('model')]],
      none: [],
    });
    expect(ok('(distill*)')).toEqual({ all: [[word('distill', true)]], none: [] });
  });

  it('excludes a prefix', () => {
    expect(ok('llm -distill*')).toEqual({ all: [[word('llm')]], none: [word('distill', true)] });
  });

  it('does not treat a star inside quotes as a prefix', () => {
    expect(ok('"distill*"')).toEqual({ all: [[word('distill')]], none: [] });
  });

  it('refuses a prefix shorter than two letters', () => {
    expect(error('a* model')).toBe(QUERY_ERRORS.shortPrefix);
    expect(error('C*')).toBe(QUERY_ERRORS.shortPrefix);
  });

  it('normalises like the FTS5 index: lower case, no diacritics', () => {
    expect(ok('Müller ÉCOLE naïve')).toEqual({
      all: [[word('muller')], [word('ecole')], [word('naive')]],
      none: [],
    });
  });

  it('turns a word that splits into several tokens into a phrase', () => {
    expect(ok('GPT-4o')).toEqual({ all: [[phrase('gpt', '4o')]], none: [] });
    expect(ok('state-of-the-art')).toEqual({
      all: [[phrase('state', 'of', 'the', 'art')]],
      none: [],
    });
  });

  it('drops the star of a multi-token word (searched as a phrase)', () => {
    expect(ok('gpt-4*')).toEqual({ all: [[phrase('gpt', '4')]], none: [] });
  });

  it('keeps what punctuation leaves of a word', () => {
    expect(ok('C++')).toEqual({ all: [[word('c')]], none: [] });
    expect(ok('title:diffusion')).toEqual({ all: [[phrase('title', 'diffusion')]], none: [] });
    expect(ok('(diffusion OR flow) video')).toEqual({
      all: [[word('diffusion'), word('flow')], [word('video')]],
      none: [],
    });
  });

  it('drops upper-case AND and keeps NOT and NEAR as words', () => {
    expect(ok('agents AND tools')).toEqual({ all: [[word('agents')], [word('tools')]], none: [] });
    expect(ok('agents NOT tools')).toEqual({
      all: [[word('agents')], [word('not')], [word('tools')]],
      none: [],
    });
    expect(ok('NEAR(a1 b2)')).toEqual({ all: [[phrase('near', 'a1')], [word('b2')]], none: [] });
  });

  it('ignores emoji and symbols', () => {
    expect(ok('🚀 agents ✨')).toEqual({ all: [[word('agents')]], none: [] });
  });

  it('asks for a word when the input is empty or blank', () => {
    expect(error('')).toBe(QUERY_ERRORS.empty);
    expect(error('   \t\n ')).toBe(QUERY_ERRORS.empty);
  });

  it('says when nothing searchable is left', () => {
    for (const input of [
      '🚀🚀',
      '*',
      '-',
      '"',
      '""',
      '()',
      'OR',
      'AND',
      'OR OR',
      ':',
      '^',
      '- * "',
    ]) {
      expect(error(input)).toBe(QUERY_ERRORS.noWords);
    }
  });

  it('asks for a word besides the excluded ones', () => {
    expect(error('-survey')).toBe(QUERY_ERRORS.onlyExcluded);
    expect(error('-survey -"related work"')).toBe(QUERY_ERRORS.onlyExcluded);
  });

  it(`refuses more than ${QUERY_LIMITS.maxChars} characters`, () => {
    expect(error('a'.repeat(QUERY_LIMITS.maxChars + 1))).toBe(QUERY_ERRORS.tooLong);
    expect(error('word '.repeat(2000))).toBe(QUERY_ERRORS.tooLong);
    expect(parseQuery(`  ${'b'.repeat(QUERY_LIMITS.maxChars)}  `).ok).toBe(true);
    // Characters, not UTF-16 units: 500 CJK Extension B ideographs (two units each) are fine.
    expect(parseQuery('𠀀'.repeat(QUERY_LIMITS.maxChars)).ok).toBe(true);
  });

  it(`refuses more than ${QUERY_LIMITS.maxTerms} words`, () => {
    const words = Array.from({ length: QUERY_LIMITS.maxTerms + 1 }, (_, i) => `w${i}`);
    expect(error(words.join(' '))).toBe(QUERY_ERRORS.tooManyTerms);
    expect(parseQuery(words.slice(1).join(' ')).ok).toBe(true);
  });

  it('writes messages short enough for a chat reply', () => {
    for (const message of Object.values(QUERY_ERRORS)) expect(message.length).toBeLessThan(120);
  });

  it('never throws, and gives a well-formed query or a known message (property)', () => {
    const messages = new Set<string>(Object.values(QUERY_ERRORS));
    fc.assert(
      fc.property(fc.oneof(grammarQuery, anyQuery), (input) => {
        const result = parseQuery(input);
        if (!result.ok) {
          expect(messages.has(result.error)).toBe(true);
          return;
        }
        const { all, none } = result.query;
        expect(all.length).toBeGreaterThan(0);
        expect(all.every((group) => group.length > 0)).toBe(true);
        expect(all.flat().length + none.length).toBeLessThanOrEqual(QUERY_LIMITS.maxTerms);
        // Every word is exactly one index token, so FTS5 and matchesQuery read it the same way.
        for (const term of [...all.flat(), ...none]) {
          const words = term.kind === 'word' ? [term.text] : term.words;
          if (term.kind === 'phrase') expect(words.length).toBeGreaterThan(1);
          for (const w of words) expect(tokenize(w)).toEqual([w]);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

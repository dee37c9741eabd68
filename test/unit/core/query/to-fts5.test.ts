import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../../../../src/core/query/parse-query.js';
import { toFts5 } from '../../../../src/core/query/to-fts5.js';
import { openTestDb } from '../../../helpers/papers.js';
import { anyQuery, grammarQuery } from './arbitraries.js';

const compile = (input: string): string => {
  const result = parseQuery(input);
  if (!result.ok) throw new Error(result.error);
  return toFts5(result.query);
};

describe('toFts5', () => {
  const db = openTestDb();
  const count = db.prepare('SELECT count(*) FROM papers_fts WHERE papers_fts MATCH ?').pluck();
  afterAll(() => db.close());

  it('quotes every token and groups OR terms', () => {
    expect(compile('speculative decoding')).toBe('("speculative") AND ("decoding")');
    expect(compile('a1 b2 OR c3 d4')).toBe('("a1") AND ("b2" OR "c3") AND ("d4")');
  });

  it('writes phrases with + and prefixes with *', () => {
    expect(compile('"video diffusion" distill*')).toBe('("video" + "diffusion") AND ("distill" *)');
    expect(compile('GPT-4o')).toBe('("gpt" + "4o")');
  });

  it('puts exclusions in one trailing NOT', () => {
    expect(compile('diffusion -survey -"related work"')).toBe(
      '(("diffusion")) NOT ("survey" OR "related" + "work")',
    );
  });

  it('keeps FTS5 keywords typed by people as plain quoted words', () => {
    expect(compile('NEAR NOT or')).toBe('("near") AND ("not") AND ("or")');
    expect(count.get(compile('NEAR NOT or AND'))).toBe(0);
  });

  it('refuses a query without terms instead of writing bad FTS5', () => {
    expect(() => toFts5({ all: [], none: [] })).toThrow(/at least one term/);
    expect(() => toFts5({ all: [[]], none: [] })).toThrow(/at least one term/);
  });

  it('never throws, and what it writes always runs in FTS5 (property)', () => {
    fc.assert(
      fc.property(fc.oneof(grammarQuery, anyQuery), (input) => {
        const result = parseQuery(input);
        if (!result.ok) {
          expect(result.error.length).toBeGreaterThan(0);
          return;
        }
        expect(() => count.get(toFts5(result.query))).not.toThrow();
      }),
      { numRuns: 1500 },
    );
  });

  it('handles very long and pathological input', () => {
    for (const input of [
      '"'.repeat(10_000),
      'OR '.repeat(3000),
      '-'.repeat(10_000),
      'a'.repeat(10_000),
      `${'x '.repeat(200)}`,
    ]) {
      const result = parseQuery(input);
      if (result.ok) expect(() => count.get(toFts5(result.query))).not.toThrow();
      else expect(result.error).toMatch(/\w/);
    }
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexDocs, matchingDocs } from '../../../../src/core/query/match-index.js';
import {
  matchesQuery,
  paperSearchFields,
  tokenizeDoc,
} from '../../../../src/core/query/match-query.js';
import { parseQuery } from '../../../../src/core/query/parse-query.js';
import type { Query } from '../../../../src/core/query/query.js';
import { toFts5 } from '../../../../src/core/query/to-fts5.js';
import { makeSourcePaper } from '../../../helpers/papers.js';
import { grammarQuery, vocabText } from './arbitraries.js';
import { ftsMatchingIds, withStoredPapers } from './fts5-oracle.js';

const q = (input: string): Query => {
  const result = parseQuery(input);
  if (!result.ok) throw new Error(result.error);
  return result.query;
};
const doc = tokenizeDoc([
  'Speculative Decoding for Video Diffusion',
  'We distill a teacher (GPT-4o) into state-of-the-art students.',
  '',
  'speculative decoding ; distillation',
  'Ada Lovelace ; Alan Turing',
]);
const matches = (input: string): boolean => matchesQuery(q(input), doc);

describe('matchesQuery', () => {
  it('needs every word, in any field', () => {
    expect(matches('speculative teacher turing')).toBe(true);
    expect(matches('speculative survey')).toBe(false);
  });

  it('matches phrases only on consecutive tokens', () => {
    expect(matches('"video diffusion"')).toBe(true);
    expect(matches('"diffusion video"')).toBe(false);
    expect(matches('GPT-4o')).toBe(true);
    expect(matches('"state of the art"')).toBe(true);
  });

  it('never matches a phrase across two fields', () => {
    // The title ends with "diffusion", the abstract starts with "we".
    expect(matches('"diffusion we"')).toBe(false);
  });

  it('matches a phrase across the keyword separator, as FTS5 does', () => {
    expect(matches('"decoding distillation"')).toBe(true);
  });

  it('matches OR groups, exclusions and prefixes', () => {
    expect(matches('survey OR distill')).toBe(true);
    expect(matches('speculative -turing')).toBe(false);
    expect(matches('speculative -"turing ada"')).toBe(true);
    expect(matches('distil*')).toBe(true);
    expect(matches('distillat*')).toBe(true);
    expect(matches('distillz*')).toBe(false);
  });

  it('folds the document the way the index does', () => {
    expect(matchesQuery(q('muller'), tokenizeDoc(['Müller et al.']))).toBe(true);
  });

  it('reads a paper in the index column order', () => {
    const paper = makeSourcePaper({ aiKeywords: ['a b', 'c'], authors: ['X Y'] });
    expect(paperSearchFields({ ...paper, aiSummary: null })).toEqual([
      paper.title,
      paper.abstract,
      '',
      'a b ; c',
      'X Y',
    ]);
  });

  it('agrees with FTS5 on random small corpora (property)', () => {
    const paper = fc.record({
      title: vocabText,
      abstract: vocabText,
      aiSummary: fc.option(vocabText, { nil: undefined }),
      aiKeywords: fc.option(fc.array(vocabText, { maxLength: 3 }), { nil: undefined }),
      authors: fc.array(vocabText, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(
        fc.array(paper, { minLength: 1, maxLength: 6 }),
        fc.array(grammarQuery, { minLength: 1, maxLength: 8 }),
        (fields, inputs) => {
          const papers = fields.map(({ aiSummary, aiKeywords, ...rest }, i) => {
            const p = makeSourcePaper({ ...rest, id: `2512.${String(i).padStart(5, '0')}` });
            if (aiSummary !== undefined) p.aiSummary = aiSummary;
            if (aiKeywords !== undefined) p.aiKeywords = aiKeywords;
            return p;
          });
          const docs = papers.map((p) => tokenizeDoc(paperSearchFields(p)));
          const index = indexDocs(docs);
          withStoredPapers(papers, (db) => {
            for (const input of inputs) {
              const parsed = parseQuery(input);
              if (!parsed.ok) continue;
              const expected = ftsMatchingIds(db, toFts5(parsed.query));
              const got = papers
                .filter((_, i) => matchesQuery(parsed.query, docs[i]!))
                .map((p) => p.id);
              expect({ input, ids: got }).toEqual({ input, ids: expected });
              const viaIndex = matchingDocs(parsed.query, index).map((i) => papers[i]!.id);
              expect({ input, ids: viaIndex }).toEqual({ input, ids: expected });
            }
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});

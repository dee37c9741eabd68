import { beforeEach, describe, expect, it } from 'vitest';
import type { SourcePaper } from '../../../src/core/paper.js';
import type { PaperStore, SearchFilters } from '../../../src/core/ports.js';
import { parseQuery } from '../../../src/core/query/parse-query.js';
import type { Query } from '../../../src/core/query/query.js';
import type { Db } from '../../../src/storage/db.js';
import {
  createSqlitePaperSearch,
  type SqlitePaperSearch,
} from '../../../src/storage/sqlite-paper-search.js';
import { createSqlitePaperStore } from '../../../src/storage/sqlite-paper-store.js';
import { makeSourcePaper, openTestDb } from '../../helpers/papers.js';

const q = (input: string): Query => {
  const result = parseQuery(input);
  if (!result.ok) throw new Error(result.error);
  return result.query;
};
const paper = (id: string, overrides: Partial<SourcePaper> = {}): SourcePaper =>
  makeSourcePaper({ id, title: 'Untitled', abstract: 'Nothing to see.', upvotes: 0, ...overrides });

describe('sqlite paper search', () => {
  let db: Db;
  let store: PaperStore;
  let search: SqlitePaperSearch;
  let exact: SqlitePaperSearch;
  const save = (day: string, papers: SourcePaper[]): void => {
    const at = new Date(`${day}T12:00:00Z`);
    store.saveDay({ day, papers, skipped: 0, startedAt: at, finishedAt: at });
  };
  const ids = (input: string, filters: Partial<SearchFilters> = {}, s = search): string[] =>
    s.search(q(input), { limit: 10, ...filters }).map((h) => h.paper.id);

  beforeEach(() => {
    db = openTestDb();
    store = createSqlitePaperStore(db);
    search = createSqlitePaperSearch(db);
    exact = createSqlitePaperSearch(db, { plan: 'exact' });
  });

  it('ranks a title match above an abstract-only match, even a more popular one', () => {
    save('2025-12-01', [
      paper('2512.00001', { abstract: 'We also touch on speculative decoding here.', upvotes: 50 }),
      paper('2512.00002', { title: 'Speculative Decoding at Scale', upvotes: 0 }),
    ]);
    expect(ids('speculative decoding')).toEqual(['2512.00002', '2512.00001']);
  });

  it('breaks ties in relevance by popularity, then by recency', () => {
    const text = { title: 'Video Diffusion Transformers' };
    save('2025-10-01', [paper('2510.00001', { ...text, upvotes: 40 })]);
    save('2025-12-01', [
      paper('2512.00001', { ...text, upvotes: 3 }),
      paper('2512.00002', { ...text, upvotes: 40 }),
    ]);
    expect(ids('video diffusion')).toEqual(['2512.00002', '2510.00001', '2512.00001']);
  });

  it('returns whole papers with their listing days and a descending positive score', () => {
    save('2025-12-01', [
      paper('2512.00001', { title: 'Graph agents', aiKeywords: ['agents', 'graphs'] }),
    ]);
    save('2025-12-03', [
      paper('2512.00001', { title: 'Graph agents', aiKeywords: ['agents', 'graphs'], upvotes: 4 }),
    ]);
    save('2025-12-02', [
      paper('2512.00002', { title: 'Graph agents again', authors: ['Ada Lovelace'] }),
    ]);
    const hits = search.search(q('graph agents'), { limit: 10 });
    expect(hits.map((h) => [h.paper.id, h.day])).toEqual([
      ['2512.00001', '2025-12-03'],
      ['2512.00002', '2025-12-02'],
    ]);
    expect(hits[0]?.paper.listedOn).toEqual(['2025-12-01', '2025-12-03']);
    expect(hits[0]?.paper.aiKeywords).toEqual(['agents', 'graphs']);
    expect(hits[1]?.paper.authors).toEqual(['Ada Lovelace']);
    expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? Infinity);
    expect(hits[1]?.score).toBeGreaterThan(0);
  });

  it('filters on listing days, reporting the latest day within the range', () => {
    save('2025-11-03', [
      paper('2511.00001', { title: 'Agents' }),
      paper('2511.00002', { title: 'Agents' }),
    ]);
    save('2025-12-01', [
      paper('2511.00001', { title: 'Agents' }),
      paper('2512.00003', { title: 'Agents' }),
    ]);
    expect(ids('agents', { since: '2025-12-01' }).sort()).toEqual(['2511.00001', '2512.00003']);
    const november = search.search(q('agents'), { limit: 10, until: '2025-11-30' });
    expect(november.map((h) => [h.paper.id, h.day]).sort()).toEqual([
      ['2511.00001', '2025-11-03'],
      ['2511.00002', '2025-11-03'],
    ]);
    expect(ids('agents', { since: '2025-11-04', until: '2025-11-30' })).toEqual([]);
  });

  it('filters on upvotes', () => {
    save('2025-12-01', [
      paper('2512.00001', { title: 'Agents', upvotes: 9 }),
      paper('2512.00002', { title: 'Agents', upvotes: 10 }),
    ]);
    expect(ids('agents', { minUpvotes: 10 })).toEqual(['2512.00002']);
  });

  it('pages with limit and offset without gaps or repeats', () => {
    save(
      '2025-12-01',
      Array.from({ length: 25 }, (_, i) =>
        paper(`2512.${String(i).padStart(5, '0')}`, { title: 'Agents', upvotes: i }),
      ),
    );
    const all = ids('agents', { limit: 25 });
    const pages = [0, 10, 20].flatMap((offset) => ids('agents', { limit: 10, offset }));
    expect(pages).toEqual(all);
    expect(new Set(all).size).toBe(25);
    expect(ids('agents', { limit: 10, offset: 30 })).toEqual([]);
    expect(ids('agents', { limit: 0 })).toEqual([]);
  });

  it('honours exclusions, phrases and prefixes', () => {
    save('2025-12-01', [
      paper('2512.00001', { title: 'A survey of diffusion models' }),
      paper('2512.00002', { title: 'Diffusion models for video' }),
      paper('2512.00003', {
        title: 'Distilling diffusion',
        abstract: 'Models of video diffusion.',
      }),
    ]);
    expect(ids('diffusion -survey').sort()).toEqual(['2512.00002', '2512.00003']);
    expect(ids('"diffusion models"').sort()).toEqual(['2512.00001', '2512.00002']);
    expect(ids('distill*')).toEqual(['2512.00003']);
    expect(ids('"video diffusion" OR survey').sort()).toEqual(['2512.00001', '2512.00003']);
  });

  it('returns nothing for a query that matches nothing', () => {
    save('2025-12-01', [paper('2512.00001', { title: 'Agents' })]);
    expect(ids('zebrafish')).toEqual([]);
    expect(ids('agents zebrafish')).toEqual([]);
  });

  it('sees upvote changes stored after an earlier search', () => {
    save('2025-12-01', [
      paper('2512.00001', { title: 'Agents', upvotes: 5 }),
      paper('2512.00002', { title: 'Agents', upvotes: 1 }),
    ]);
    expect(ids('agents')).toEqual(['2512.00001', '2512.00002']);
    save('2025-12-01', [
      paper('2512.00001', { title: 'Agents', upvotes: 5 }),
      paper('2512.00002', { title: 'Agents', upvotes: 90 }),
    ]);
    expect(ids('agents')).toEqual(['2512.00002', '2512.00001']);
    save('2025-12-01', [
      paper('2512.00001', { title: 'Agents', upvotes: 95 }),
      paper('2512.00002', { title: 'Agents', upvotes: 90 }),
    ]);
    search.warm();
    expect(ids('agents')).toEqual(['2512.00001', '2512.00002']);
  });

  describe('bounded candidate plan', () => {
    const corpus = (): void => {
      // 300 papers mention "model"; a few old unpopular ones mention the rare "zebrafish".
      const papers = Array.from({ length: 300 }, (_, i) =>
        paper(`2512.${String(i).padStart(5, '0')}`, {
          title: i % 7 === 0 ? 'Model scaling' : 'Scaling laws',
          abstract: `A model of things ${i % 3 === 0 ? 'model' : ''}${i < 4 ? ' zebrafish' : ''}.`,
          upvotes: (i * 37) % 101,
        }),
      );
      save('2025-11-03', papers.slice(0, 100));
      save('2025-11-20', papers.slice(100, 200));
      save('2025-12-01', papers.slice(200));
    };

    it('agrees with ranking every match, scores included', () => {
      corpus();
      const small = createSqlitePaperSearch(db, { exactMax: 20, candidates: 60 });
      expect(small.searchWithPlan(q('model'), { limit: 10 }).plan.plan).toMatch(/^bounded/);
      for (const input of [
        'model',
        'model OR zebrafish',
        'scaling -laws',
        'model things',
        'things',
      ]) {
        const got = small.searchWithPlan(q(input), { limit: 10 });
        const want = exact.search(q(input), { limit: 10 });
        expect(got.hits.map((h) => [h.paper.id, h.score.toFixed(9)])).toEqual(
          want.map((h) => [h.paper.id, h.score.toFixed(9)]),
        );
      }
    });

    it('finds rare OR alternatives that a popularity cut alone would miss', () => {
      corpus();
      const small = createSqlitePaperSearch(db, { exactMax: 20, candidates: 30 });
      const got = ids('model OR zebrafish', { limit: 4 }, small).sort();
      expect(got).toEqual(['2512.00000', '2512.00001', '2512.00002', '2512.00003']);
      expect(got).toEqual(ids('model OR zebrafish', { limit: 4 }, exact).sort());
    });

    it('falls back to ranking every match when paging past the candidates', () => {
      corpus();
      const small = createSqlitePaperSearch(db, { exactMax: 20, candidates: 30 });
      const deep = small.searchWithPlan(q('model'), { limit: 10, offset: 280 });
      expect(deep.hits.map((h) => h.paper.id)).toEqual(
        ids('model', { limit: 10, offset: 280 }, exact),
      );
      expect(deep.hits).toHaveLength(10);
    });

    it('applies filters inside the bounded plan', () => {
      corpus();
      const small = createSqlitePaperSearch(db, { exactMax: 20, candidates: 30 });
      for (const filters of [
        { since: '2025-11-20' },
        { until: '2025-11-03' },
        { minUpvotes: 60 },
      ]) {
        expect(ids('model', filters, small)).toEqual(ids('model', filters, exact));
      }
    });
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import type { PaperStore } from '../../../src/core/ports.js';
import type { Db } from '../../../src/storage/db.js';
import { loadMigrations, migrate } from '../../../src/storage/migrate.js';
import { createSqlitePaperStore } from '../../../src/storage/sqlite-paper-store.js';
import { makeSourcePaper, openTestDb } from '../../helpers/papers.js';

const at = (iso: string): Date => new Date(iso);
const save = (store: PaperStore, day: string, papers = [makeSourcePaper()], skipped = 0) =>
  store.saveDay({ day, papers, skipped, startedAt: at(`${day}T12:00:00Z`), finishedAt: at(`${day}T12:00:01Z`) });
const ftsIds = (db: Db, match: string): string[] =>
  (
    db
      .prepare(
        'SELECT p.id FROM papers_fts f JOIN papers p ON p.pk = f.rowid WHERE papers_fts MATCH ? ORDER BY p.id',
      )
      .all(match) as Array<{ id: string }>
  ).map((r) => r.id);

describe('sqlite paper store', () => {
  let db: Db;
  let store: PaperStore;
  beforeEach(() => {
    db = openTestDb();
    store = createSqlitePaperStore(db);
  });

  it('migrations are tracked by user_version and re-running applies nothing', () => {
    const latest = loadMigrations().at(-1)?.version;
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    expect(migrate(db)).toEqual([]);
  });

  it('counts new, updated and unchanged papers and records an ok run', () => {
    const a = makeSourcePaper({ id: '2512.00001' });
    const b = makeSourcePaper({ id: '2512.00002' });
    const first = save(store, '2025-12-01', [a, b], 1);
    expect(first.status).toBe('ok');
    expect(first.counts).toEqual({ fetched: 2, new: 2, updated: 0, unchanged: 0, skipped: 1 });
    const second = save(store, '2025-12-01', [{ ...a, upvotes: a.upvotes + 3 }, b]);
    expect(second.counts).toEqual({ fetched: 2, new: 0, updated: 1, unchanged: 1, skipped: 0 });
    expect(store.getPaper('2512.00001')?.upvotes).toBe(a.upvotes + 3);
  });

  it('running the same day twice changes nothing the second time', () => {
    const papers = [makeSourcePaper(), makeSourcePaper()];
    save(store, '2025-12-01', papers);
    const before = db.prepare('SELECT * FROM papers ORDER BY pk').all();
    const again = save(store, '2025-12-01', papers);
    expect(again.counts.unchanged).toBe(2);
    expect(db.prepare('SELECT * FROM papers ORDER BY pk').all()).toEqual(before);
    expect(store.countListed('2025-12-01')).toBe(2);
  });

  it('an absent optional field never erases a stored value', () => {
    const full = makeSourcePaper({
      id: '2512.00003',
      aiSummary: 'A one-line summary.',
      aiKeywords: ['speculative decoding'],
      githubRepo: 'https://github.com/x/y',
      githubStars: 10,
      projectPage: 'https://x.github.io',
      organization: 'NVIDIA',
      thumbnail: 'https://cdn/thumb.png',
    });
    save(store, '2025-12-01', [full]);
    const { aiSummary, aiKeywords, githubRepo, githubStars, projectPage, organization, thumbnail, ...bare } = full;
    save(store, '2025-12-02', [{ ...bare, upvotes: 99 }]);
    const paper = store.getPaper('2512.00003');
    expect(paper).toMatchObject({
      upvotes: 99,
      aiSummary: 'A one-line summary.',
      aiKeywords: ['speculative decoding'],
      githubRepo: 'https://github.com/x/y',
      githubStars: 10,
      projectPage: 'https://x.github.io',
      organization: 'NVIDIA',
      thumbnail: 'https://cdn/thumb.png',
    });
  });

  it('keeps every listing day of a re-submitted paper', () => {
    const p = makeSourcePaper({ id: '2512.00004' });
    save(store, '2025-12-01', [p]);
    save(store, '2025-12-03', [p]);
    expect(store.getPaper('2512.00004')?.listedOn).toEqual(['2025-12-01', '2025-12-03']);
    expect(store.topPapers({ from: '2025-12-01', to: '2025-12-05', limit: 10 })).toHaveLength(1);
    expect(store.topPapers({ from: '2025-12-01', to: '2025-12-05', limit: 10 })[0]?.day).toBe('2025-12-03');
  });

  it('records an empty day as empty, not as a failure', () => {
    const run = save(store, '2025-12-06', []);
    expect(run.status).toBe('empty');
    expect(store.failedDaysSince('2025-12-01')).toEqual([]);
  });

  it('a failed run keeps the stored papers and is retried until a later run succeeds', () => {
    save(store, '2025-12-01', [makeSourcePaper({ id: '2512.00005' })]);
    store.recordFailedRun({
      day: '2025-12-01',
      code: 'source.http_error',
      reason: 'HTTP 503 from Hugging Face after 4 tries',
      startedAt: at('2025-12-02T00:00:00Z'),
      finishedAt: at('2025-12-02T00:00:05Z'),
    });
    expect(store.getPaper('2512.00005')).not.toBeNull();
    expect(store.countListed('2025-12-01')).toBe(1);
    expect(store.failedDaysSince('2025-11-20')).toEqual(['2025-12-01']);
    expect(store.lastRun()).toMatchObject({ status: 'failed', reason: 'HTTP 503 from Hugging Face after 4 tries' });
    save(store, '2025-12-01', [makeSourcePaper({ id: '2512.00005' })]);
    expect(store.failedDaysSince('2025-11-20')).toEqual([]);
  });

  it('stores a day whole or not at all', () => {
    const good = makeSourcePaper({ id: '2512.00006' });
    const bad = { ...makeSourcePaper({ id: '2512.00007' }), title: null as unknown as string };
    expect(() => save(store, '2025-12-01', [good, bad])).toThrow();
    expect(store.getPaper('2512.00006')).toBeNull();
    expect(store.lastRun()).toBeNull();
  });

  it('keeps the full-text index in step with titles, abstracts, summaries, keywords and authors', () => {
    const p = makeSourcePaper({
      id: '2512.00008',
      title: 'Speculative Decoding at Scale',
      authors: ['Grace Hopper'],
      aiKeywords: ['draft models'],
    });
    save(store, '2025-12-01', [p]);
    expect(ftsIds(db, 'speculative')).toEqual(['2512.00008']);
    expect(ftsIds(db, 'hopper')).toEqual(['2512.00008']);
    expect(ftsIds(db, '"draft models"')).toEqual(['2512.00008']);
    save(store, '2025-12-02', [{ ...p, title: 'Video Diffusion Transformers', aiSummary: 'Faster sampling.' }]);
    expect(ftsIds(db, 'speculative')).toEqual([]);
    expect(ftsIds(db, 'diffusion')).toEqual(['2512.00008']);
    expect(ftsIds(db, 'sampling')).toEqual(['2512.00008']);
    expect(ftsIds(db, 'hopper')).toEqual(['2512.00008']);
  });

  it('ranks top papers by upvotes and honours min upvotes and the day range', () => {
    save(store, '2025-12-01', [
      makeSourcePaper({ id: '2512.00010', upvotes: 3 }),
      makeSourcePaper({ id: '2512.00011', upvotes: 30 }),
    ]);
    save(store, '2025-12-02', [makeSourcePaper({ id: '2512.00012', upvotes: 12 })]);
    const ids = (from: string, to: string, minUpvotes?: number) =>
      store
        .topPapers({ from, to, limit: 10, ...(minUpvotes !== undefined ? { minUpvotes } : {}) })
        .map((t) => t.paper.id);
    expect(ids('2025-12-01', '2025-12-02')).toEqual(['2512.00011', '2512.00012', '2512.00010']);
    expect(ids('2025-12-01', '2025-12-02', 10)).toEqual(['2512.00011', '2512.00012']);
    expect(ids('2025-12-02', '2025-12-02')).toEqual(['2512.00012']);
    expect(store.latestListedDay('2025-12-05')).toBe('2025-12-02');
    expect(store.latestListedDay('2025-11-30')).toBeNull();
  });
});

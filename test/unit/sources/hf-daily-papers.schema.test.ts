import { describe, expect, it } from 'vitest';
import type { SourcePaper } from '../../../src/core/paper.js';
import {
  normaliseWhitespace,
  parseDailyPapersItem,
} from '../../../src/sources/hf/hf-daily-papers.schema.js';
import { loadHfFixture, makeHfItem } from '../../helpers/hf-fixtures.js';

function parse(item: unknown): ReturnType<typeof parseDailyPapersItem> {
  return parseDailyPapersItem(item, JSON.stringify(item));
}

function parseOk(item: unknown): SourcePaper {
  const result = parse(item);
  if (!result.ok) throw new Error(`expected ok, got: ${result.reason}`);
  return result.paper;
}

const OPTIONAL_KEYS = [
  'publishedAt',
  'aiSummary',
  'aiKeywords',
  'githubRepo',
  'githubStars',
  'projectPage',
  'organization',
  'thumbnail',
] as const;

/** A 2024-03 item: the oldest shape (top-level mediaUrl; no thumbnail, summary, submittedBy). */
const item2024 = {
  paper: {
    id: '2403.06634',
    authors: [
      { _id: '65efc32c55f190f77e7b1d5b', name: 'Ada Example', hidden: false },
      { _id: '65efc32c55f190f77e7b1d5c', name: 'Bo Example', hidden: false },
    ],
    publishedAt: '2024-03-11T11:46:12.000Z',
    title: 'Stealing Part of a Production\n  Language Model',
    summary: 'We introduce the first model-stealing attack\nthat extracts precise information.',
    upvotes: 63,
  },
  publishedAt: '2024-03-12T02:51:25.097Z',
  title: 'Stealing Part of a Production\n  Language Model',
  mediaUrl: 'https://cdn-uploads.huggingface.co/production/uploads/x.png',
  numComments: 3,
};

describe('parseDailyPapersItem', () => {
  it('maps every used field of a newest-schema item', () => {
    const item = makeHfItem();
    const raw = JSON.stringify(item);
    expect(parseDailyPapersItem(item, raw)).toEqual({
      ok: true,
      paper: {
        id: '2512.01234',
        title: 'Sparse Mixtures of Tiny Experts for On-Device Reasoning',
        abstract: expect.stringMatching(/^We study how far tiny experts can go\./),
        authors: ['Ada Example', 'Björn Ødegård'],
        publishedAt: '2025-11-27T17:59:01.000Z',
        upvotes: 12,
        numComments: 2,
        aiSummary:
          'Routing each token to two tiny experts matches a dense model twice the size on device.',
        aiKeywords: ['mixture of experts', 'on-device inference', 'sparse routing'],
        githubRepo: 'https://github.com/tiny-labs/tiny-experts',
        githubStars: 76,
        projectPage: 'https://tiny-labs.github.io/tiny-experts/',
        organization: 'Tiny Labs',
        thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2512.01234.png',
        raw,
      },
    });
  });

  it('keeps the raw JSON exactly as given', () => {
    const raw = '{ "weird": "spacing" }';
    const result = parseDailyPapersItem(makeHfItem(), raw);
    expect(result.ok && result.paper.raw).toBe(raw);
  });

  it('parses the oldest (2024-03) shape, leaving fields it lacks absent', () => {
    const paper = parseOk(item2024);
    expect(paper).toMatchObject({
      id: '2403.06634',
      title: 'Stealing Part of a Production Language Model',
      abstract: 'We introduce the first model-stealing attack that extracts precise information.',
      authors: ['Ada Example', 'Bo Example'],
      upvotes: 63,
      numComments: 3,
      publishedAt: '2024-03-11T11:46:12.000Z',
    });
    for (const key of OPTIONAL_KEYS.filter((k) => k !== 'publishedAt')) {
      expect(Object.keys(paper)).not.toContain(key);
    }
  });

  it('parses the 2025-03 shape (top-level summary, ai_keywords, no organization or ai_summary)', () => {
    const item = makeHfItem({
      organization: undefined,
      paper: {
        organization: undefined,
        ai_summary: undefined,
        ai_summary_model: undefined,
        githubStars: undefined,
        githubRepoAddedBy: undefined,
      },
    });
    const paper = parseOk(item);
    expect(paper.aiKeywords).toEqual([
      'mixture of experts',
      'on-device inference',
      'sparse routing',
    ]);
    expect(paper.githubRepo).toBe('https://github.com/tiny-labs/tiny-experts');
    expect(Object.keys(paper)).not.toContain('aiSummary');
    expect(Object.keys(paper)).not.toContain('organization');
    expect(Object.keys(paper)).not.toContain('githubStars');
  });

  it('treats null optional fields exactly like absent ones (no undefined-valued keys)', () => {
    const top = ['thumbnail', 'numComments', 'organization', 'summary'];
    const nested = ['publishedAt', 'ai_summary', 'ai_keywords', 'githubRepo', 'githubStars'];
    nested.push('projectPage', 'organization', 'submittedOnDailyAt');
    const allSetTo = (value: null | undefined) =>
      makeHfItem({
        ...Object.fromEntries(top.map((k) => [k, value])),
        paper: Object.fromEntries(nested.map((k) => [k, value])),
      });
    const nulls = allSetTo(null);
    const absent = allSetTo(undefined);
    expect(Object.keys(absent)).not.toContain('thumbnail');
    expect(nulls['thumbnail']).toBeNull();
    const fromNulls = parseOk(nulls);
    const fromAbsent = parseOk(absent);
    expect({ ...fromNulls, raw: '' }).toEqual({ ...fromAbsent, raw: '' });
    for (const paper of [fromNulls, fromAbsent]) {
      for (const key of OPTIONAL_KEYS) expect(Object.keys(paper)).not.toContain(key);
      expect(paper.numComments).toBe(0);
    }
  });

  it('treats blank optional strings as absent', () => {
    const paper = parseOk(
      makeHfItem({ thumbnail: ' ', paper: { githubRepo: '', ai_summary: ' \n ' } }),
    );
    expect(Object.keys(paper)).not.toContain('githubRepo');
    expect(Object.keys(paper)).not.toContain('aiSummary');
    expect(Object.keys(paper)).not.toContain('thumbnail');
  });

  it('drops hidden authors and keeps author order', () => {
    const item = makeHfItem({
      paper: {
        authors: [
          { _id: 'a', name: 'First Author', hidden: false },
          { _id: 'b', name: 'Hidden Person', hidden: true },
          { name: 'Third  Author' },
          { _id: 'd', name: 'Fourth Author', hidden: null },
        ],
      },
    });
    expect(parseOk(item).authors).toEqual(['First Author', 'Third Author', 'Fourth Author']);
  });

  it('normalises whitespace in titles and abstracts', () => {
    const item = makeHfItem({
      paper: {
        title: '  Contrastive Learning for\n  Contrastive\tLoss  ',
        summary: 'Line one\nline two.\n\n  Line   three.\r\n',
      },
    });
    const paper = parseOk(item);
    expect(paper.title).toBe('Contrastive Learning for Contrastive Loss');
    expect(paper.abstract).toBe('Line one line two. Line three.');
    expect(normaliseWhitespace('\n a \t b \n')).toBe('a b');
  });

  it('falls back to the top-level title, summary and organization', () => {
    const item = makeHfItem({
      title: 'Top  Level\nTitle',
      summary: 'Top-level abstract.',
      paper: { title: undefined, summary: null, organization: undefined },
    });
    const paper = parseOk(item);
    expect(paper.title).toBe('Top Level Title');
    expect(paper.abstract).toBe('Top-level abstract.');
    expect(paper.organization).toBe('Tiny Labs');
  });

  it('ignores unknown fields, old and new', () => {
    const item = makeHfItem({
      submitterOrganization: { name: 'x' },
      mediaUrl: 'https://cdn-uploads.huggingface.co/x.png',
      paper: { withdrawnAt: '2026-01-01T00:00:00.000Z', brandNewField: { nested: [1, 2] } },
    });
    expect(parse(item).ok).toBe(true);
  });

  it.each([
    ['missing paper.id', makeHfItem({ paper: { id: undefined } }), null, /^paper\.id: /],
    [
      'upvotes as a string',
      makeHfItem({ paper: { upvotes: 'lots' } }),
      '2512.01234',
      /^paper\.upvotes: .*expected number/,
    ],
    ['negative upvotes', makeHfItem({ paper: { upvotes: -1 } }), '2512.01234', /^paper\.upvotes: /],
    [
      'fractional upvotes',
      makeHfItem({ paper: { upvotes: 1.5 } }),
      '2512.01234',
      /^paper\.upvotes: /,
    ],
    [
      'an id that is not arXiv-shaped',
      makeHfItem({ paper: { id: 'abc.123' } }),
      'abc.123',
      /^paper\.id: not an arXiv id/,
    ],
    [
      'an id with a version',
      makeHfItem({ paper: { id: '2512.01234v2' } }),
      '2512.01234v2',
      /^paper\.id: /,
    ],
    [
      'an author without a name',
      makeHfItem({ paper: { authors: [{ name: 'A' }, { hidden: false }] } }),
      '2512.01234',
      /^paper\.authors\[1\]\.name: /,
    ],
    [
      'no title anywhere',
      makeHfItem({ title: undefined, paper: { title: '  ' } }),
      '2512.01234',
      /^paper\.title: missing or empty/,
    ],
    ['no paper object', { title: 'x', numComments: 0 }, null, /^paper: /],
    ['a non-object item', 'just a string', null, /^\(item\): /],
    ['null', null, null, /^\(item\): /],
  ])('rejects an item with %s, with a readable reason', (_label, item, id, reason) => {
    const result = parse(item);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.id).toBe(id);
    expect(result.reason).toMatch(reason);
    expect(result.reason.length).toBeLessThan(200);
  });

  it('summarises several issues in one reason', () => {
    const result = parse(makeHfItem({ numComments: 'many', paper: { upvotes: 'lots', id: 7 } }));
    expect(result).toMatchObject({ ok: false, id: null });
    if (result.ok) return;
    expect(result.reason).toContain('paper.id: ');
    expect(result.reason).toContain('paper.upvotes: ');
    expect(result.reason).toContain('numComments: ');
  });
});

describe('project fixtures (fixtures/hf)', () => {
  it('parses every item of day-2025-12-01 and day-2025-12-02', () => {
    for (const name of ['day-2025-12-01', 'day-2025-12-02']) {
      const results = loadHfFixture(name).map(parse);
      expect(results.filter((r) => !r.ok)).toEqual([]);
    }
  });

  it('has exactly the two documented schema-breaking items on day-2025-12-03', () => {
    const results = loadHfFixture('day-2025-12-03').map(parse);
    const bad = results.filter((r) => !r.ok);
    expect(results).toHaveLength(8);
    expect(bad).toEqual([
      { ok: false, id: null, reason: expect.stringMatching(/^paper\.id: /) },
      { ok: false, id: '2511.31827', reason: expect.stringMatching(/^paper\.upvotes: /) },
    ]);
  });

  it('carries the documented edge cases', () => {
    const papers = new Map(
      [...loadHfFixture('day-2025-12-01'), ...loadHfFixture('day-2025-12-02')]
        .map(parse)
        .flatMap((r) => (r.ok ? [[r.paper.id, r.paper] as const] : [])),
    );
    expect(papers.get('2511.21252')?.organization).toBe('DeepSeek');
    expect(papers.get('2511.21675')?.authors).toHaveLength(3); // one of 4 is hidden
    expect(papers.get('2511.25791')?.title).toBe(
      'Towards a clinically accessible radiology foundation model: open-access and lightweight, with automated evaluation',
    );
    expect(papers.get('2511.21427')?.authors).toContain('Nguyễn Thị Lan');
    expect(papers.get('2511.30087')?.title).toContain('@everyone <@123> <!channel>');
    expect(papers.get('2511.30087')?.title).toContain('||spoiler||');
  });
});

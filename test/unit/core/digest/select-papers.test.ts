import { describe, expect, it } from 'vitest';
import { buildDigestView, explainEmptyDay } from '../../../../src/core/digest/build-digest.js';
import {
  createTopicCompiler,
  explainPaper,
  prepareCandidates,
  selectPapers,
} from '../../../../src/core/digest/select-papers.js';
import type { Paper } from '../../../../src/core/paper.js';

const paper = (id: string, title: string, upvotes: number, extra: Partial<Paper> = {}): Paper => ({
  id,
  title,
  abstract: 'We present a method. It works well.',
  authors: ['Ada Lovelace'],
  publishedAt: null,
  upvotes,
  numComments: 0,
  aiSummary: null,
  aiKeywords: [],
  githubRepo: null,
  githubStars: null,
  projectPage: null,
  organization: null,
  thumbnail: null,
  listedOn: ['2025-12-05'],
  ...extra,
});

const day = prepareCandidates([
  paper('2512.00001', 'Speculative Decoding for Fast Inference', 40),
  paper('2512.00002', 'Video Diffusion Transformers', 30),
  paper('2512.00003', 'A Survey of Speculative Decoding', 20),
  paper('2512.00004', 'Sparse Attention', 10, { aiKeywords: ['speculative decoding'] }),
  paper('2512.00005', 'Reward Models', 2),
]);
const compile = createTopicCompiler();
const rules = (over: Partial<Parameters<typeof selectPapers>[1]> = {}) => ({
  everything: false,
  topics: compile(['"speculative decoding" -survey', 'video diffusion']),
  minUpvotes: 0,
  top: 10,
  alreadyPosted: new Set<string>(),
  ...over,
});

describe('selecting a channel’s papers', () => {
  it('keeps papers matching any topic, by upvotes, and says which topic matched', () => {
    const selection = selectPapers(day, rules());
    expect(selection.included.map((p) => [p.paper.id, p.matchedTopics])).toEqual([
      ['2512.00001', ['"speculative decoding" -survey']],
      ['2512.00002', ['video diffusion']],
      ['2512.00004', ['"speculative decoding" -survey']],
    ]);
    expect(selection).toMatchObject({ eligible: 3, listed: 5 });
  });

  it('applies min upvotes, already posted and top N in that order', () => {
    const selection = selectPapers(
      day,
      rules({ minUpvotes: 15, alreadyPosted: new Set(['2512.00001']), top: 1 }),
    );
    expect(selection.included.map((p) => p.paper.id)).toEqual(['2512.00002']);
    expect(selection.eligible).toBe(2);
  });

  it('takes every paper for the full digest, labelling only topic matches', () => {
    const selection = selectPapers(day, rules({ everything: true, topics: compile(['reward']) }));
    expect(selection.included.map((p) => p.matchedTopics)).toEqual([[], [], [], [], ['reward']]);
  });

  it('explains each decision for /papers why', () => {
    expect(explainPaper(day, '2512.00003', rules())).toEqual({ kind: 'no_topic_match' });
    expect(explainPaper(day, '2512.00004', rules({ minUpvotes: 15 }))).toEqual({
      kind: 'below_min_upvotes',
      upvotes: 10,
      minUpvotes: 15,
    });
    expect(
      explainPaper(day, '2512.00001', rules({ alreadyPosted: new Set(['2512.00001']) })),
    ).toEqual({
      kind: 'already_posted',
    });
    expect(explainPaper(day, '2512.00004', rules({ top: 2 }))).toEqual({
      kind: 'beyond_top',
      rank: 3,
      top: 2,
    });
    expect(explainPaper(day, '2512.00002', rules())).toEqual({
      kind: 'included',
      rank: 2,
      matchedTopics: ['video diffusion'],
    });
    expect(explainPaper(day, '2599.99999', rules())).toBeNull();
  });

  it('builds the neutral digest view and explains an empty one', () => {
    const selection = selectPapers(day, rules({ top: 2 }));
    const view = buildDigestView({
      day: '2025-12-05',
      selection,
      everything: false,
      topics: ['x'],
    });
    expect(view.title).toBe('Hugging Face Daily Papers · Fri 5 Dec 2025');
    expect(view.subtitle).toBe('2 of 5 papers matching your topics');
    expect(view.entries[0]).toMatchObject({
      id: '2512.00001',
      summary: 'We present a method.',
      url: 'https://huggingface.co/papers/2512.00001',
    });
    expect(
      explainEmptyDay({
        day: '2025-12-06',
        listed: 0,
        lastRun: {
          id: 1,
          day: '2025-12-06',
          status: 'empty',
          startedAt: '',
          finishedAt: '',
          counts: { fetched: 0, new: 0, updated: 0, unchanged: 0, skipped: 0 },
          errorCode: null,
          reason: null,
        },
      }),
    ).toBe('Hugging Face lists no papers on weekends (Sat 6 Dec 2025).');
    expect(explainEmptyDay({ day: '2025-12-05', listed: 0, lastRun: null })).toBe(
      'Papers for Fri 5 Dec 2025 have not been fetched yet.',
    );
    expect(
      explainEmptyDay({
        day: '2025-12-05',
        listed: 37,
        lastRun: null,
        eligible: 0,
        topics: ['gnn'],
        minUpvotes: 3,
      }),
    ).toBe(
      'None of the 37 papers of Fri 5 Dec 2025 matched your topics (gnn) and at least 3 upvotes.',
    );
  });
});

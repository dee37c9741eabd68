import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, isWeekend, type Day } from '../src/core/day.js';
import type { SourcePaper } from '../src/core/paper.js';
import { FALLBACK_WORDS } from './words.js';

/** A small fast seeded PRNG (mulberry32): the same seed gives the same corpus on every machine. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Words ranked most common first (Zipf draws follow this order), plus which word tends to follow
 * which in real abstracts, so phrases such as "language models" occur as often as in real text.
 */
export interface Vocabulary {
  words: string[];
  /** How many of `words` come from real text; the rest are invented names. */
  seedWords: number;
  successors: Map<string, string[]>;
  source: 'seed' | 'fallback';
}

const WORD_RE = /[A-Za-z][A-Za-z0-9'-]*[A-Za-z0-9]|[A-Za-z]/g;
/** How many invented rare words (method names and the like) extend the long tail. */
const INVENTED_WORDS = 40_000;

/**
 * Reads the vocabulary from the seed listing when present (repo-relative
 * `../shared/seeds/paper-listing.txt`), else the built-in list, and extends it with invented
 * compound names ("Flashmamba", "Voxeltune") that each match only a handful of papers.
 */
export function loadVocabulary(repoRoot: string): Vocabulary {
  const seedPath = join(repoRoot, '..', 'shared', 'seeds', 'paper-listing.txt');
  const seeded = existsSync(seedPath);
  const lines = seeded
    ? readFileSync(seedPath, 'utf8')
        .split('\n')
        .filter((l) => l.length > 40 && !/authors$/.test(l.trim()))
    : [FALLBACK_WORDS.join(' ')];
  const counts = new Map<string, number>();
  const successors = new Map<string, string[]>();
  for (const line of lines) {
    const words = line.match(WORD_RE) ?? [];
    words.forEach((w, i) => {
      counts.set(w, (counts.get(w) ?? 0) + 1);
      const next = words[i + 1];
      if (next !== undefined) {
        const list = successors.get(w) ?? [];
        list.push(next);
        successors.set(w, list);
      }
    });
  }
  // Most frequent first; ties keep the order of first appearance (the fallback list's order).
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const words = ranked.map(([w]) => w);
  const known = new Set(words.map((w) => w.toLowerCase()));
  const roots = words.filter((w) => w.length >= 4 && /^[a-z]+$/.test(w)).slice(0, 600);
  const rng = createRng(7);
  while (words.length < ranked.length + INVENTED_WORDS && roots.length > 1) {
    const a = roots[Math.floor(rng() * roots.length)] as string;
    const b = roots[Math.floor(rng() * roots.length)] as string;
    const w =
      a[0]?.toUpperCase() +
      a.slice(1, 2 + Math.floor(rng() * 4)) +
      b.slice(0, 3 + Math.floor(rng() * 3));
    if (known.has(w.toLowerCase())) continue;
    known.add(w.toLowerCase());
    words.push(w);
  }
  return { words, seedWords: ranked.length, successors, source: seeded ? 'seed' : 'fallback' };
}

/** Zipf–Mandelbrot sampler over ranks `from..n-1`: P(rank r) ∝ 1 / (r - from + 2.7)^1.05. */
function zipfSampler(n: number, from: number, rng: () => number): () => number {
  const cdf = new Float64Array(n - from);
  let sum = 0;
  for (let r = 0; r < cdf.length; r += 1) {
    sum += 1 / (r + 2.7) ** 1.05;
    cdf[r] = sum;
  }
  return () => {
    const x = rng() * sum;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cdf[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return from + lo;
  };
}

const STOP = new Set(
  'the of and to a in for on we that with by is this as from an are be our it its can which these such while at or has have not into than'.split(
    ' ',
  ),
);
const FIRST =
  'Wei Yu Jia Li Ming Hao Xin Anna Maria Lukas David Sarah Omar Aisha Ravi Priya Kenji Yuki Elena Ivan Sofia Lucas Chen Min-jun Seo-yeon Mateo Noah Emma Amir Zoe'.split(
    ' ',
  );
const LAST =
  'Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Kim Park Lee Nguyen Smith Johnson Müller Schmidt García Martínez Rossi Kumar Singh Sato Suzuki Ivanov Cohen Dubois Silva Novak'.split(
    ' ',
  );
const ORGS = [
  'NVIDIA',
  'Google',
  'Meta',
  'Alibaba',
  'Tencent',
  'ByteDance',
  'Microsoft',
  'Tsinghua University',
];

export interface CorpusOptions {
  /** How many distinct papers to generate. */
  size: number;
  papersPerDay: number;
  /** The last listing day; days run back from it over weekdays only. */
  lastDay: Day;
  /** Share of each day's papers that are re-listings of an earlier paper. */
  relistRate: number;
  seed: number;
}

export interface CorpusDay {
  day: Day;
  papers: SourcePaper[];
}

/** Weekdays ending at `lastDay`, oldest first, enough to hold `count` days. */
function weekdaysBack(lastDay: Day, count: number): Day[] {
  const out: Day[] = [];
  for (let d = lastDay; out.length < count; d = addDays(d, -1)) if (!isWeekend(d)) out.unshift(d);
  return out;
}

/**
 * Generates the corpus one listing day at a time (a 1M corpus never sits in memory at once).
 * Text is a mix of Zipf draws over the vocabulary and real word successions, so frequent words
 * match most papers, invented names match a few, and common phrases occur naturally.
 */
export function* generateCorpus(vocab: Vocabulary, options: CorpusOptions): Generator<CorpusDay> {
  const rng = createRng(options.seed);
  const anyWord = zipfSampler(vocab.words.length, 0, rng);
  // Titles and keywords skip function words but otherwise follow the abstracts' frequencies:
  // "Large Language Models" are as common in titles as in real listings.
  const contentWord = (): number => {
    for (;;) {
      const r = anyWord();
      if (!STOP.has((vocab.words[r] as string).toLowerCase())) return r;
    }
  };
  const inventedFrom = Math.min(vocab.seedWords, vocab.words.length - 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
  const int = (lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
  const text = (n: number, draw: () => number): string => {
    const out: string[] = [];
    let prev: string | undefined;
    for (let i = 0; i < n; i += 1) {
      const next = prev !== undefined && rng() < 0.45 ? vocab.successors.get(prev) : undefined;
      const word = next ? pick(next) : (vocab.words[draw()] as string);
      out.push(i > 0 && rng() < 0.05 ? `${word}.` : word);
      prev = word;
    }
    return out.join(' ');
  };
  const gaussian = (): number =>
    Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const days = weekdaysBack(options.lastDay, Math.ceil(options.size / options.papersPerDay));
  const recent: SourcePaper[] = [];
  let made = 0;
  const perMonth = new Map<string, number>();
  for (const day of days) {
    const papers: SourcePaper[] = [];
    const fresh = Math.min(options.papersPerDay, options.size - made);
    for (let i = 0; i < fresh; i += 1) {
      const yymm = day.slice(2, 4) + day.slice(5, 7);
      const n = (perMonth.get(yymm) ?? 0) + 1;
      perMonth.set(yymm, n);
      const id = `${yymm}.${String(n).padStart(5, '0')}`;
      const paper: SourcePaper = {
        id,
        title:
          (rng() < 0.4 ? `${vocab.words[int(inventedFrom, vocab.words.length - 1)]}: ` : '') +
          text(int(5, 12), contentWord),
        abstract: text(int(120, 220), anyWord),
        authors: Array.from({ length: int(1, 12) }, () => `${pick(FIRST)} ${pick(LAST)}`),
        publishedAt: `${day}T00:00:00.000Z`,
        upvotes: Math.max(0, Math.floor(Math.exp(1.8 + 1.3 * gaussian())) - 1),
        numComments: int(0, 5),
        raw: '',
      };
      if (rng() < 0.7) paper.aiSummary = text(int(25, 45), anyWord);
      if (rng() < 0.6)
        paper.aiKeywords = Array.from({ length: int(3, 6) }, () => text(int(1, 2), contentWord));
      if (rng() < 0.3) paper.organization = pick(ORGS);
      paper.raw = JSON.stringify({ paper: { ...paper, raw: undefined } });
      papers.push(paper);
      made += 1;
    }
    const relisted = new Set<string>();
    for (let i = 0; i < Math.round(fresh * options.relistRate) && recent.length > 0; i += 1) {
      const again = pick(recent);
      if (relisted.has(again.id)) continue;
      relisted.add(again.id);
      papers.push({ ...again, upvotes: again.upvotes + int(1, 30) });
    }
    for (const p of papers.slice(0, fresh)) {
      if (recent.length < 3000) recent.push(p);
      else recent[int(0, recent.length - 1)] = p;
    }
    if (papers.length > 0) yield { day, papers };
  }
}

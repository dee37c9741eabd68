/**
 * `npm run bench [-- --sizes 10000,100000] [-- --huge]`
 *
 * Sections, each in its own file so more can be added (digest planning, ...):
 * - ingest-search.ts: ingest a synthetic corpus through the real store, then time the search
 *   query mix and measure its agreement with the exact full-ranking plan;
 * - topic-match.ts: match many topic subscriptions in memory against one day's papers;
 * - plan-digests.ts: plan (and deliver, to an instant publisher) 10 000 channels' digests.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { loadVocabulary } from './corpus.js';
import {
  benchIngest,
  benchSearch,
  openBenchDb,
  type IngestResult,
  type SearchBenchResult,
} from './ingest-search.js';
import { formatTable, peakRssMb } from './report.js';
import { benchPlanDigests } from './plan-digests.js';
import { benchTopicMatch } from './topic-match.js';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv: string[]): { sizes: number[] } {
  let sizes = [10_000, 100_000];
  let huge = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--huge') huge = true;
    else if (arg === '--sizes') sizes = parseSizes(argv[(i += 1)]);
    else if (arg?.startsWith('--sizes=')) sizes = parseSizes(arg.slice('--sizes='.length));
    else throw new Error(`unknown argument ${arg}; use --sizes 10000,100000 and/or --huge`);
  }
  if (huge && !sizes.includes(1_000_000)) sizes.push(1_000_000);
  return { sizes };
}

function parseSizes(text: string | undefined): number[] {
  const sizes = (text ?? '').split(',').map((s) => Number(s.trim().replace(/_/g, '')));
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n <= 0)) {
    throw new Error(`--sizes wants positive integers separated by commas, got "${text}"`);
  }
  return sizes;
}

async function main(): Promise<void> {
  const { sizes } = parseArgs(process.argv.slice(2));
  const vocab = loadVocabulary(REPO_ROOT);
  const sqlite = (
    new Database(':memory:').prepare('SELECT sqlite_version() AS v').get() as { v: string }
  ).v;
  console.log(
    `Paperboy bench: node ${process.version}, SQLite ${sqlite}, vocabulary ${vocab.words.length} words (${vocab.source}: ${vocab.seedWords} real + invented names)`,
  );

  const ingests: IngestResult[] = [];
  const searches: SearchBenchResult[] = [];
  for (const size of sizes) {
    const { db, path, dispose } = openBenchDb(size);
    try {
      console.log(`\n[${size}] ingesting...`);
      ingests.push(benchIngest(db, path, vocab, size));
      console.log(`[${size}] searching...`);
      const huge = size >= 500_000;
      searches.push(
        benchSearch(db, vocab, size, {
          rounds: huge ? 2 : 4,
          ...(huge ? { agreementSample: 30 } : {}),
        }),
      );
    } finally {
      dispose();
    }
  }

  console.log(
    '\nIngest (real store, one saveDay transaction per 300-paper day; target ≥ 5000 papers/s)',
  );
  console.log(
    formatTable(
      ['size', 'papers', 'days', 'store s', 'papers/s', 'db MB'],
      ingests.map((r) => [
        r.size,
        r.papers,
        r.days,
        r.seconds,
        Math.round(r.perSecond),
        Math.round(r.dbMb),
      ]),
    ),
  );
  console.log(
    '\nSearch (limit 10; target p99 ≤ 50 ms at 100k; overlap@10 = share of the exact full-ranking top 10 also returned;' +
      ' bounded = runs answered by the candidate plan, widened = of which ranked a second time)',
  );
  console.log(
    formatTable(
      [
        'size',
        'class',
        'queries',
        'runs',
        'p50 ms',
        'p99 ms',
        'max ms',
        'overlap@10',
        'bounded',
        'widened',
      ],
      searches.flatMap((s) =>
        s.classes.map((c) => [
          s.size,
          c.cls,
          c.queries,
          c.runs,
          c.p50,
          c.p99,
          c.max,
          c.overlap10,
          c.bounded,
          c.widened,
        ]),
      ),
    ),
  );
  console.log(
    `prior table build (first search after ingest): ${searches.map((s) => `${s.size}: ${Math.round(s.priorBuildMs)} ms`).join(', ')}`,
  );

  const topics = benchTopicMatch(vocab, 30_000, 300);
  console.log(
    `\nTopic matching (in memory): ${topics.topics} topics × ${topics.papers} papers, ${topics.matches} matches: ` +
      `matchesQuery per pair ${Math.round(topics.matchMs)} ms, indexDocs + matchingDocs ${Math.round(topics.indexMs)} ms ` +
      `(+ ${Math.round(topics.tokenizeMs)} ms tokenizing the papers)`,
  );

  const plan = await benchPlanDigests(vocab, {
    channels: 10_000,
    topicsPerChannel: 3,
    papers: 300,
  });
  console.log(
    `\nDigest planning (target ≤ 1 s): ${plan.channels} channels × ${plan.topicsPerChannel} topics (${plan.distinctTopics} distinct), ${plan.papers}-paper day:` +
      ` plan ${Math.round(plan.planMs)} ms (selection + digest view for every channel),` +
      ` split into messages ${Math.round(plan.splitMs)} ms;` +
      ` one full delivery tick (due rows, plan, SQLite writes, render, post to an instant publisher) ${Math.round(plan.tickMs)} ms for ${plan.delivered} digests`,
  );
  console.log(`\nPeak RSS: ${Math.round(peakRssMb())} MB`);
}

await main();

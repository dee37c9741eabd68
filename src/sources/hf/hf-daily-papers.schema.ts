import { z } from 'zod';
import { ARXIV_ID_RE, type SourcePaper } from '../../core/paper.js';

/**
 * zod schema of one item of `GET /api/daily_papers` (Hugging Face Daily Papers).
 *
 * Only the fields Paperboy reads are validated; every other key is ignored (zod strips unknown
 * keys), so new upstream fields never break ingest. Optional fields may be absent (what the real
 * API does) or `null` (what its OpenAPI types allow). The schema accepts every era seen in the
 * recorded responses, 2024-03 (top-level `mediaUrl`, no `thumbnail`/`summary`) to 2026-08
 * (`ai_summary_model`, `githubRepoAddedBy`, `organization`).
 *
 * @see ../../../../shared/docs/hf-api.md §1.4–§1.7 for the field list and the schema drift timeline.
 */

/** A string that may be missing: absent, `null` and whitespace-only all mean "nothing". */
const optionalString = z.string().nullish();

const organizationSchema = z
  .object({
    name: optionalString,
    fullname: optionalString,
  })
  .nullish();

const authorSchema = z.object({
  name: z.string(),
  /** HF hides a few author names on the paper page; we drop them too. */
  hidden: z.boolean().nullish(),
});

const paperSchema = z.object({
  id: z.string().regex(ARXIV_ID_RE, 'not an arXiv id (expected YYMM.NNNNN)'),
  title: optionalString,
  summary: optionalString,
  // Required by HF's OpenAPI types and present in every recorded item; tolerated when missing.
  authors: z.array(authorSchema).nullish(),
  publishedAt: optionalString,
  upvotes: z.number().int().min(0),
  ai_summary: optionalString,
  ai_keywords: z.array(z.string()).nullish(),
  githubRepo: optionalString,
  githubStars: z.number().int().min(0).nullish(),
  projectPage: optionalString,
  organization: organizationSchema,
  // Validated for shape only: the listing day is the queried `date`, which equals its UTC date.
  submittedOnDailyAt: optionalString,
});

/** One `daily_papers` item: the fields we use, in every schema era. */
export const hfDailyPapersItemSchema = z.object({
  paper: paperSchema,
  /** Same as `paper.title`; used when the nested one is missing. */
  title: optionalString,
  /** Same as `paper.summary` since 2025-03; absent before. */
  summary: optionalString,
  numComments: z.number().int().min(0).nullish(),
  /** Top-level copy of `paper.organization` (since 2025-10). */
  organization: organizationSchema,
  /** Social thumbnail URL (since 2024-06). */
  thumbnail: optionalString,
});

export type HfDailyPapersItem = z.infer<typeof hfDailyPapersItemSchema>;

/** The outcome of parsing one item: a paper, or why it was rejected (with its id when readable). */
export type ParsedDailyPapersItem =
  { ok: true; paper: SourcePaper } | { ok: false; id: string | null; reason: string };

/** Collapses runs of whitespace (arXiv hard wraps, tabs, double spaces) into single spaces. */
export function normaliseWhitespace(text: string): string {
  return text.split(/\s+/).join(' ').trim();
}

/** The first candidate with visible text, whitespace-normalised; undefined when none has any. */
function firstText(...candidates: (string | null | undefined)[]): string | undefined {
  for (const candidate of candidates) {
    if (candidate == null) continue;
    const text = normaliseWhitespace(candidate);
    if (text !== '') return text;
  }
  return undefined;
}

/** Trimmed value, or undefined for null / absent / blank. For URLs and other single tokens. */
function trimmed(value: string | null | undefined): string | undefined {
  const text = value?.trim();
  return text === undefined || text === '' ? undefined : text;
}

const MAX_ISSUES_IN_REASON = 3;

/** "paper.authors[2].name: Invalid input: expected string, received undefined; …" */
function summariseIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, MAX_ISSUES_IN_REASON).map((issue) => {
    const path = issue.path
      .map((key, i) =>
        typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`,
      )
      .join('');
    return `${path === '' ? '(item)' : path}: ${issue.message}`;
  });
  const more = error.issues.length - MAX_ISSUES_IN_REASON;
  return more > 0 ? `${parts.join('; ')} (+${more} more)` : parts.join('; ');
}

/** Reads `item.paper.id` from anything, for reporting an invalid item; null when unreadable. */
function readId(item: unknown): string | null {
  if (typeof item !== 'object' || item === null) return null;
  const paper = (item as { paper?: unknown }).paper;
  if (typeof paper !== 'object' || paper === null) return null;
  const id = (paper as { id?: unknown }).id;
  return typeof id === 'string' && id.trim() !== '' ? id.trim() : null;
}

/** Maps a validated item to the domain's SourcePaper; optional fields are left out, never undefined. */
function toSourcePaper(item: HfDailyPapersItem, rawJson: string): ParsedDailyPapersItem {
  const { paper } = item;
  const title = firstText(paper.title, item.title);
  if (title === undefined) {
    return {
      ok: false,
      id: paper.id,
      reason: 'paper.title: missing or empty (and no top-level title)',
    };
  }
  const authors = (paper.authors ?? [])
    .filter((author) => author.hidden !== true)
    .map((author) => normaliseWhitespace(author.name))
    .filter((name) => name !== '');

  const out: SourcePaper = {
    id: paper.id,
    title,
    abstract: firstText(paper.summary, item.summary) ?? '',
    authors,
    upvotes: paper.upvotes,
    numComments: item.numComments ?? 0,
    raw: rawJson,
  };
  const publishedAt = trimmed(paper.publishedAt);
  if (publishedAt !== undefined) out.publishedAt = publishedAt;
  const aiSummary = firstText(paper.ai_summary);
  if (aiSummary !== undefined) out.aiSummary = aiSummary;
  if (paper.ai_keywords != null) {
    out.aiKeywords = paper.ai_keywords.map(normaliseWhitespace).filter((k) => k !== '');
  }
  const githubRepo = trimmed(paper.githubRepo);
  if (githubRepo !== undefined) out.githubRepo = githubRepo;
  if (paper.githubStars != null) out.githubStars = paper.githubStars;
  const projectPage = trimmed(paper.projectPage);
  if (projectPage !== undefined) out.projectPage = projectPage;
  const organization = firstText(
    paper.organization?.fullname,
    item.organization?.fullname,
    paper.organization?.name,
    item.organization?.name,
  );
  if (organization !== undefined) out.organization = organization;
  const thumbnail = trimmed(item.thumbnail);
  if (thumbnail !== undefined) out.thumbnail = thumbnail;
  return { ok: true, paper: out };
}

/**
 * Validates one `daily_papers` item and maps it to a {@link SourcePaper}.
 *
 * @param item - the parsed JSON of one array element.
 * @param rawJson - that element as JSON text; stored verbatim as `raw` for later re-parsing.
 * @returns the paper, or `{ ok: false }` with the id (when readable) and a short
 *   `path: message` summary of what was wrong. Never throws.
 */
export function parseDailyPapersItem(item: unknown, rawJson: string): ParsedDailyPapersItem {
  const result = hfDailyPapersItemSchema.safeParse(item);
  if (!result.success) {
    return { ok: false, id: readId(item), reason: summariseIssues(result.error) };
  }
  return toSourcePaper(result.data, rawJson);
}

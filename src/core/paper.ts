import type { Day } from './day.js';

/**
 * One paper as a source delivers it, normalised. Optional fields that are absent mean
 * "the source said nothing": the store keeps what it had (an absent field never erases a value).
 */
export interface SourcePaper {
  /** arXiv id without version, e.g. "2608.14022". The primary key everywhere. */
  id: string;
  title: string;
  abstract: string;
  /** Author names in author order (hidden authors already dropped). */
  authors: string[];
  /** arXiv publication time (ISO), when known. Not the listing day. */
  publishedAt?: string;
  upvotes: number;
  numComments: number;
  aiSummary?: string;
  aiKeywords?: string[];
  githubRepo?: string;
  githubStars?: number;
  projectPage?: string;
  /** Organization display name, e.g. "NVIDIA". */
  organization?: string;
  thumbnail?: string;
  /** The item exactly as the source sent it (JSON), kept for later re-parsing. */
  raw: string;
}

/** A stored paper, as the rest of the app reads it. */
export interface Paper {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  publishedAt: string | null;
  upvotes: number;
  numComments: number;
  aiSummary: string | null;
  aiKeywords: string[];
  githubRepo: string | null;
  githubStars: number | null;
  projectPage: string | null;
  organization: string | null;
  thumbnail: string | null;
  /** Every Daily Papers day the paper was listed on, oldest first (re-submissions list twice). */
  listedOn: Day[];
}

/** Links shown with a paper; derived from the id, never stored. */
export function paperLinks(id: string): { hf: string; arxiv: string; pdf: string } {
  return {
    hf: `https://huggingface.co/papers/${id}`,
    arxiv: `https://arxiv.org/abs/${id}`,
    pdf: `https://arxiv.org/pdf/${id}`,
  };
}

/** New-style arXiv ids (YYMM.NNNNN, 4 or 5 digits after the dot), optionally with a version. */
export const ARXIV_ID_RE = /^\d{4}\.\d{4,5}$/;

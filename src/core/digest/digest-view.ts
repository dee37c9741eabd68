import type { Day } from '../day.js';

/** Links shown with a paper. */
export interface PaperLinks {
  hf: string;
  arxiv: string;
  pdf: string;
  code?: { url: string; stars?: number };
  project?: string;
}

/** One paper as shown in a digest entry or a `/papers paper` card. Text is raw: adapters escape. */
export interface PaperCard {
  id: string;
  title: string;
  /** Hugging Face paper page. */
  url: string;
  upvotes: number;
  numComments: number;
  /** "Ada Lovelace, Alan Turing, Grace Hopper et al." */
  authors: string;
  organization?: string;
  /** One line: the AI summary, else the abstract's first sentence. */
  summary: string;
  /** The full abstract (cards only; digests leave it out). */
  abstract?: string;
  links: PaperLinks;
  thumbnail?: string;
  /** The Daily Papers days it was listed on. */
  listedOn: Day[];
  /** The channel topics this paper matched; empty in the full digest when it matched none. */
  matchedTopics: string[];
}

/** A digest as every platform receives it, before platform rendering and splitting. */
export interface DigestView {
  day: Day;
  /** "Hugging Face Daily Papers · Fri 5 Dec 2025" */
  title: string;
  /** "10 of 37 papers" / "3 of 37 papers matching your topics" */
  subtitle: string;
  topics: string[];
  entries: PaperCard[];
  /** Set for empty days announced instead of silently skipped: why there is nothing. */
  emptyReason?: string;
  footer: string;
}

/**
 * The query language shared by search and topic subscriptions, as a tree.
 *
 *   speculative decoding          both words must match
 *   "video diffusion"             the exact phrase
 *   diffusion OR flow             either (OR binds tighter than the implicit AND, as on the web)
 *   -survey                       must not match
 *   distill*                      prefix
 *
 * Words are already normalised the way the FTS5 index tokenises (unicode61, diacritics removed,
 * lower case), so the tree can be compiled to FTS5 or matched in memory with the same result.
 */
export type Term =
  /** One index token (`tokenize(text)` is `[text]`); `prefix`: any token starting with it. */
  | { kind: 'word'; text: string; prefix: boolean }
  /** Two or more index tokens at consecutive positions within one field. */
  | { kind: 'phrase'; words: string[] };

export interface Query {
  /** Every group must match; a group matches when any of its terms does. Never empty. */
  all: Term[][];
  /** No term here may match. */
  none: Term[];
}

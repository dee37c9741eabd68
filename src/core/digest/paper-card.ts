import { formatDay } from '../day.js';
import { type Paper, paperLinks } from '../paper.js';
import type { PaperCard } from './digest-view.js';

/** "A, B, C et al." — the first three authors. */
export function shortAuthors(authors: string[], max = 3): string {
  if (authors.length === 0) return 'Unknown authors';
  if (authors.length <= max) return authors.join(', ');
  return `${authors.slice(0, max).join(', ')} et al.`;
}

/** Cuts text at a word boundary and adds an ellipsis; never mid-word. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

/** The first sentence of an abstract (a period followed by a space and a capital), clipped. */
export function firstSentence(text: string, max = 280): string {
  const m = /^(.+?[.!?])\s+(?=[A-Z])/.exec(text);
  return clip(m?.[1] ?? text, max);
}

/** One paper as a card: one-line summary from the AI summary, else the abstract's first sentence. */
export function toPaperCard(
  paper: Paper,
  options: { matchedTopics?: string[]; withAbstract?: boolean } = {},
): PaperCard {
  const links = paperLinks(paper.id);
  return {
    id: paper.id,
    title: paper.title,
    url: links.hf,
    upvotes: paper.upvotes,
    numComments: paper.numComments,
    authors: shortAuthors(paper.authors),
    ...(paper.organization ? { organization: paper.organization } : {}),
    summary: paper.aiSummary ? clip(paper.aiSummary, 280) : firstSentence(paper.abstract),
    ...(options.withAbstract ? { abstract: paper.abstract } : {}),
    links: {
      ...links,
      ...(paper.githubRepo
        ? {
            code: {
              url: paper.githubRepo,
              ...(paper.githubStars !== null ? { stars: paper.githubStars } : {}),
            },
          }
        : {}),
      ...(paper.projectPage ? { project: paper.projectPage } : {}),
    },
    ...(paper.thumbnail ? { thumbnail: paper.thumbnail } : {}),
    listedOn: paper.listedOn,
    matchedTopics: options.matchedTopics ?? [],
  };
}

/** "Listed on Fri 5 Dec 2025" (and further days for re-submissions). */
export function listedOnText(card: PaperCard): string {
  return card.listedOn.length === 0
    ? 'Not listed on Daily Papers'
    : `Listed on ${card.listedOn.map((d) => formatDay(d)).join(', ')}`;
}

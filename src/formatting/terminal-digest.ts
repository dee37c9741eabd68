import { type Day, formatDay } from '../core/day.js';
import { type Paper, paperLinks } from '../core/paper.js';

export interface TerminalDigestInput {
  day: Day;
  papers: Paper[];
  /** How many papers were listed that day in all. */
  total: number;
}

/** Strips control characters (ANSI escapes included) so paper text cannot drive the terminal. */
export function toTerminalText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ');
}

function firstAuthors(authors: string[]): string {
  if (authors.length <= 3) return authors.join(', ');
  return `${authors.slice(0, 3).join(', ')} et al.`;
}

/** The preview-mode digest printed to the terminal: top papers of one day with links. */
export function renderTerminalDigest({ day, papers, total }: TerminalDigestInput): string {
  const lines = [
    `Paperboy digest · Hugging Face Daily Papers of ${formatDay(day)} · top ${papers.length} of ${total}`,
    '',
  ];
  papers.forEach((paper, i) => {
    const meta = [`▲ ${paper.upvotes}`, firstAuthors(paper.authors)];
    if (paper.organization) meta.push(paper.organization);
    lines.push(`${String(i + 1).padStart(2)}. ${toTerminalText(paper.title)}`);
    lines.push(`    ${toTerminalText(meta.join(' · '))}`);
    const links = paperLinks(paper.id);
    lines.push(`    ${links.hf}  ·  arXiv ${links.arxiv}`);
    if (paper.githubRepo) lines.push(`    code ${toTerminalText(paper.githubRepo)}`);
    lines.push('');
  });
  return lines.join('\n');
}

import type { DigestView, PaperCard } from './digest/digest-view.js';

/**
 * Platform-neutral rich text: plain strings are escaped by each adapter, so paper text and user
 * input can never ping, link or format anything by themselves.
 */
export type Span =
  | string
  | { text: string; bold: true }
  | { text: string; code: true }
  | { text: string; url: string };

export interface Button {
  /** Routed back to the command's action handler; adapters keep it within their id limits (≤ 100). */
  actionId: string;
  label: string;
  style?: 'primary' | 'secondary';
}

export type ReplyBlock =
  | { kind: 'text'; spans: Span[] }
  | { kind: 'paper'; card: PaperCard }
  | { kind: 'digest'; digest: DigestView }
  | { kind: 'buttons'; buttons: Button[] };

/** What a command answers: blocks, and who sees them. */
export interface Reply {
  /** `caller`: only the person who typed the command (ephemeral); `channel`: everyone. */
  visibility: 'caller' | 'channel';
  blocks: ReplyBlock[];
  /** For button actions: replace the message the button was on instead of posting a new one. */
  replaceOriginal?: boolean;
}

export const text = (...spans: Span[]): ReplyBlock => ({ kind: 'text', spans });
export const bold = (value: string): Span => ({ text: value, bold: true });
export const code = (value: string): Span => ({ text: value, code: true });
export const link = (value: string, url: string): Span => ({ text: value, url });

/** A caller-only reply made of text lines. */
export function callerReply(...lines: Span[][]): Reply {
  return { visibility: 'caller', blocks: lines.map((spans) => text(...spans)) };
}

/** The plain text of spans (for logs, tests and notification fallbacks). */
export function spansToPlain(spans: Span[]): string {
  return spans.map((s) => (typeof s === 'string' ? s : s.text)).join('');
}

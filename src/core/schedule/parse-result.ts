/** The outcome of parsing one setting: a value, or a short message written for people. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

export const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });

export const fail = <T = never>(error: string): ParseResult<T> => ({ ok: false, error });

/** Input as it is echoed in a message: trimmed, whitespace collapsed, quoted, cut at 40 chars. */
export function quote(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return `"${t.length > 40 ? `${t.slice(0, 39)}…` : t}"`;
}

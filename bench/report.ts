/** The q-quantile (0..1) of `values` by the nearest-rank method; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

export type Cell = string | number;

/** A fixed-width text table: numbers right-aligned, text left-aligned. */
export function formatTable(header: readonly string[], rows: readonly Cell[][]): string {
  const text = (c: Cell): string => (typeof c === 'number' ? formatNumber(c) : c);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => text(r[i] ?? '').length)),
  );
  const line = (cells: readonly Cell[]): string =>
    cells
      .map((c, i) => {
        const w = widths[i] ?? 0;
        return typeof c === 'number' ? text(c).padStart(w) : text(c).padEnd(w);
      })
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '-';
  if (Number.isInteger(n)) return String(n);
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2);
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

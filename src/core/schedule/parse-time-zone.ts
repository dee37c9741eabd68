import { isValidTimeZone } from '../time-zone.js';
import { fail, ok, quote } from './parse-result.js';
import type { ParseResult } from './parse-result.js';

/**
 * Reading the time zone people type in `/papers settings`.
 *
 * Accepted: IANA Area/City names in any case (`europe/berlin` → `Europe/Berlin`), legacy links
 * the runtime knows (`US/Eastern` → `America/New_York`), `Etc/*`, the IANA zones without a slash
 * that follow daylight saving (`CET`, `EST5EDT`, …), and `UTC`/`GMT`/`Z`, stored as `UTC`.
 *
 * Refused, with a suggestion where one is clear: UTC offsets (`+02:00`, `UTC+2`) and
 * abbreviations (`PST`, `EST`, `BST`), because they do not follow daylight saving or are
 * ambiguous (ICU reads `BST` as Bangladesh); names that are not Area/City (`Japan`).
 */

const HINT = 'Use an IANA name such as Europe/Berlin, America/New_York or UTC.';

const UTC_ALIASES = new Set(['utc', 'gmt', 'z', 'zulu', 'uct', 'universal', 'etc/utc', 'etc/gmt']);

const OFFSET_RE = /^(?:utc|gmt|z)?\s*[+\-−]\s*\d{1,2}(?::?\d{2})?$/i;

/** IANA zones without a slash that keep daylight-saving rules; accepted as typed. */
const SLASHLESS_ZONES = ['CET', 'EET', 'MET', 'WET', 'CST6CDT', 'EST5EDT', 'MST7MDT', 'PST8PDT'];

/**
 * Current IANA names that older ICU data lists only under their former name (Node 20 lists
 * `Asia/Calcutta`, not `Asia/Kolkata`). Both spellings are accepted; suggestions prefer these.
 */
const RENAMED_ZONES = [
  'Africa/Asmara',
  'America/Argentina/Buenos_Aires',
  'America/Atikokan',
  'America/Indiana/Indianapolis',
  'America/Kentucky/Louisville',
  'America/Nuuk',
  'Asia/Ho_Chi_Minh',
  'Asia/Kathmandu',
  'Asia/Kolkata',
  'Asia/Yangon',
  'Atlantic/Faroe',
  'Europe/Kyiv',
  'Pacific/Chuuk',
  'Pacific/Kanton',
  'Pacific/Pohnpei',
];

/** Abbreviations people type, and the zone they most likely mean. */
const ABBREVIATIONS = new Map([
  ...['pst', 'pdt', 'pt'].map((a) => [a, 'America/Los_Angeles'] as const),
  ...['mst', 'mdt', 'mt'].map((a) => [a, 'America/Denver'] as const),
  ...['cst', 'cdt', 'ct'].map((a) => [a, 'America/Chicago'] as const),
  ...['est', 'edt', 'et'].map((a) => [a, 'America/New_York'] as const),
  ...['akst', 'akdt'].map((a) => [a, 'America/Anchorage'] as const),
  ...['aest', 'aedt'].map((a) => [a, 'Australia/Sydney'] as const),
  ['hst', 'Pacific/Honolulu'],
  ['bst', 'Europe/London'],
  ['cest', 'Europe/Berlin'],
  ['eest', 'Europe/Athens'],
  ['ist', 'Asia/Kolkata'],
  ['jst', 'Asia/Tokyo'],
  ['kst', 'Asia/Seoul'],
]);

let knownZones: Map<string, string> | undefined;

/** Lower-cased name → canonical spelling, for every zone we accept by name. Built once. */
function zonesByLowerName(): Map<string, string> {
  if (!knownZones) {
    const etc = [
      ...Array.from({ length: 12 }, (_, i) => `Etc/GMT+${i + 1}`),
      ...Array.from({ length: 14 }, (_, i) => `Etc/GMT-${i + 1}`),
    ];
    const names = [
      ...RENAMED_ZONES,
      ...Intl.supportedValuesOf('timeZone'),
      'UTC',
      ...etc,
      ...SLASHLESS_ZONES,
    ];
    knownZones = new Map();
    for (const name of names) {
      if (!knownZones.has(name.toLowerCase()) && isValidTimeZone(name)) {
        knownZones.set(name.toLowerCase(), name);
      }
    }
  }
  return knownZones;
}

/** Levenshtein distance, giving up (returning max + 1) once it must exceed `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    if (Math.min(...current) > max) return max + 1;
    previous = current;
  }
  return previous[b.length] ?? max + 1;
}

const cityOf = (name: string): string => name.slice(name.lastIndexOf('/') + 1);

/**
 * A known zone close to `key` (lower case, spaces as underscores): the same city part
 * (`berlin`, `asia/berlin` → Europe/Berlin), or at most two edits away (`europe/berln`).
 */
function closestZone(key: string): string | undefined {
  const zones = zonesByLowerName();
  const city = cityOf(key);
  let best: { name: string; distance: number } | undefined;
  for (const [lower, name] of zones) {
    if (!name.includes('/')) continue;
    if (city.length >= 3 && cityOf(lower) === city) return name;
    const distance = editDistance(key, lower, 2);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** The runtime's own reading of a name, or undefined when it does not know it. */
function resolvedByIntl(name: string): string | undefined {
  if (!isValidTimeZone(name)) return undefined;
  return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
}

/** An IANA time zone name, matched case-insensitively and returned in its canonical spelling. */
export function parseTimeZone(text: string): ParseResult<string> {
  const typed = text.trim();
  if (typed === '') return fail(`Give a time zone. ${HINT}`);
  const key = typed.toLowerCase().replace(/\s+/g, '_');
  if (UTC_ALIASES.has(key)) return ok('UTC');
  if (OFFSET_RE.test(typed)) {
    return fail(
      `${quote(text)} is a fixed UTC offset, which does not follow daylight saving. ${HINT}`,
    );
  }
  const known = zonesByLowerName().get(key);
  if (known) return ok(known);
  const abbreviationOf = ABBREVIATIONS.get(key);
  if (abbreviationOf) {
    return fail(
      `${quote(text)} is an abbreviation, which does not say when daylight saving applies. ${HINT} Did you mean ${abbreviationOf}?`,
    );
  }
  const resolved = resolvedByIntl(key);
  // A legacy Area/City link (US/Eastern): store the zone it points to.
  if (resolved && key.includes('/')) return ok(resolved);
  // ICU also knows three-letter ids from old Java (CAT, ECT, …): no use as suggestions.
  const suggestion = (/^[a-z]{3}$/.test(key) ? undefined : resolved) ?? closestZone(key);
  return fail(
    `Unknown time zone ${quote(text)}. ${HINT}${suggestion ? ` Did you mean ${suggestion}?` : ''}`,
  );
}

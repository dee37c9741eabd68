import { z } from 'zod';
import { type ChannelSettings, type Weekday, isSubscribed } from '../src/core/channels/channel.js';
import {
  type ParseResult,
  formatDays,
  parseDays,
  parseEmptyDays,
  parseMinUpvotes,
  parseTime,
  parseTimeZone,
  parseTop,
} from '../src/core/schedule/parse-settings.js';
import { type Reply, type Span, bold, callerReply } from '../src/core/reply.js';
import type { CommandContext, CommandDefinition, CommandDeps } from './command.js';
import { SUBSCRIBE_HINT, nextDigestLine, settingsInWords } from './lib/channel-text.js';
import { optionalSettingText } from './lib/options.js';
import { DEFAULT_SETTINGS } from './lib/papers.js';

const schema = z.object({
  time: optionalSettingText('time', 40),
  timezone: optionalSettingText('timezone', 64),
  days: optionalSettingText('days', 100),
  top: optionalSettingText('top', 20),
  min_upvotes: optionalSettingText('min_upvotes', 20),
  empty_days: optionalSettingText('empty_days', 40),
});
type SettingsInput = z.infer<typeof schema>;

/** How each option is read, and how its value is shown. */
const FIELDS = [
  { option: 'time', key: 'time', parse: parseTime, show: (v: string) => `time ${v}` },
  {
    option: 'timezone',
    key: 'timezone',
    parse: parseTimeZone,
    show: (v: string) => `time zone ${v}`,
  },
  {
    option: 'days',
    key: 'days',
    parse: parseDays,
    show: (v: Weekday[]) => `days ${formatDays(v)}`,
  },
  { option: 'top', key: 'top', parse: parseTop, show: (v: number) => `top ${v}` },
  {
    option: 'min_upvotes',
    key: 'minUpvotes',
    parse: parseMinUpvotes,
    show: (v: number) => `min ${v} upvotes`,
  },
  {
    option: 'empty_days',
    key: 'emptyDays',
    parse: parseEmptyDays,
    show: (v: string) => `empty days: ${v}`,
  },
] as const satisfies ReadonlyArray<{
  option: keyof SettingsInput;
  key: keyof ChannelSettings;
  parse: (text: string) => ParseResult<unknown>;
  show: (value: never) => string;
}>;

/** True when the input changes something (showing settings is open to everyone). */
export const changesSettings = (input: SettingsInput): boolean =>
  FIELDS.some((f) => input[f.option] !== undefined);

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function show(ctx: CommandContext, deps: CommandDeps): Reply {
  const channel = deps.channels.get(ctx.channel);
  const settings = channel?.settings ?? DEFAULT_SETTINGS;
  const lines: Span[][] = [
    [bold('Settings: '), `${settingsInWords(settings)}${channel ? '' : ' (the defaults)'}.`],
  ];
  if (channel && isSubscribed(channel)) lines.push([nextDigestLine(settings, deps)]);
  else lines.push([SUBSCRIBE_HINT]);
  lines.push([
    'Change them with e.g. /papers settings time:08:30 timezone:Europe/Berlin days:mon-fri top:5 min_upvotes:3 empty_days:announce',
  ]);
  return callerReply(...lines);
}

/** Shows the settings, or checks every given option and stores them all, or none. */
function handle(input: SettingsInput, ctx: CommandContext, deps: CommandDeps): Reply {
  if (!changesSettings(input)) return show(ctx, deps);
  const patch: Partial<Record<keyof ChannelSettings, unknown>> = {};
  const errors: string[] = [];
  for (const field of FIELDS) {
    const raw = input[field.option];
    if (raw === undefined) continue;
    const result: ParseResult<unknown> = field.parse(raw);
    if (result.ok) patch[field.key] = result.value;
    else errors.push(`${field.option}: ${result.error}`);
  }
  if (errors.length > 0) {
    const head =
      errors.length === 1
        ? 'Nothing was changed:'
        : `Nothing was changed; ${errors.length} options need fixing:`;
    return callerReply([head], ...errors.map((e): Span[] => [e]));
  }

  const before = deps.channels.get(ctx.channel)?.settings ?? DEFAULT_SETTINGS;
  const channel = deps.channels.updateSettings(
    ctx.channel,
    patch as Partial<ChannelSettings>,
    deps.clock.now(),
  );
  const changed = FIELDS.filter(
    (f) => patch[f.key] !== undefined && !sameValue(before[f.key], patch[f.key]),
  ).map((f) => (f.show as (v: unknown) => string)(channel.settings[f.key]));
  const lines: Span[][] = [
    changed.length > 0
      ? [bold('Changed: '), `${changed.join(' · ')}.`]
      : ['Nothing changed: the channel already had these settings.'],
    [bold('Settings: '), `${settingsInWords(channel.settings)}.`],
    [nextDigestLine(channel.settings, deps)],
  ];
  if (!isSubscribed(channel))
    lines.push(['Subscribe with /papers subscribe to start receiving digests.']);
  return callerReply(...lines);
}

export const settingsCommand = {
  name: 'settings',
  description: 'Show or change when the digest is posted here and how big it is.',
  options: [
    {
      name: 'time',
      description: 'Local time of day, e.g. 09:00 or 9am',
      type: 'string',
      maxLength: 40,
    },
    {
      name: 'timezone',
      description: 'IANA time zone, e.g. Europe/Berlin or America/New_York',
      type: 'string',
      maxLength: 64,
    },
    {
      name: 'days',
      description: 'Days to post on, e.g. mon-fri, daily, mon,wed,fri',
      type: 'string',
      maxLength: 100,
    },
    {
      name: 'top',
      description: 'At most this many papers per digest (1–25)',
      type: 'integer',
      minValue: 1,
      maxValue: 25,
    },
    {
      name: 'min_upvotes',
      description: 'Leave out papers with fewer upvotes (0–10000)',
      type: 'integer',
      minValue: 0,
      maxValue: 10_000,
    },
    {
      name: 'empty_days',
      description:
        'On days without papers: silent (post nothing) or announce (one line saying why)',
      type: 'string',
      choices: [
        { name: 'silent', value: 'silent' },
        { name: 'announce', value: 'announce' },
      ],
    },
  ],
  schema,
  /** Only when an option is given; see `changesSettings`. */
  mutates: true,
  mutatesWith: changesSettings,
  example: '/papers settings time:08:30 timezone:Europe/Berlin days:mon-fri',
  handle,
} satisfies CommandDefinition<SettingsInput>;

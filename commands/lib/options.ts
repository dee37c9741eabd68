import { z } from 'zod';
import { isDay } from '../../src/core/day.js';

/**
 * Zod builders for slash-command options. Every failure carries a message written for the
 * person who typed the command (the dispatcher shows it as is), and never echoes long input.
 * Adapters pass options as they arrive: Discord sends numbers for integer options, Slack sends
 * text, so number options accept both.
 */

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export interface TextOptionSpec {
  /** How the option is named in messages: "the query", "the topic". */
  label: string;
  max: number;
  example: string;
  /** Message for blank text; defaults to "<Label> is empty. Use e.g. …". */
  emptyMessage?: string;
}

/** A required text option, trimmed, non-empty, at most `max` characters. */
export function requiredText(spec: TextOptionSpec) {
  const label = capitalise(spec.label);
  return z
    .string({
      error: (iss) =>
        iss.input === undefined
          ? `Give ${spec.label}, e.g. ${spec.example}.`
          : `${label} must be text, e.g. ${spec.example}.`,
    })
    .trim()
    .min(1, {
      error: spec.emptyMessage ?? `${label} is empty. Use e.g. ${spec.example}.`,
      abort: true,
    })
    .max(spec.max, {
      error: (iss) =>
        `${label} is too long (${typeof iss.input === 'string' ? iss.input.length : 'many'} characters; at most ${spec.max}). Shorten it.`,
      abort: true,
    });
}

/** An optional text option; present but blank is an error (say what to leave out instead). */
export function optionalText(spec: TextOptionSpec) {
  return requiredText(spec).optional();
}

/** An optional `YYYY-MM-DD` day that must be a real calendar date; `option` names it in messages. */
export function optionalDay(option: string) {
  const hint = 'Use YYYY-MM-DD, e.g. 2025-11-01.';
  return z
    .string({ error: `The ${option} option must be a date. ${hint}` })
    .trim()
    .max(40, { error: `The ${option} option must be a date. ${hint}`, abort: true })
    .refine(isDay, {
      error: (iss) => `"${String(iss.input)}" is not a real date for ${option}. ${hint}`,
    })
    .optional();
}

/** An optional whole number from `min` to `max`, given as a number or as text. */
export function optionalWholeNumber(option: string, min: number, max: number, example: number) {
  const hint = `Use a whole number from ${min} to ${max}, e.g. ${example}.`;
  return z
    .union([z.number(), z.string()], { error: `The ${option} option must be a number. ${hint}` })
    .transform((value, ctx): number => {
      const text = String(value).trim();
      const n = /^[+-]?\d{1,12}$/.test(text) ? Number(text) : Number.NaN;
      if (!Number.isInteger(n) || n < min || n > max) {
        const shown = text.length > 20 ? `${text.slice(0, 19)}…` : text;
        ctx.issues.push({
          code: 'custom',
          message: `"${shown}" is not allowed for ${option}. ${hint}`,
          input: value,
        });
        return z.NEVER;
      }
      return n;
    })
    .optional();
}

/**
 * An optional setting passed on as text for its own parser (parse-settings), which writes the
 * detailed messages; only the type and an outer length cap are checked here.
 */
export function optionalSettingText(option: string, max: number) {
  return z
    .union([z.string(), z.number()], { error: `The ${option} option must be text.` })
    .transform((v) => String(v))
    .pipe(
      z.string().max(max, {
        error: (iss) =>
          `The ${option} option is too long (${typeof iss.input === 'string' ? iss.input.length : 'many'} characters; at most ${max}).`,
      }),
    )
    .optional();
}

/** An optional choice among fixed words, case-insensitive. */
export function optionalChoice<const T extends readonly [string, ...string[]]>(
  option: string,
  values: T,
) {
  const list = values.join(' or ');
  return z
    .string({ error: `The ${option} option must be ${list}.` })
    .trim()
    .toLowerCase()
    .max(40, { error: `The ${option} option must be ${list}.`, abort: true })
    .pipe(
      z.enum(values, {
        error: (iss) => `"${String(iss.input)}" is not allowed for ${option}; use ${list}.`,
      }),
    )
    .optional();
}

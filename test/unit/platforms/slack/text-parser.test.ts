import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../../commands/index.js';
import {
  closestCommand,
  parseCommandText,
  tokenize,
} from '../../../../src/platforms/slack/text-parser.js';

const parse = (text: string) => parseCommandText(text, COMMANDS);

describe('/papers text parsing', () => {
  it('shows help for /papers alone or help', () => {
    expect(parse('')).toEqual({ kind: 'command', name: 'help', input: {} });
    expect(parse('   ')).toEqual({ kind: 'command', name: 'help', input: {} });
    expect(parse('help search')).toEqual({ kind: 'command', name: 'help', input: {} });
  });

  it('keeps quotes in queries and topics, where they mean phrases', () => {
    expect(parse('subscribe "speculative decoding" -survey')).toEqual({
      kind: 'command',
      name: 'subscribe',
      input: { topic: '"speculative decoding" -survey' },
    });
    expect(parse('search "video diffusion"')).toEqual({
      kind: 'command',
      name: 'search',
      input: { query: '"video diffusion"' },
    });
    expect(parse('SEARCH  distill*   OR  "flow matching" ')).toEqual({
      kind: 'command',
      name: 'search',
      input: { query: 'distill* OR "flow matching"' },
    });
  });

  it('reads named options by the command’s own option names, anywhere in the text', () => {
    expect(parse('search "video diffusion" -survey since:2025-11-01 min-upvotes:10')).toEqual({
      kind: 'command',
      name: 'search',
      input: { query: '"video diffusion" -survey', since: '2025-11-01', min_upvotes: '10' },
    });
    expect(parse('settings time:09:00 timezone:Europe/Berlin days:"mon, wed, fri"')).toEqual({
      kind: 'command',
      name: 'settings',
      input: { time: '09:00', timezone: 'Europe/Berlin', days: 'mon, wed, fri' },
    });
    // Not an option of search: stays part of the query; quoted: never an option.
    expect(parse('search arxiv:2512.01234 "since:2020"')).toEqual({
      kind: 'command',
      name: 'search',
      input: { query: 'arxiv:2512.01234 "since:2020"' },
    });
  });

  it('fills the main option with plain words: the first required option, else the first string option', () => {
    expect(parse('paper "2512.01234"')).toEqual({
      kind: 'command',
      name: 'paper',
      input: { id: '2512.01234' },
    });
    expect(parse('top month')).toEqual({
      kind: 'command',
      name: 'top',
      input: { period: 'month' },
    });
    expect(parse('settings 8am')).toEqual({
      kind: 'command',
      name: 'settings',
      input: { time: '8am' },
    });
    expect(parse('unsubscribe all')).toEqual({
      kind: 'command',
      name: 'unsubscribe',
      input: { topic: 'all' },
    });
  });

  it('undoes Slack’s HTML escaping and straightens typographic quotes', () => {
    expect(parse('search “LLM &amp; agents” -&lt;b&gt;')).toEqual({
      kind: 'command',
      name: 'search',
      input: { query: '"LLM & agents" -<b>' },
    });
  });

  it('explains extra words after commands without options, and a main option given twice', () => {
    expect(parse('today please')).toMatchObject({
      kind: 'invalid',
      message: '/papers today takes nothing after it; try just /papers today.',
    });
    expect(parse('search foo query:bar')).toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('Give query once'),
    });
  });

  it('reports unknown subcommands and suggests the closest one', () => {
    expect(parse('serach x')).toEqual({ kind: 'unknown', name: 'serach' });
    expect(closestCommand('serach', COMMANDS)).toBe('search');
    expect(closestCommand('sub', COMMANDS)).toBe('subscribe');
    expect(closestCommand('xyzzy', COMMANDS)).toBeUndefined();
  });

  it('tokenizes on whitespace outside quotes, an unclosed quote running to the end', () => {
    expect(tokenize('a "b c" -"d e" f:"g h" "i j')).toEqual([
      'a',
      '"b c"',
      '-"d e"',
      'f:"g h"',
      '"i j',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../../commands/index.js';
import { buildPapersCommand, sameCommands } from '../../../../src/platforms/discord/commands.js';

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

type Option = {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  autocomplete?: boolean;
  choices?: Array<{ name: string; value: string | number }>;
  min_value?: number;
  max_value?: number;
  max_length?: number;
  options?: Option[];
};

describe('the /papers command', () => {
  const command = buildPapersCommand();
  const subcommands = (command.options ?? []) as Option[];
  const sub = (name: string) => subcommands.find((o) => o.name === name);

  it('has one subcommand per neutral command, usable in servers only', () => {
    expect(command).toMatchObject({
      name: 'papers',
      type: 1,
      contexts: [0],
      integration_types: [0],
    });
    expect(command).not.toHaveProperty('default_member_permissions');
    expect(subcommands.map((s) => s.name)).toEqual(COMMANDS.map((c) => c.name));
    expect(subcommands.every((s) => s.type === 1)).toBe(true);
  });

  it('stays within Discord limits: names, descriptions, option counts, required options first', () => {
    expect(command.description.length).toBeLessThanOrEqual(100);
    expect(subcommands.length).toBeLessThanOrEqual(25);
    let total = command.name.length + command.description.length;
    for (const s of subcommands) {
      expect(s.name).toMatch(NAME);
      expect(s.name).toBe(s.name.toLowerCase());
      expect(s.description.length).toBeGreaterThan(0);
      expect(s.description.length).toBeLessThanOrEqual(100);
      const options = s.options ?? [];
      expect(options.length).toBeLessThanOrEqual(25);
      const firstOptional = options.findIndex((o) => !o.required);
      if (firstOptional >= 0)
        expect(options.slice(firstOptional).every((o) => !o.required)).toBe(true);
      total += s.name.length + s.description.length;
      for (const o of options) {
        expect(o.name).toMatch(NAME);
        expect(o.description.length).toBeLessThanOrEqual(100);
        expect(o.autocomplete && o.choices).toBeFalsy();
        total +=
          o.name.length +
          o.description.length +
          (o.choices ?? []).reduce((n, c) => n + c.name.length + String(c.value).length, 0);
      }
    }
    expect(total).toBeLessThanOrEqual(8000);
  });

  it('maps option types, choices, autocomplete and bounds', () => {
    expect(sub('search')?.options?.find((o) => o.name === 'query')).toMatchObject({
      type: 3,
      required: true,
      max_length: 200,
    });
    expect(sub('search')?.options?.find((o) => o.name === 'min_upvotes')).toMatchObject({
      type: 4,
      min_value: 0,
      max_value: 1_000_000,
    });
    expect(sub('unsubscribe')?.options?.[0]).toMatchObject({
      name: 'topic',
      type: 3,
      autocomplete: true,
      required: true,
    });
    expect(sub('top')?.options?.[0]?.choices).toEqual([
      { name: 'week', value: 'week' },
      { name: 'month', value: 'month' },
    ]);
  });

  it('compares with what Discord returns, ignoring the fields Discord adds or leaves out', () => {
    const asReturned = JSON.parse(JSON.stringify(command)) as Record<string, unknown>;
    Object.assign(asReturned, {
      id: '1',
      application_id: '2',
      version: '3',
      default_member_permissions: null,
      nsfw: false,
    });
    for (const s of asReturned.options as Option[]) {
      for (const o of s.options ?? []) if (o.required === false) delete o.required;
    }
    expect(sameCommands([asReturned], [command])).toBe(true);
    const changed = { ...asReturned, description: 'something else' };
    expect(sameCommands([changed], [command])).toBe(false);
    expect(sameCommands([asReturned, { ...asReturned, name: 'old' }], [command])).toBe(false);
    expect(sameCommands([], [command])).toBe(false);
  });
});

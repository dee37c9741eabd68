import { describe, expect, it } from 'vitest';
import { usage } from '../../../commands/help.js';
import { COMMANDS, findCommand } from '../../../commands/index.js';
import { createCommandHarness, replyText } from '../../helpers/command-harness.js';

describe('/papers help', () => {
  it('lists every command in order with its description and example', async () => {
    const h = createCommandHarness();
    const reply = await h.run('help', {}, { canManageChannel: false });
    expect(reply.visibility).toBe('caller');
    const text = replyText(reply);
    for (const command of COMMANDS) {
      expect(text).toContain(`${usage(command)} — ${command.description} e.g. ${command.example}`);
    }
    expect(text).toContain('/papers search <query> [since] [min_upvotes]');
    const listed = COMMANDS.map((c) => text.indexOf(`${usage(c)} — `));
    expect(listed.every((at, i) => at > (listed[i - 1] ?? -1))).toBe(true);
  });

  it('has a real example, a description and only registrable options for every command', () => {
    for (const command of COMMANDS) {
      expect(command.example.startsWith(`/papers ${command.name}`)).toBe(true);
      expect(command.description.length).toBeLessThanOrEqual(100); // Discord's limit
      expect(command.options.length).toBeLessThanOrEqual(25);
      for (const option of command.options) {
        expect(option.name).toMatch(/^[a-z_]{1,32}$/);
        expect(option.description.length).toBeLessThanOrEqual(100);
      }
    }
  });

  it('finds commands by name, case-insensitively', () => {
    expect(findCommand('Search')?.name).toBe('search');
    expect(findCommand('nope')).toBeUndefined();
  });
});

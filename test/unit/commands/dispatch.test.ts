import { beforeEach, describe, expect, it } from 'vitest';
import type { CommandDeps } from '../../../commands/command.js';
import {
  GENERIC_FAILURE,
  PERMISSION_REFUSAL,
  permissionRefusal,
  runAction,
  runCommand,
  suggest,
} from '../../../commands/dispatch.js';
import { COMMANDS } from '../../../commands/index.js';
import { spansToPlain } from '../../../src/core/reply.js';
import { UserFacingError } from '../../../src/shared/errors.js';
import {
  type CommandHarness,
  createCommandHarness,
  replyText,
} from '../../helpers/command-harness.js';
import { createTestLogger } from '../../helpers/test-logger.js';

describe('dispatch', () => {
  let h: CommandHarness;
  beforeEach(() => {
    h = createCommandHarness();
  });

  it('points an unknown command to help', async () => {
    const reply = await h.run('frobnicate');
    expect(reply.visibility).toBe('caller');
    expect(replyText(reply)).toBe(
      'There is no /papers frobnicate command. /papers help lists every command.',
    );
  });

  it('gives one message per bad option, only the first problem of each', async () => {
    const reply = await h.run('search', { query: '', since: 'tomorrow', min_upvotes: 'many' });
    expect(reply.visibility).toBe('caller');
    expect(reply.blocks).toHaveLength(3);
    expect(replyText(reply).split('\n')).toEqual([
      'The query is empty. Use e.g. "speculative decoding".',
      '"tomorrow" is not a real date for since. Use YYYY-MM-DD, e.g. 2025-11-01.',
      '"many" is not allowed for min_upvotes. Use a whole number from 0 to 1000000, e.g. 10.',
    ]);
  });

  it('reads null options as absent', async () => {
    await h.run('subscribe', { topic: null });
    expect(h.channel()?.everything).toBe(true);
  });

  it('refuses values of the wrong type with a message', async () => {
    expect(replyText(await h.run('paper', { id: 42 }))).toBe(
      'The arXiv id or link must be text, e.g. 2512.01234.',
    );
  });

  describe('every option of every command', () => {
    /** Valid values for required options, so only the long one fails. */
    const VALID: Record<string, string> = { query: 'diffusion', id: '2512.01234', topic: 'all' };
    const cases = COMMANDS.flatMap((c) => c.options.map((o) => [c.name, o.name] as const));
    it.each(cases)(
      '%s %s: 10 000 characters give one caller-only message and store nothing',
      async (name, option) => {
        const command = COMMANDS.find((c) => c.name === name);
        const required = Object.fromEntries(
          (command?.options ?? []).filter((o) => o.required).map((o) => [o.name, VALID[o.name]]),
        );
        const reply = await h.run(name, { ...required, [option]: '9'.repeat(10_000) });
        expect(reply.visibility).toBe('caller');
        expect(reply.blocks).toHaveLength(1);
        const block = reply.blocks[0];
        const message = block?.kind === 'text' ? spansToPlain(block.spans) : '';
        expect(message).toMatch(/too long|not allowed|must be a date|must be week or month/);
        expect(message.length).toBeLessThan(300);
        for (const table of ['channels', 'topics', 'deliveries', 'interaction_state'] as const) {
          expect(h.count(table)).toBe(0);
        }
      },
    );
  });

  describe('permission', () => {
    it.each([
      ['subscribe', {}],
      ['subscribe', { topic: 'diffusion' }],
      ['unsubscribe', { topic: 'all' }],
      ['settings', { time: '08:00' }],
      ['settings', { empty_days: 'announce' }],
    ])(
      'refuses %s %j to people who cannot manage the channel, storing nothing',
      async (name, input) => {
        const reply = await h.run(name, input, { canManageChannel: false });
        expect(reply).toEqual({
          visibility: 'caller',
          blocks: [{ kind: 'text', spans: [PERMISSION_REFUSAL] }],
        });
        expect(h.count('channels')).toBe(0);
      },
    );

    it('lets anyone read', async () => {
      for (const name of ['help', 'today', 'top', 'subscriptions', 'settings', 'preview']) {
        const reply = await h.run(name, {}, { canManageChannel: false });
        expect(replyText(reply)).not.toContain(PERMISSION_REFUSAL);
      }
    });

    it('lets adapters add how permission is granted on their platform', () => {
      expect(
        replyText(permissionRefusal('On Discord that is the Manage Channels permission.')),
      ).toBe(`${PERMISSION_REFUSAL} On Discord that is the Manage Channels permission.`);
    });
  });

  describe('failures', () => {
    const failing = (error: unknown): CommandDeps => ({
      ...h.deps,
      papers: {
        ...h.deps.papers,
        getPaper: () => {
          throw error;
        },
      },
    });

    it('shows the message of an error meant for people', async () => {
      const deps = failing(
        new UserFacingError('input.invalid', 'That paper is being re-indexed; try again soon.'),
      );
      const reply = await runCommand('paper', { id: '2512.01234' }, h.ctx, deps);
      expect(reply).toEqual({
        visibility: 'caller',
        blocks: [{ kind: 'text', spans: ['That paper is being re-indexed; try again soon.'] }],
      });
    });

    it('logs anything else with the command and channel, and answers generically', async () => {
      const logger = createTestLogger();
      const deps = failing(new Error('SQLITE_IOERR: disk I/O error'));
      const reply = await runCommand('paper', { id: '2512.01234' }, h.ctx, deps, { logger });
      expect(replyText(reply)).toBe(GENERIC_FAILURE);
      expect(reply.visibility).toBe('caller');
      expect(logger.lines).toEqual([
        {
          level: 'error',
          msg: 'command failed',
          fields: expect.objectContaining({
            command: 'paper',
            platform: 'discord',
            workspaceId: 'guild-1',
            channelId: 'chan-1',
            code: 'internal',
            error: 'SQLITE_IOERR: disk I/O error',
          }),
        },
      ]);
      expect(JSON.stringify(logger.lines)).not.toContain('user-1');
    });

    it('catches failures of buttons and autocomplete too', async () => {
      const logger = createTestLogger();
      const deps = failing(new Error('boom'));
      expect(replyText(await runAction('paper:share:2512.01234', h.ctx, deps, { logger }))).toBe(
        GENERIC_FAILURE,
      );
      const broken: CommandDeps = {
        ...h.deps,
        channels: {
          ...h.deps.channels,
          get: () => {
            throw new Error('locked');
          },
        },
      };
      expect(suggest('unsubscribe', 'topic', '', h.ctx, broken, { logger })).toEqual([]);
      expect(logger.lines.map((l) => l.msg)).toEqual(['button failed', 'autocomplete failed']);
    });
  });

  describe('buttons', () => {
    it.each(['nope:share:1', 'search', ':x', `search:page:${'x'.repeat(200)}:2`, 'help:anything'])(
      'answers the stale or unknown button %s with a hint',
      async (actionId) => {
        const reply = await h.press(actionId);
        expect(reply.visibility).toBe('caller');
        expect(replyText(reply)).toBe('That button no longer works; run the command again.');
      },
    );

    it('answers a malformed page button of a known command', async () => {
      expect(replyText(await h.press('search:page:abc:0'))).toBe(
        'That button no longer works; run the search again.',
      );
    });
  });

  it('suggests nothing for commands without autocomplete', () => {
    expect(h.suggest('search', 'query', 'dif')).toEqual([]);
    expect(h.suggest('nope', 'x', '')).toEqual([]);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromPayload, interactionSchema } from '../../../../src/platforms/discord/payload.js';
import { rateLimited } from '../../../fakes/fake-discord-api.js';
import { REPO_ROOT } from '../../../helpers/build.js';

/** The documented payloads in the shared workspace, when this checkout has it next door. */
const FIXTURES = join(REPO_ROOT, '..', 'shared', 'fixtures', 'platform-payloads');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

describe.skipIf(!existsSync(FIXTURES))('documented Discord payloads', () => {
  it('reads the subcommand interaction as /papers search with its option and permissions', () => {
    const parsed = interactionSchema.parse(
      JSON.parse(fixture('discord-application-command-subcommand.constructed.json')),
    );
    const inbound = fromPayload(parsed);
    expect(inbound).toMatchObject({
      kind: 'command',
      commandName: 'papers',
      origin: {
        guildId: '290926798626357999',
        channelId: '645027906669510667',
        channelType: 0,
        userId: '53908232506183680',
        memberPermissions: 2147483647n,
        appPermissions: 442368n,
      },
      options: [
        {
          type: 1,
          name: 'search',
          options: [{ type: 3, name: 'query', value: 'diffusion models' }],
        },
      ],
    });
  });

  it('sends the same rate-limit headers as the documented 429 responses', () => {
    const names = (text: string) =>
      text
        .split('\n')
        .filter((l) => l.startsWith('< ') && l.includes(':'))
        .map((l) => l.slice(2, l.indexOf(':')).toLowerCase())
        .filter((h) => h !== 'content-type')
        .sort();
    const keys = (r: ReturnType<typeof rateLimited>) =>
      Object.keys(r.headers ?? {})
        .map((k) => k.toLowerCase())
        .sort();
    expect(keys(rateLimited(0.05))).toEqual(names(fixture('discord-429-user.docs.http')));
    expect(keys(rateLimited(0.05, { global: true }))).toEqual(
      names(fixture('discord-429-global.docs.http')),
    );
  });
});

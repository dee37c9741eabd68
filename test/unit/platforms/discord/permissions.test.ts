import { PermissionFlagsBits as P } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { spansToPlain } from '../../../../src/core/reply.js';
import { inviteUrl } from '../../../../src/platforms/discord/invite.js';
import {
  INVITE_PERMISSIONS,
  canManageChannel,
  checkBotPermissions,
  missingPermissionsReply,
  parsePermissions,
} from '../../../../src/platforms/discord/permissions.js';

describe('permissions', () => {
  it('lets Manage Channels or Administrator manage a channel', () => {
    expect(canManageChannel(P.ManageChannels | P.SendMessages)).toBe(true);
    expect(canManageChannel(P.Administrator)).toBe(true);
    expect(canManageChannel(P.ManageGuild | P.ManageMessages)).toBe(false);
    expect(canManageChannel(null)).toBe(false);
    expect(canManageChannel(parsePermissions('2147483647'))).toBe(true);
  });

  it('reads permission strings strictly', () => {
    expect(parsePermissions('16')).toBe(16n);
    expect(parsePermissions('-1')).toBeNull();
    expect(parsePermissions('abc')).toBeNull();
    expect(parsePermissions(undefined)).toBeNull();
  });

  it('lists exactly the bot permissions that are missing', () => {
    expect(
      checkBotPermissions(P.ViewChannel | P.SendMessages | P.EmbedLinks | P.ReadMessageHistory, 0),
    ).toEqual({
      missing: [],
      recommended: [],
    });
    expect(checkBotPermissions(P.ViewChannel, 0)).toEqual({
      missing: ['Send Messages', 'Embed Links'],
      recommended: ['Read Message History'],
    });
    expect(checkBotPermissions(P.ViewChannel | P.SendMessages | P.EmbedLinks, 11).missing).toEqual([
      'Send Messages in Threads',
    ]);
    expect(checkBotPermissions(P.Administrator, 0).missing).toEqual([]);
    expect(checkBotPermissions(null, 0).missing).toEqual([]);
    const reply = missingPermissionsReply(
      { missing: ['Send Messages', 'Embed Links'], recommended: [] },
      0,
    );
    const plain = reply.blocks
      .map((b) => (b.kind === 'text' ? spansToPlain(b.spans) : ''))
      .join('\n');
    expect(plain).toContain('missing Send Messages and Embed Links here');
    expect(plain).toContain('allow View Channel, Send Messages and Embed Links');
    expect(reply.visibility).toBe('caller');
  });

  it('builds the invite link with both scopes and the permission integer', () => {
    const url = new URL(inviteUrl('1240000000000000001'));
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe('1240000000000000001');
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    expect(url.searchParams.get('permissions')).toBe(
      String(
        P.ViewChannel |
          P.SendMessages |
          P.SendMessagesInThreads |
          P.EmbedLinks |
          P.ReadMessageHistory,
      ),
    );
    expect(INVITE_PERMISSIONS).toBe(274_877_991_936n);
  });
});

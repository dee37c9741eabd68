import { INVITE_PERMISSIONS } from './permissions.js';

/** The OAuth2 scopes Paperboy needs: a bot user (to post) and slash commands. */
export const INVITE_SCOPES = ['bot', 'applications.commands'] as const;

/**
 * The link a server admin opens to add Paperboy to a server (guild install), with the bot
 * permissions it needs preselected: View Channel, Send Messages, Send Messages in Threads,
 * Embed Links and Read Message History.
 * @see https://discord.com/developers/docs/topics/oauth2#bot-authorization-flow
 */
export function inviteUrl(applicationId: string, permissions: bigint = INVITE_PERMISSIONS): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: INVITE_SCOPES.join(' '),
    permissions: permissions.toString(),
    integration_type: '0',
  });
  return `https://discord.com/oauth2/authorize?${params.toString()}`;
}

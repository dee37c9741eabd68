import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { classifyPublishError } from '../../../../src/platforms/discord/publish-errors.js';

const apiError = (status: number, code: number, message: string) =>
  new DiscordAPIError(
    { code, message },
    code,
    status,
    'POST',
    'https://discord.com/api/v10/channels/1/messages',
    { body: {} },
  );

describe('classifying publish errors', () => {
  it('makes missing access, permissions and unknown channels permanent, with how to fix them', () => {
    expect(classifyPublishError(apiError(403, 50001, 'Missing Access'))).toMatchObject({
      kind: 'permanent',
      code: 'forbidden',
      message: expect.stringContaining('View Channel, Send Messages and Embed Links'),
    });
    expect(classifyPublishError(apiError(403, 50013, 'Missing Permissions'))).toMatchObject({
      kind: 'permanent',
      code: 'forbidden',
      message: expect.stringContaining('Missing Permissions'),
    });
    expect(classifyPublishError(apiError(404, 10003, 'Unknown Channel'))).toMatchObject({
      kind: 'permanent',
      code: 'not_found',
    });
    expect(classifyPublishError(apiError(401, 0, '401: Unauthorized'))).toMatchObject({
      kind: 'permanent',
      code: 'auth',
    });
    expect(
      classifyPublishError(
        new Error('Expected token to be set for this request, but none was present'),
      ),
    ).toMatchObject({
      kind: 'permanent',
      code: 'auth',
    });
  });

  it('returns a long rate limit with its wait, and everything else as transient', () => {
    const limited = new RateLimitError({
      timeToReset: 30_000,
      limit: 5,
      method: 'POST',
      hash: 'abcd1234',
      url: 'https://discord.com/api/v10/channels/1/messages',
      route: '/channels/:id/messages',
      majorParameter: '1',
      global: false,
      retryAfter: 30_000.4,
      sublimitTimeout: 0,
      scope: 'user',
    });
    expect(classifyPublishError(limited)).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 30_001,
    });
    expect(
      classifyPublishError(new HTTPError(502, 'Bad Gateway', 'POST', 'u', { body: {} })),
    ).toMatchObject({ kind: 'transient' });
    expect(classifyPublishError(apiError(400, 50035, 'Invalid Form Body'))).toMatchObject({
      kind: 'transient',
      message: expect.stringContaining('50035'),
    });
    expect(classifyPublishError(new TypeError('fetch failed'))).toMatchObject({
      kind: 'transient',
    });
  });
});

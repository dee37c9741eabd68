import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { classifySlackError } from '../../../../src/platforms/slack/errors.js';

const platform = (error: string, extra: Record<string, unknown> = {}) =>
  new webApi.WebAPIPlatformError({ ok: false, error, ...extra });

describe('Slack error classification', () => {
  it.each([
    ['not_in_channel', 'forbidden', '/invite @Paperboy'],
    ['channel_not_found', 'not_found', '/invite @Paperboy'],
    ['is_archived', 'archived', 'Unarchive'],
    ['missing_scope', 'forbidden', 'reinstall'],
    ['invalid_auth', 'auth', 'SLACK_BOT_TOKEN'],
    ['account_inactive', 'auth', 'SLACK_BOT_TOKEN'],
    ['token_revoked', 'auth', 'SLACK_BOT_TOKEN'],
  ])('%s is permanent (%s) and says how to fix it', (error, code, fix) => {
    const result = classifySlackError(platform(error));
    expect(result).toMatchObject({ ok: false, kind: 'permanent', code });
    expect(result.message).toContain(fix);
    expect(result.message).toContain('/papers subscribe');
  });

  it('names the missing scope when Slack says which', () => {
    expect(
      classifySlackError(platform('missing_scope', { needed: 'chat:write' })).message,
    ).toContain('"chat:write"');
  });

  it('turns a 429 (and a ratelimited answer) into a wait of Retry-After seconds', () => {
    expect(classifySlackError(new webApi.WebAPIRateLimitedError(3))).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 3_000,
    });
    expect(
      classifySlackError(platform('ratelimited', { response_metadata: { retryAfter: 7 } })),
    ).toMatchObject({ kind: 'rate_limited', retryAfterMs: 7_000 });
  });

  it('retries 5xx, network errors, unknown errors and our own refused messages (without pausing)', () => {
    expect(
      classifySlackError(new webApi.WebAPIHTTPError(503, 'Service Unavailable', {}, '')),
    ).toMatchObject({ kind: 'transient', message: 'Slack answered HTTP 503' });
    expect(
      classifySlackError(new webApi.WebAPIRequestError(new Error('ECONNRESET'))),
    ).toMatchObject({ kind: 'transient' });
    expect(classifySlackError(platform('fatal_error'))).toMatchObject({ kind: 'transient' });
    expect(classifySlackError(platform('invalid_blocks'))).toMatchObject({
      kind: 'transient',
      message: expect.stringContaining('Paperboy bug'),
    });
    expect(classifySlackError('weird')).toMatchObject({ kind: 'transient' });
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { PERMISSION_REFUSAL } from '../../../commands/dispatch.js';
import {
  type CommandHarness,
  createCommandHarness,
  replyText,
} from '../../helpers/command-harness.js';

describe('/papers settings', () => {
  let h: CommandHarness;
  beforeEach(() => {
    h = createCommandHarness(); // Friday 5 Dec 2025, 11:00 UTC
  });

  it('shows the defaults to anyone when given no option, storing nothing', async () => {
    const reply = await h.run('settings', {}, { canManageChannel: false });
    expect(reply.visibility).toBe('caller');
    const text = replyText(reply);
    expect(text).toContain(
      'Settings: Mon–Fri at 09:00 UTC · top 10 · no minimum upvotes · empty days: silent (the defaults).',
    );
    expect(text).toContain('Change them with e.g. /papers settings');
    expect(h.count('channels')).toBe(0);
  });

  it("changes the time and zone and gives the next digest in the channel's zone", async () => {
    await h.run('subscribe');
    const text = replyText(await h.run('settings', { time: '7:30', timezone: 'europe/berlin' }));
    expect(text).toBe(
      [
        'Changed: time 07:30 · time zone Europe/Berlin.',
        'Settings: Mon–Fri at 07:30 Europe/Berlin · top 10 · no minimum upvotes · empty days: silent.',
        'Next digest: Mon 8 Dec, 07:30 Europe/Berlin, covering Fri 5 Dec.',
      ].join('\n'),
    );
    expect(h.channel()?.settings).toMatchObject({ time: '07:30', timezone: 'Europe/Berlin' });
  });

  it('takes numbers from Discord and text from Slack for top and min_upvotes', async () => {
    await h.run('settings', { top: 5, min_upvotes: '3', days: 'daily', empty_days: 'announce' });
    expect(h.channel()?.settings).toMatchObject({
      top: 5,
      minUpvotes: 3,
      days: [0, 1, 2, 3, 4, 5, 6],
      emptyDays: 'announce',
    });
    // Daily at 09:00 UTC: Saturday's run covers Friday.
    expect(replyText(await h.run('settings', {}))).toContain(
      'Settings: every day at 09:00 UTC · top 5 · min 3 upvotes · empty days: announce.',
    );
  });

  it('works before subscribing and says how to start', async () => {
    const text = replyText(await h.run('settings', { days: 'mon,wed,fri' }));
    expect(text).toContain('Changed: days Mon, Wed, Fri.');
    expect(text).toContain('Next digest: Mon 8 Dec, 09:00 UTC, covering Fri 5 Dec.');
    expect(text).toContain('Subscribe with /papers subscribe to start receiving digests.');
  });

  it('says nothing changed when the values are already set', async () => {
    expect(replyText(await h.run('settings', { time: '09:00' }))).toContain(
      'Nothing changed: the channel already had these settings.',
    );
  });

  it('refuses 25:00 and stores nothing', async () => {
    const reply = await h.run('settings', { time: '25:00' });
    expect(replyText(reply)).toBe(
      'Nothing was changed:\ntime: "25:00" is not a time of day: hours go up to 23. Use HH:MM in 24-hour form, e.g. 09:00 or 17:30.',
    );
    expect(h.count('channels')).toBe(0);
  });

  it('refuses an unknown time zone with a suggestion and stores nothing', async () => {
    const text = replyText(await h.run('settings', { timezone: 'Europe/Berln' }));
    expect(text).toContain('timezone: Unknown time zone "Europe/Berln".');
    expect(text).toContain('Did you mean Europe/Berlin?');
    expect(h.count('channels')).toBe(0);
  });

  it('lists every bad option at once and stores none of the good ones', async () => {
    await h.run('subscribe');
    const text = replyText(
      await h.run('settings', {
        time: '08:00',
        timezone: 'PST',
        days: 'funday',
        top: 99,
        empty_days: 'loud',
      }),
    );
    expect(text.split('\n')).toEqual([
      'Nothing was changed; 4 options need fixing:',
      expect.stringMatching(
        /^timezone: "PST" is an abbreviation.*Did you mean America\/Los_Angeles\?$/,
      ),
      expect.stringMatching(/^days: "funday" is not a day\./),
      expect.stringMatching(/^top: "99" is too large/),
      expect.stringMatching(/^empty_days: "loud" is not an option\./),
    ]);
    expect(h.channel()?.settings.time).toBe('09:00');
  });

  it('refuses a 10 000-character option with one message and stores nothing', async () => {
    const reply = await h.run('settings', { timezone: 'x'.repeat(10_000) });
    expect(reply.blocks).toHaveLength(1);
    expect(replyText(reply)).toBe(
      'The timezone option is too long (10000 characters; at most 64).',
    );
    expect(h.count('channels')).toBe(0);
  });

  it('is refused to people who cannot manage the channel when an option is given', async () => {
    const reply = await h.run('settings', { time: '08:00' }, { canManageChannel: false });
    expect(replyText(reply)).toBe(PERMISSION_REFUSAL);
    expect(h.count('channels')).toBe(0);
  });
});

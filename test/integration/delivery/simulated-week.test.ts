import { describe, expect, it } from 'vitest';
import type { ChannelSettings } from '../../../src/core/channels/channel.js';
import { addDays, daysBetween, isWeekend } from '../../../src/core/day.js';
import { ProcessKilled } from '../../fakes/fake-publisher.js';
import { createDeliveryWorld, discordChannel } from '../../helpers/delivery-world.js';
import { makeSourcePaper } from '../../helpers/papers.js';

/** A small deterministic PRNG, so the crash pattern is the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHANNELS: Array<[string, Partial<ChannelSettings>, string[]]> = [
  ['utc-morning', { time: '09:00', timezone: 'UTC' }, []],
  ['berlin-night', { time: '02:30', timezone: 'Europe/Berlin', days: [0, 1, 2, 3, 4, 5, 6] }, []],
  ['la-evening', { time: '17:00', timezone: 'America/Los_Angeles', top: 3 }, []],
  ['tokyo', { time: '09:00', timezone: 'Asia/Tokyo' }, ['diffusion']],
  [
    'sydney-daily',
    { time: '07:15', timezone: 'Australia/Sydney', days: [0, 1, 2, 3, 4, 5, 6] },
    [],
  ],
];

describe('a simulated week across time zones, with crashes', () => {
  it('delivers each channel’s digest of each day exactly once, DST day included', async () => {
    // Mon 23 Mar – Mon 30 Mar 2026: Europe/Berlin springs forward on Sun 29 Mar (02:30 does not exist).
    const world = createDeliveryWorld('2026-03-20T00:00:00Z', { retryBaseMs: 60_000 });
    const days = daysBetween('2026-03-19', '2026-03-30');
    for (const day of days) {
      // Weekdays have papers; Saturday 28 Mar has a rare weekend listing.
      if (isWeekend(day) && day !== '2026-03-28') continue;
      world.listDay(
        day,
        Array.from({ length: 6 }, (_, i) =>
          makeSourcePaper({
            id: `26${day.slice(5, 7)}.${day.slice(8)}${String(i).padStart(3, '0')}`,
            title:
              i % 2 === 0 ? `Video diffusion study ${day} ${i}` : `Sparse attention ${day} ${i}`,
            upvotes: 50 - i,
          }),
        ),
      );
    }
    for (const [id, settings, topics] of CHANNELS) {
      world.subscribe(discordChannel(id), settings, topics, new Date('2026-03-20T00:00:00Z'));
    }

    const random = mulberry32(7);
    let crashes = 0;
    const end = new Date('2026-03-30T12:00:00Z').getTime();
    let engine = world.boot();
    while (world.clock.now().getTime() < end) {
      if (random() < 0.08) world.fake.script(random() < 0.5 ? 'before_send' : 'after_send');
      try {
        await engine.tick();
      } catch (error) {
        expect(error).toBeInstanceOf(ProcessKilled);
        crashes += 1;
        engine = world.boot(); // restart
      }
      world.clock.advance(5 * 60_000);
    }
    // Let pending retries finish (any crash step still queued fires here too).
    for (let i = 0; i < 10; i += 1) {
      await engine.tick().catch(() => {
        crashes += 1;
        engine = world.boot();
      });
      world.clock.advance(5 * 60_000);
    }
    expect(crashes).toBeGreaterThan(3);

    for (const [id] of CHANNELS) {
      const ref = discordChannel(id);
      const channel = world.channels.get(ref)!;
      const deliveries = world.deliveries.recentForChannel(channel.pk, 100);
      const messages = world.fake.messagesTo(ref);
      // No message key was ever posted twice, and no paper twice.
      expect(new Set(messages.map((m) => m.key)).size).toBe(messages.length);
      const paperIds = messages.flatMap((m) => m.view.entries.map((e) => e.id));
      expect(new Set(paperIds).size).toBe(paperIds.length);
      // Every delivery finished, and each sent one's parts all reached the channel.
      for (const d of deliveries) {
        expect(['sent', 'empty'], `${id} ${d.day}: ${d.status} ${d.reason}`).toContain(d.status);
        const got = messages.filter((m) => m.view.day === d.day);
        expect(got).toHaveLength(d.status === 'sent' ? d.parts.length : 0);
      }
      expect(new Set(deliveries.map((d) => d.day)).size).toBe(deliveries.length);
    }

    const daysOf = (id: string) =>
      world.deliveries
        .recentForChannel(world.channels.get(discordChannel(id))!.pk, 100)
        .map((d) => d.day)
        .sort();
    // UTC 09:00 Mon–Fri: Fri 20 covers Thu 19, Mon 23 covers Fri 20, … Mon 30 covers Sat 28 (it has papers).
    expect(daysOf('utc-morning')).toEqual([
      '2026-03-19',
      '2026-03-20',
      '2026-03-23',
      '2026-03-24',
      '2026-03-25',
      '2026-03-26',
      '2026-03-28',
    ]);
    // Berlin 02:30 daily: the Sunday 29 Mar run (spring forward: at 03:30 CEST = 01:30 UTC) covers Sat 28.
    const berlin = world.deliveries.forChannelDay(
      world.channels.get(discordChannel('berlin-night'))!.pk,
      '2026-03-28',
    );
    expect(berlin?.scheduledFor).toBe('2026-03-29T01:30:00.000Z');
    expect(berlin?.status).toBe('sent');
    // Every weekday from Fri 20 to Fri 27 reached the daily Sydney channel exactly once.
    const sydney = daysOf('sydney-daily');
    for (let d = '2026-03-20'; d <= '2026-03-27'; d = addDays(d, 1)) {
      if (!isWeekend(d)) expect(sydney).toContain(d);
    }
    // The topic channel only ever received diffusion papers.
    const tokyo = world.fake.messagesTo(discordChannel('tokyo')).flatMap((m) => m.view.entries);
    expect(tokyo.length).toBeGreaterThan(0);
    expect(tokyo.every((e) => e.title.startsWith('Video diffusion'))).toBe(true);
  });
});

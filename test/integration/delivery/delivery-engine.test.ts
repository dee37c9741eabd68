import { describe, expect, it } from 'vitest';
import { ProcessKilled } from '../../fakes/fake-publisher.js';
import { createDeliveryWorld, discordChannel } from '../../helpers/delivery-world.js';
import { makeSourcePaper } from '../../helpers/papers.js';

const FRIDAY = '2025-12-05';
const MONDAY_0900 = '2025-12-08T09:00:30Z';
const tenPapers = () =>
  Array.from({ length: 10 }, (_, i) =>
    makeSourcePaper({ id: `2512.${String(20000 + i)}`, upvotes: 100 - i }),
  );

/** Every paper id posted to a channel, in posting order. */
const postedIds = (world: ReturnType<typeof createDeliveryWorld>, id: string) =>
  world.fake.messagesTo(discordChannel(id)).flatMap((m) => m.view.entries.map((e) => e.id));

describe('delivery engine', () => {
  it('posts a due digest once, covering the latest complete weekday, split into whole parts', async () => {
    const world = createDeliveryWorld(MONDAY_0900);
    world.listDay(FRIDAY, tenPapers());
    world.subscribe(discordChannel('a'), { time: '09:00', timezone: 'UTC' });
    const engine = world.boot();
    const report = await engine.tick();
    expect(report).toMatchObject({ created: 1, sent: 1 });
    const messages = world.fake.messagesTo(discordChannel('a'));
    expect(messages.map((m) => m.view.entries.length)).toEqual([4, 4, 2]);
    expect(new Set(messages.map((m) => m.view.day))).toEqual(new Set([FRIDAY]));
    expect(postedIds(world, 'a')).toEqual(tenPapers().map((p) => p.id));
    expect(world.refreshed).toEqual([FRIDAY]);
    world.clock.advance(60_000);
    expect(await engine.tick()).toMatchObject({ created: 0, sent: 0 });
    expect(world.fake.messagesTo(discordChannel('a'))).toHaveLength(3);
  });

  it('is not due before the scheduled minute, nor for a time before the channel subscribed', async () => {
    const world = createDeliveryWorld('2025-12-08T08:59:00Z');
    world.listDay(FRIDAY, tenPapers());
    world.subscribe(discordChannel('a'), { time: '09:00', timezone: 'UTC' });
    const engine = world.boot();
    expect((await engine.tick()).created).toBe(0);
    world.clock.set('2025-12-08T10:00:00Z');
    world.subscribe(
      discordChannel('late'),
      { time: '09:30', timezone: 'UTC' },
      [],
      world.clock.now(),
    );
    await engine.tick();
    expect(world.fake.messagesTo(discordChannel('a'))).toHaveLength(3);
    expect(world.fake.messagesTo(discordChannel('late'))).toHaveLength(0);
  });

  for (const [name, steps] of [
    ['before the first message is sent', ['before_send']],
    ['after the first message is sent, before it is recorded', ['after_send']],
    ['mid-way, after the second message is sent', ['send', 'after_send']],
    ['before the last message', ['send', 'send', 'before_send']],
  ] as const) {
    it(`delivers every message exactly once when killed ${name}`, async () => {
      const world = createDeliveryWorld(MONDAY_0900);
      world.listDay(FRIDAY, tenPapers());
      world.subscribe(discordChannel('a'), { time: '09:00', timezone: 'UTC' });
      world.fake.script(...steps);
      await expect(world.boot().tick()).rejects.toBeInstanceOf(ProcessKilled);
      // restart: a fresh engine over the same database
      world.clock.advance(60_000);
      await world.boot().tick();
      world.clock.advance(60_000);
      await world.boot().tick();
      const ids = postedIds(world, 'a');
      expect(ids).toHaveLength(10);
      expect(new Set(ids).size).toBe(10);
      const delivery = world.deliveries.forChannelDay(
        world.channels.get(discordChannel('a'))!.pk,
        FRIDAY,
      );
      expect(delivery?.status).toBe('sent');
      expect(delivery?.parts.every((p) => p.status === 'sent')).toBe(true);
    });
  }

  it('catches up a run missed while down within the window, and skips it with a reason beyond', async () => {
    const world = createDeliveryWorld('2025-12-08T13:00:00Z');
    world.listDay(FRIDAY, tenPapers());
    world.subscribe(discordChannel('near'), { time: '09:00', timezone: 'UTC' });
    world.subscribe(discordChannel('far'), { time: '09:00', timezone: 'UTC' });
    world.db.prepare("UPDATE channels SET time = '06:00' WHERE channel_id = 'far'").run();
    const report = await world.boot().tick();
    expect(report).toMatchObject({ created: 1, missed: 1, sent: 1 });
    expect(world.fake.messagesTo(discordChannel('near'))).toHaveLength(3);
    expect(world.fake.messagesTo(discordChannel('far'))).toHaveLength(0);
    const far = world.deliveries.forChannelDay(
      world.channels.get(discordChannel('far'))!.pk,
      FRIDAY,
    );
    expect(far).toMatchObject({ status: 'skipped' });
    expect(far?.reason).toMatch(
      /^Missed: Paperboy was not running at Mon 8 Dec, 06:00 UTC and the 6 h catch-up window passed/,
    );
  });

  it('waits as told on a short rate limit, and reschedules a long one', async () => {
    const world = createDeliveryWorld(MONDAY_0900);
    world.listDay(FRIDAY, tenPapers().slice(0, 3));
    world.subscribe(discordChannel('a'), { time: '09:00', timezone: 'UTC' });
    world.fake.script({ ok: false, kind: 'rate_limited', retryAfterMs: 1500, message: '429' });
    await world.boot().tick();
    expect(world.sleeps).toEqual([1500]);
    expect(world.fake.messagesTo(discordChannel('a'))).toHaveLength(1);

    const other = createDeliveryWorld(MONDAY_0900);
    other.listDay(FRIDAY, tenPapers().slice(0, 3));
    other.subscribe(discordChannel('b'), { time: '09:00', timezone: 'UTC' });
    other.fake.script({ ok: false, kind: 'rate_limited', retryAfterMs: 120_000, message: '429' });
    expect((await other.boot().tick()).deferred).toBe(1);
    other.clock.advance(60_000);
    await other.boot().tick();
    expect(other.fake.messagesTo(discordChannel('b'))).toHaveLength(0);
    other.clock.advance(61_000);
    await other.boot().tick();
    expect(other.fake.messagesTo(discordChannel('b'))).toHaveLength(1);
  });

  it('pauses the channel on a permanent error and resumes on subscribe', async () => {
    const world = createDeliveryWorld(MONDAY_0900);
    world.listDay(FRIDAY, tenPapers().slice(0, 2));
    world.subscribe(discordChannel('a'), { time: '09:00', timezone: 'UTC' });
    world.fake.script({
      ok: false,
      kind: 'permanent',
      code: 'forbidden',
      message: 'Missing Access',
    });
    expect((await world.boot().tick()).failed).toBe(1);
    const channel = world.channels.get(discordChannel('a'));
    expect(channel?.paused?.reason).toContain('Missing Access');
    const delivery = world.deliveries.forChannelDay(channel!.pk, FRIDAY);
    expect(delivery).toMatchObject({ status: 'failed' });
    // Tuesday: paused channels get nothing.
    world.listDay('2025-12-08', [makeSourcePaper({ id: '2512.30000' })]);
    world.clock.set('2025-12-09T09:00:10Z');
    expect((await world.boot().tick()).created).toBe(0);
    world.channels.subscribe(discordChannel('a'), null, world.clock.now());
    world.clock.advance(60_000);
    await world.boot().tick();
    expect(postedIds(world, 'a')).toEqual(['2512.30000']);
  });

  it('retries transient failures with backoff, then gives up with the reason', async () => {
    const world = createDeliveryWorld(MONDAY_0900, { maxAttempts: 3, retryBaseMs: 1000 });
    world.listDay(FRIDAY, tenPapers().slice(0, 1));
    world.subscribe(discordChannel('a'), { time: '09:00', timezone: 'UTC' });
    const fail = { ok: false, kind: 'transient', message: 'HTTP 502' } as const;
    world.fake.script(fail, fail, fail);
    await world.boot().tick();
    world.clock.advance(1000);
    await world.boot().tick();
    world.clock.advance(2000);
    const report = await world.boot().tick();
    expect(report.failed).toBe(1);
    const delivery = world.deliveries.forChannelDay(
      world.channels.get(discordChannel('a'))!.pk,
      FRIDAY,
    );
    expect(delivery?.reason).toBe('Gave up after 3 tries: HTTP 502');
    expect(world.fake.messagesTo(discordChannel('a'))).toHaveLength(0);
  });

  it('stays silent on an empty day by default and announces it when asked', async () => {
    const world = createDeliveryWorld(MONDAY_0900);
    world.listDay(FRIDAY, tenPapers());
    world.subscribe(discordChannel('quiet'), { time: '09:00', timezone: 'UTC' }, [
      'quantum chromodynamics',
    ]);
    world.subscribe(
      discordChannel('loud'),
      { time: '09:00', timezone: 'UTC', emptyDays: 'announce' },
      ['quantum chromodynamics'],
    );
    const report = await world.boot().tick();
    expect(report).toMatchObject({ empty: 1, sent: 1 });
    expect(world.fake.messagesTo(discordChannel('quiet'))).toHaveLength(0);
    const [msg] = world.fake.messagesTo(discordChannel('loud'));
    expect(msg?.view.entries).toEqual([]);
    expect(msg?.view.emptyReason).toBe(
      'None of the 10 papers of Fri 5 Dec 2025 matched your topics (quantum chromodynamics).',
    );
  });

  it('never posts the same paper twice to a channel, even when it is listed again', async () => {
    const world = createDeliveryWorld(MONDAY_0900);
    const again = makeSourcePaper({ id: '2512.40000', upvotes: 50 });
    world.listDay(FRIDAY, [again]);
    world.subscribe(discordChannel('a'), { time: '09:00', timezone: 'UTC' });
    await world.boot().tick();
    world.listDay('2025-12-08', [again, makeSourcePaper({ id: '2512.40001', upvotes: 1 })]);
    world.clock.set('2025-12-09T09:00:05Z');
    await world.boot().tick();
    expect(postedIds(world, 'a')).toEqual(['2512.40000', '2512.40001']);
  });

  it('keeps other channels moving while one channel hangs', async () => {
    const world = createDeliveryWorld(MONDAY_0900, { concurrency: 2 });
    world.listDay(FRIDAY, tenPapers().slice(0, 2));
    for (const id of ['slow', 'b', 'c', 'd'])
      world.subscribe(discordChannel(id), { time: '09:00', timezone: 'UTC' });
    const release = world.fake.hold(discordChannel('slow'));
    const tick = world.boot().tick();
    for (let i = 0; i < 50 && world.fake.posted.length < 3; i += 1)
      await new Promise((r) => setImmediate(r));
    expect(['b', 'c', 'd'].map((id) => world.fake.messagesTo(discordChannel(id)).length)).toEqual([
      1, 1, 1,
    ]);
    release();
    expect((await tick).sent).toBe(4);
  });
});

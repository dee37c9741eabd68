import type { ChannelRef, Platform } from '../../src/core/channels/channel.js';
import { channelKey } from '../../src/core/channels/channel.js';
import type { DigestView } from '../../src/core/digest/digest-view.js';
import type { DigestPublisher, PublishResult } from '../../src/core/digest/publisher.js';

/** Thrown by the fakes to simulate the process dying at an exact point. */
export class ProcessKilled extends Error {
  override readonly name = 'ProcessKilled';
}

export interface PostedMessage {
  channel: string;
  key: string;
  view: DigestView;
  messageId: string;
  at: Date;
}

/** `send` posts normally; the crash points kill the process before or after posting. */
export type CrashPoint = 'send' | 'before_send' | 'after_send';

/**
 * A chat platform in memory: it keeps every message ever posted (surviving our "crashes", as a
 * real platform would), lets the engine look messages up by key, splits digests into parts of
 * `perPart` entries, and can be scripted to fail or to kill the process at a given point.
 */
export function createFakePublisher(options: {
  platform?: Platform;
  perPart?: number;
  now: () => Date;
  /** Called when a crash point fires, to kill the rest of the "process" (e.g. the store). */
  onCrash?: () => void;
}) {
  const posted: PostedMessage[] = [];
  const scripted: Array<PublishResult | CrashPoint> = [];
  const perChannel = new Map<string, Array<PublishResult | CrashPoint>>();
  const gates = new Map<string, Promise<void>>();
  let seq = 0;
  const perPart = options.perPart ?? 4;

  const nextScript = (channel: string): PublishResult | CrashPoint | undefined =>
    perChannel.get(channel)?.shift() ?? scripted.shift();

  const publisher: DigestPublisher = {
    platform: options.platform ?? 'discord',
    split: (digest) => {
      if (digest.entries.length <= perPart) return [digest];
      const parts: DigestView[] = [];
      for (let i = 0; i < digest.entries.length; i += perPart) {
        parts.push({ ...digest, entries: digest.entries.slice(i, i + perPart) });
      }
      return parts;
    },
    publish: async (ref: ChannelRef, part: DigestView, key: string) => {
      const channel = channelKey(ref);
      const gate = gates.get(channel);
      if (gate) await gate;
      const step = nextScript(channel);
      if (step === 'before_send') {
        options.onCrash?.();
        throw new ProcessKilled('killed before the message was sent');
      }
      if (step !== undefined && step !== 'after_send' && step !== 'send') return step;
      seq += 1;
      const messageId = `m${seq}`;
      posted.push({ channel, key, view: part, messageId, at: options.now() });
      if (step === 'after_send') {
        options.onCrash?.();
        throw new ProcessKilled('killed after the message was sent, before it was recorded');
      }
      return { ok: true, messageId };
    },
    findPublished: async (ref, key, since) =>
      posted.find((m) => m.channel === channelKey(ref) && m.key === key && m.at >= since)
        ?.messageId ?? null,
  };

  return {
    publisher,
    posted,
    /** Queue outcomes or crash points for the next publish calls (any channel). */
    script: (...steps: Array<PublishResult | CrashPoint>) => scripted.push(...steps),
    /** Queue outcomes for one channel only. */
    scriptFor: (ref: ChannelRef, ...steps: Array<PublishResult | CrashPoint>) =>
      perChannel.set(channelKey(ref), [...(perChannel.get(channelKey(ref)) ?? []), ...steps]),
    /** Holds every publish to a channel until the returned function is called. */
    hold: (ref: ChannelRef): (() => void) => {
      let release = (): void => {};
      gates.set(channelKey(ref), new Promise<void>((r) => (release = r)));
      return () => {
        gates.delete(channelKey(ref));
        release();
      };
    },
    messagesTo: (ref: ChannelRef) => posted.filter((m) => m.channel === channelKey(ref)),
  };
}

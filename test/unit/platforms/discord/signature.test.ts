import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSignatureVerifier } from '../../../../src/platforms/discord/signature.js';

describe('interaction signatures', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const hex = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url').toString(
    'hex',
  );
  const now = new Date('2025-12-05T11:00:00Z');
  const verify = createSignatureVerifier(hex, () => now);
  const ts = String(now.getTime() / 1000);
  const body = Buffer.from('{"type":1}');
  const signed = (t: string, b: Buffer) =>
    sign(null, Buffer.concat([Buffer.from(t), b]), privateKey).toString('hex');

  it('accepts a fresh signature over timestamp + raw body', () => {
    expect(verify(signed(ts, body), ts, body)).toBe('ok');
    expect(verify(signed(ts, body).toUpperCase(), ts, body)).toBe('ok');
  });

  it('refuses missing, malformed, wrong and stale signatures', () => {
    expect(verify(undefined, ts, body)).toBe('missing');
    expect(verify(signed(ts, body), undefined, body)).toBe('missing');
    expect(verify('abc', ts, body)).toBe('bad');
    expect(verify(signed(ts, body), ts, Buffer.from('{"type":2}'))).toBe('bad');
    expect(verify(signed(ts, body), String(Number(ts) + 1), body)).toBe('bad');
    const old = String(Number(ts) - 301);
    expect(verify(signed(old, body), old, body)).toBe('stale');
    const recent = String(Number(ts) - 299);
    expect(verify(signed(recent, body), recent, body)).toBe('ok');
  });
});

import { type KeyObject, createPublicKey, verify } from 'node:crypto';

/** SPKI DER prefix of an Ed25519 public key: the 32 raw key bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Requests signed longer ago (or further ahead) than this are refused as replays. */
export const MAX_SIGNATURE_AGE_SECONDS = 300;

export type SignatureCheck = 'ok' | 'missing' | 'stale' | 'bad';

/**
 * Verifies Discord's interaction signatures: Ed25519 over `timestamp + raw body` with the
 * application's public key (64 hex characters, Developer Portal → General Information), plus a
 * freshness check the libraries leave out. Discord probes endpoints with bad signatures and
 * removes the URL unless they get 401, so every failure is reported the same way by the caller.
 * @see https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers
 */
export function createSignatureVerifier(publicKeyHex: string, now: () => Date) {
  const key: KeyObject = createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(publicKeyHex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
  return (
    signature: string | undefined,
    timestamp: string | undefined,
    body: Buffer,
  ): SignatureCheck => {
    if (!signature || !timestamp) return 'missing';
    if (!/^[0-9a-f]{128}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp)) return 'bad';
    const signed = verify(
      null,
      Buffer.concat([Buffer.from(timestamp), body]),
      key,
      Buffer.from(signature, 'hex'),
    );
    if (!signed) return 'bad';
    const age = now().getTime() / 1000 - Number(timestamp);
    return Math.abs(age) > MAX_SIGNATURE_AGE_SECONDS ? 'stale' : 'ok';
  };
}

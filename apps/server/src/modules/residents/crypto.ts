// ID numbers at rest: AES-256-GCM with a random 96-bit nonce per value
// ('v1.' + base64url(nonce | tag | ciphertext)), and an HMAC-SHA256 under a
// second key derived from the same secret, so duplicates are found without
// decrypting. The secret comes from RESIDENT_DATA_KEY (see config.ts).
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export interface FieldCipher {
  encrypt(clear: string): string;
  decrypt(stored: string): string;
  /** A keyed hash for equality look-ups (hex). */
  hash(clear: string): string;
}

export function fieldCipher(secret: string): FieldCipher {
  const ikm = Buffer.from(secret, 'utf8');
  const derive = (info: string) =>
    Buffer.from(hkdfSync('sha256', ikm, 'jiesu-residents', info, 32));
  const encKey = derive('aes-256-gcm');
  const macKey = derive('hmac-sha256');
  return {
    encrypt(clear) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([c.update(clear, 'utf8'), c.final()]);
      return `v1.${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url')}`;
    },
    decrypt(stored) {
      if (!stored.startsWith('v1.')) throw new Error('unknown cipher version');
      const raw = Buffer.from(stored.slice(3), 'base64url');
      const d = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    },
    hash(clear) {
      return createHmac('sha256', macKey).update(clear, 'utf8').digest('hex');
    },
  };
}

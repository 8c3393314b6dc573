import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt from Node's crypto (no native add-on to build). N=2^15, r=8, p=1 is
// OWASP's floor for scrypt; the parameters are stored with each hash so they
// can be raised later without invalidating old hashes.
const PARAMS = { N: 32768, r: 8, p: 1, keylen: 32 };

function scrypt(pw: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((ok, fail) =>
    scryptCb(pw, salt, keylen, { ...opts, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? fail(err) : ok(key),
    ),
  );
}

/** `cost` lowers N for test fixtures only; verification reads the parameters from the hash. */
export async function hashPassword(password: string, cost?: { N: number }): Promise<string> {
  const salt = randomBytes(16);
  const { r, p, keylen } = PARAMS;
  const N = cost?.N ?? PARAMS.N;
  const key = await scrypt(password, salt, keylen, { N, r, p });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(expected, actual);
}

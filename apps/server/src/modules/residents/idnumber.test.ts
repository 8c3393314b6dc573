// The ID number checksum (GB 11643, ISO 7064 MOD 11-2), the birth date and
// gender it carries, its masked form and the at-rest cipher: examples and
// properties over generated numbers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  idBirthDate,
  idCheckChar,
  idGender,
  isValidIdNumber,
  maskIdNumber,
  normaliseIdNumber,
} from './idnumber.js';
import { fieldCipher } from './crypto.js';

/** A valid 18-character number from an area code, a birth date and a sequence. */
const validId = fc
  .record({
    area: fc.integer({ min: 110000, max: 659999 }),
    date: fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2026-11-01T00:00:00Z'),
      noInvalidDate: true,
    }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ area, date, seq }) => {
    const d = date.toISOString().slice(0, 10).replace(/-/g, '');
    const first17 = `${area}${d}${String(seq).padStart(3, '0')}`;
    return first17 + idCheckChar(first17);
  });

describe('ID numbers', () => {
  it('accepts a known valid number and rejects a wrong check character', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber(normaliseIdNumber(' 11010519491231002x '))).toBe(true);
    expect(isValidIdNumber('110105194902300028')).toBe(false); // 30 February
    expect(isValidIdNumber('11010519491231002')).toBe(false); // 17 characters
    expect(idBirthDate('11010519491231002X')).toBe('1949-12-31');
    expect(idGender('11010519491231002X')).toBe('female');
    expect(maskIdNumber('110105194912310021')).toBe('110***********0021');
  });

  it('every generated number is valid, and changing any one digit makes it invalid', () => {
    fc.assert(
      fc.property(
        validId,
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (id, pos, delta) => {
          expect(isValidIdNumber(id)).toBe(true);
          const digit = (Number(id[pos]) + delta) % 10;
          const changed = id.slice(0, pos) + digit + id.slice(pos + 1);
          // MOD 11-2 catches every single-digit error (the weights are all non-zero mod 11).
          expect(isValidIdNumber(changed)).toBe(false);
        },
      ),
    );
  });

  it('the mask keeps 3 + 4 characters, hides the rest, and never shows the birth date', () => {
    fc.assert(
      fc.property(validId, (id) => {
        const m = maskIdNumber(id);
        expect(m).toHaveLength(18);
        expect(m.slice(0, 3)).toBe(id.slice(0, 3));
        expect(m.slice(-4)).toBe(id.slice(-4));
        expect(m.slice(3, 14)).toBe('*'.repeat(11));
        expect(m).not.toContain(id.slice(6, 14));
      }),
    );
  });

  it('the cipher round-trips, never stores the clear number, and hashes deterministically', () => {
    const c = fieldCipher('test-secret-of-at-least-32-characters!!');
    const other = fieldCipher('another-secret-of-at-least-32-chars!!!');
    fc.assert(
      fc.property(validId, (id) => {
        const a = c.encrypt(id);
        expect(a).not.toContain(id);
        expect(c.encrypt(id)).not.toBe(a); // a fresh nonce each time
        expect(c.decrypt(a)).toBe(id);
        expect(c.hash(id)).toBe(c.hash(id));
        expect(other.hash(id)).not.toBe(c.hash(id));
        expect(() => other.decrypt(a)).toThrow();
      }),
      { numRuns: 50 },
    );
  });
});

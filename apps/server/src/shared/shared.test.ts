import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hashPassword, verifyPassword } from './passwords.js';
import { maskName, maskPhone, normalisePhone } from './phone.js';

describe('passwords', () => {
  it('verifies the right password only, and salts every hash', async () => {
    const a = await hashPassword('正确的密码-1', { N: 1024 });
    const b = await hashPassword('正确的密码-1', { N: 1024 });
    expect(a).not.toBe(b);
    expect(await verifyPassword('正确的密码-1', a)).toBe(true);
    expect(await verifyPassword('正确的密码-2', a)).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$whatever')).toBe(false);
    expect(a.split('$')[1]).toBe('1024');
  });
});

const mobile = fc
  .tuple(fc.constantFrom('3', '4', '5', '6', '7', '8', '9'), fc.stringMatching(/^\d{9}$/))
  .map(([b, rest]) => `1${b}${rest}`);

describe('phone numbers', () => {
  it('normalise whatever the formatting, and mask to the first 3 and last 4 digits', () => {
    fc.assert(
      fc.property(
        mobile,
        fc.constantFrom('', '+86', '0086', '+86 '),
        fc.boolean(),
        (m, prefix, spaced) => {
          const shown = spaced ? `${m.slice(0, 3)} ${m.slice(3, 7)}-${m.slice(7)}` : m;
          expect(normalisePhone(`${prefix}${shown}`)).toBe(m);
          const masked = maskPhone(m);
          expect(masked).toBe(`${m.slice(0, 3)}****${m.slice(7)}`);
          // the middle four digits never survive, even when they repeat the last four
          expect(masked.slice(3, 7)).toBe('****');
          expect(masked.replace(/\D/g, '')).toHaveLength(7);
        },
      ),
    );
  });

  it('refuses what is not a phone number', () => {
    for (const bad of ['12345', '12812345678', '1381234567', '138123456789', 'abc', '']) {
      expect(normalisePhone(bad), bad).toBeNull();
    }
    expect(normalisePhone('010-62345678')).toBe('01062345678');
  });

  it('masks names but keeps the surname', () => {
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('李四')).toBe('李*');
    expect(maskName('欧阳明月')).toBe('欧**');
    expect(maskName('某')).toBe('*');
  });
});

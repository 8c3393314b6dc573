/**
 * Normalises a Chinese phone number to digits: mainland mobiles (11 digits,
 * 1[3-9]…), optionally with +86/0086, and fixed lines with an area code
 * (0xx-xxxxxxxx). Returns null when it does not parse.
 */
export function normalisePhone(raw: string): string | null {
  let s = raw.replace(/[\s\-()（）]/g, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  if (/^1[3-9]\d{9}$/.test(s)) return s;
  if (/^0\d{2,3}\d{7,8}$/.test(s)) return s;
  return null;
}

/** 138****5678 for mobiles; keeps the area code and last 4 of fixed lines. */
export function maskPhone(phone: string): string {
  if (phone.length === 11 && phone.startsWith('1'))
    return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** 张** — the surname stays, the given name is hidden. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(Math.min(chars.length - 1, 2));
}

// The Idempotency-Key itself (pure): what a valid key is, and the request fingerprint
// stored beside it, so the same key sent with another request is recognised.
import { createHash } from 'node:crypto';
import { AppError } from '../../shared/errors.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const MAX_KEY_LENGTH = 255;
/** Retry-After (seconds) on 409 IDEMPOTENCY_IN_PROGRESS. */
export const RETRY_AFTER_S = '1';

/** 1 to 255 printable ASCII characters (a UUID is the usual choice). */
const KEY = /^[\x20-\x7e]+$/;

/** The key as sent, or 400 IDEMPOTENCY_KEY_INVALID; undefined when the header is absent. */
export function checkKey(raw: string | string[] | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.length > MAX_KEY_LENGTH || !KEY.test(raw)) {
    throw new AppError('IDEMPOTENCY_KEY_INVALID', [
      { path: 'headers:/idempotency-key', message: '须为 1 至 255 个可见 ASCII 字符' },
    ]);
  }
  return raw;
}

/** JSON with object keys sorted at every level: the same request in any field order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** SHA-256 (hex) of the request's canonical JSON. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

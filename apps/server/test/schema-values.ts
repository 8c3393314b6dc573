// Values from the routes' JSON schemas, for the fuzzer and the generated
// authorization matrix: a plausible valid value (ids from a pool of real ones),
// and the ways to break one. Seeded: the same seed gives the same values.
import type { JsonSchema } from './openapi-ops.js';

/** mulberry32: small, fast, good enough to pick test inputs reproducibly. */
export function seeded(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p) => next() < p,
  };
}

export interface Rng {
  next(): number;
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
}

/** A 32-bit hash of a seed and an index: request i of a run is reproducible alone. */
export function mix(seed: number, i: number): number {
  let h = (seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

const PATTERN_EXAMPLES: Record<string, string> = {
  '^\\d{4}-\\d{2}-\\d{2}$': '2026-11-02',
  '^\\d{4}-(0[1-9]|1[0-2])$': '2026-11',
  '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$': '09:00',
};

/** Picks a real id for a uuid field; `name` is the property (or parameter) name. */
export type IdSource = (name: string, rng: Rng) => string;

function typeOf(s: JsonSchema): string | undefined {
  return Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
}

function stringFor(s: JsonSchema, name: string, rng: Rng, ids: IdSource): string {
  if (s.format === 'uuid') return ids(name, rng);
  if (s.format === 'date-time') return '2026-11-02T02:00:00.000Z';
  if (s.format === 'date') return '2026-11-02';
  if (s.format === 'email') return 'someone@example.org';
  if (s.format === 'uri' || s.format === 'url') return 'https://example.org/hook';
  if (s.pattern) return PATTERN_EXAMPLES[s.pattern] ?? (/[a-z]/.test(s.pattern) ? 'ab12' : 'AB12');
  if (/phone/i.test(name)) return '13900139000';
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 40;
  const base = '测试内容用于校验接口的输入';
  let out = base.slice(0, Math.max(min, Math.min(max, rng.int(2, 12))));
  while (out.length < min) out += '内';
  return out;
}

/** A value the schema accepts (as far as the schema alone says; patterns by example). */
export function validValue(
  s: JsonSchema,
  rng: Rng,
  ids: IdSource,
  name = '',
  depth = 0,
  optional = 0.5,
): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return rng.pick(s.enum);
  const branches = s.anyOf ?? s.oneOf;
  if (branches) {
    const usable = branches.filter((b) => b.type !== 'null');
    return validValue(rng.pick(usable.length ? usable : branches), rng, ids, name, depth, optional);
  }
  if (s.allOf) {
    const merged = s.allOf.reduce<JsonSchema>(
      (acc, b) => ({
        ...acc,
        ...b,
        properties: { ...acc.properties, ...b.properties },
        required: [...(acc.required ?? []), ...(b.required ?? [])],
      }),
      {},
    );
    return validValue(merged, rng, ids, name, depth, optional);
  }
  switch (typeOf(s)) {
    case 'string':
      return stringFor(s, name, rng, ids);
    case 'integer':
    case 'number': {
      const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
      const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : lo + 9);
      return rng.int(Math.ceil(lo), Math.max(Math.ceil(lo), Math.floor(hi)));
    }
    case 'boolean':
      return rng.chance(0.5);
    case 'array': {
      const n = Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 2, rng.int(0, 2)));
      const out: unknown[] = [];
      for (let i = 0; i < n && depth < 6; i++) {
        const v = validValue(s.items ?? {}, rng, ids, name, depth + 1, optional);
        if (!s.uniqueItems || !out.some((x) => JSON.stringify(x) === JSON.stringify(v)))
          out.push(v);
      }
      return out;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set(s.required ?? []);
      for (const [k, p] of Object.entries(s.properties ?? {})) {
        if (required.has(k) || (depth < 4 && rng.chance(optional))) {
          out[k] = validValue(p, rng, ids, k, depth + 1, optional);
        }
      }
      return out;
    }
    case 'null':
      return null;
    default:
      return 'x';
  }
}

/** The kinds of bad input the fuzzer sends; each operation gets every applicable kind. */
export const MUTATIONS = [
  'missing_required',
  'wrong_type',
  'out_of_range',
  'too_long',
  'bad_format',
  'bad_enum',
  'extra_property',
  'null_value',
  'odd_unicode',
  'deep_nesting',
  'huge_array',
  'malformed_json',
  'wrong_content_type',
  'bad_path',
  'other_tenant_id',
  'bad_query',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

/** Strings that have broken parsers, databases and renderers. */
export const ODD_STRINGS: readonly string[] = [
  '\ud800', // a lone high surrogate
  'a\udc00b', // a lone low surrogate
  'nul\u0000byte',
  '\u202eevil\u202c', // right-to-left override
  '\u200f\u200e\u061c', // RTL/LTR marks
  '\ufeffbom',
  '𠜎𠜱𠝹', // astral CJK
  '👨‍👩‍👧‍👦',
  'e\u0301\u0301\u0301',
  "'; DROP TABLE tickets; --",
  '%00%2e%2e%2f',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '\\u0000',
  ' ',
  '',
];

const DEEP = '\u0001deep:';

/** JSON text of a (mutated) value, with each deep-nesting marker expanded. */
export function toJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /"\\u0001deep:(\d+):([[{])"/g,
    (_, n: string, open: string) => {
      const depth = Number(n);
      return open === '['
        ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
        : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    },
  );
}

/** A place inside a value where a schema applies: its JSON pointer and its schema. */
interface Site {
  path: Array<string | number>;
  schema: JsonSchema;
}

function sitesOf(value: unknown, s: JsonSchema, path: Site['path'] = [], out: Site[] = []): Site[] {
  out.push({ path, schema: s });
  const t = typeOf(s);
  if (t === 'object' && value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, p] of Object.entries(s.properties ?? {})) {
      if (k in (value as object))
        sitesOf((value as Record<string, unknown>)[k], p, [...path, k], out);
    }
  } else if (t === 'array' && Array.isArray(value) && s.items) {
    value.forEach((v, i) => sitesOf(v, s.items!, [...path, i], out));
  }
  return out;
}

function setAt(root: unknown, path: Site['path'], v: unknown): unknown {
  if (path.length === 0) return v;
  let cur = root as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  cur[path[path.length - 1]!] = v;
  return root;
}

const WRONG: Record<string, unknown[]> = {
  string: [42, true, [], {}, ['a']],
  integer: ['12', 1.5, true, [], {}, '1e3'],
  number: ['x', true, [], {}],
  boolean: ['true', 1, 0, [], {}],
  array: ['a', 1, {}, true],
  object: ['a', 1, [], true],
};

const BAD_FORMAT: Record<string, string[]> = {
  uuid: [
    'not-a-uuid',
    '00000000-0000-0000-0000-00000000000g',
    '0000000-0000-0000-0000-000000000000',
    '{00000000-0000-0000-0000-000000000000}',
    '00000000000000000000000000000000',
    ' 00000000-0000-4000-8000-000000000000',
  ],
  'date-time': [
    '2026-13-45T99:00:00Z',
    '2026-11-02',
    'yesterday',
    '2026-02-30T10:00:00Z',
    '+275760-09-13T00:00:00.001Z',
    '0000-00-00T00:00:00Z',
  ],
};

/**
 * Applies one kind of breakage to a valid value. Returns undefined when the
 * kind does not apply to this schema (no enum to break, no string to lengthen…).
 */
export function mutateValue(
  valid: unknown,
  s: JsonSchema,
  kind: Mutation,
  rng: Rng,
): { value: unknown } | undefined {
  const value = structuredClone(valid);
  const sites = sitesOf(value, s);
  const choose = (pred: (x: Site) => boolean) => {
    const xs = sites.filter(pred);
    return xs.length ? rng.pick(xs) : undefined;
  };
  switch (kind) {
    case 'missing_required': {
      const site = choose(
        (x) => typeOf(x.schema) === 'object' && (x.schema.required?.length ?? 0) > 0,
      );
      if (!site) return undefined;
      const field = rng.pick(site.schema.required!);
      const obj = site.path.reduce<unknown>(
        (o, k) => (o as Record<string | number, unknown>)[k],
        value,
      );
      if (!obj || typeof obj !== 'object') return undefined;
      delete (obj as Record<string, unknown>)[field];
      return { value };
    }
    case 'wrong_type': {
      const site = choose((x) => typeOf(x.schema) !== undefined && x.schema.enum === undefined);
      if (!site) return undefined;
      return { value: setAt(value, site.path, rng.pick(WRONG[typeOf(site.schema)!] ?? [{}])) };
    }
    case 'out_of_range': {
      const site = choose((x) => {
        const t = typeOf(x.schema);
        return t === 'integer' || t === 'number' || t === 'array';
      });
      if (!site) return undefined;
      const sc = site.schema;
      if (typeOf(sc) === 'array') {
        const n = (sc.maxItems ?? 1000) + 1;
        return {
          value: setAt(
            value,
            site.path,
            Array.from({ length: n }, (_, i) => i),
          ),
        };
      }
      const candidates = [
        (sc.minimum ?? sc.exclusiveMinimum ?? 0) - 1,
        (sc.maximum ?? sc.exclusiveMaximum ?? 2 ** 31) + 1,
        Number.MAX_SAFE_INTEGER + 2,
        -1e308,
        1e308,
        2 ** 63,
        -0,
        0.000001,
      ];
      return { value: setAt(value, site.path, rng.pick(candidates)) };
    }
    case 'too_long': {
      const site = choose((x) => typeOf(x.schema) === 'string');
      if (!site) return undefined;
      const n = site.schema.maxLength !== undefined ? site.schema.maxLength + 1 : 100_000;
      const unit = rng.pick(['x', '字', '𠜎']);
      return { value: setAt(value, site.path, unit.repeat(n)) };
    }
    case 'bad_format': {
      const site = choose((x) => !!x.schema.format || !!x.schema.pattern);
      if (!site) return undefined;
      const bad = BAD_FORMAT[site.schema.format ?? ''] ?? ['2026/11/02', 'ab c', '\u0000', '1'];
      return { value: setAt(value, site.path, rng.pick(bad)) };
    }
    case 'bad_enum': {
      const site = choose((x) => !!x.schema.enum);
      if (!site) return undefined;
      const v = rng.pick(['NOT_AN_ENUM', '', 'Received', ' received', '__proto__', 0]);
      return { value: setAt(value, site.path, v) };
    }
    case 'extra_property': {
      const site = choose((x) => typeOf(x.schema) === 'object');
      if (!site) return undefined;
      const obj = site.path.reduce<unknown>(
        (o, k) => (o as Record<string | number, unknown>)[k],
        value,
      );
      if (!obj || typeof obj !== 'object') return undefined;
      (obj as Record<string, unknown>)[rng.pick(['unexpected', 'tenantId', 'id', 'isAdmin'])] =
        rng.pick([1, 'x', null, { a: 1 }]);
      return { value };
    }
    case 'null_value': {
      const site = choose((x) => !x.schema.nullable && x.schema.type !== 'null');
      if (!site) return undefined;
      return { value: setAt(value, site.path, null) };
    }
    case 'odd_unicode': {
      const site = choose((x) => typeOf(x.schema) === 'string' && !x.schema.enum);
      if (!site) return undefined;
      const odd = rng.pick(ODD_STRINGS);
      const base = structuredClone(
        site.path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], value),
      );
      const v = rng.chance(0.5) || typeof base !== 'string' ? odd : `${base}${odd}`;
      return { value: setAt(value, site.path, v) };
    }
    case 'deep_nesting': {
      // A marker: the nested text itself is made at serialization (see toJson), since
      // building and stringifying 100,000 levels of objects overflows the test's own stack.
      const site = rng.pick(sites);
      const depth = rng.pick([64, 1000, 5000, 100_000]);
      return { value: setAt(value, site.path, `${DEEP}${depth}:${rng.pick(['[', '{'])}`) };
    }
    case 'huge_array': {
      const site = choose((x) => typeOf(x.schema) === 'array') ?? rng.pick(sites);
      const n = rng.pick([10_000, 100_000]);
      return {
        value: setAt(
          value,
          site.path,
          Array.from({ length: n }, () => 'a'),
        ),
      };
    }
    default:
      return undefined;
  }
}

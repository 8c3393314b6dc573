// Fuzzing from the OpenAPI document: every operation gets invalid requests
// derived from its schemas (see test/fuzz.ts). No answer may be a 5xx, every
// 4xx carries a stable code and a message, no body shows a stack or a path.
// FUZZ_REQUESTS sets the volume (CI default below), FUZZ_SEED the seed; a
// failure prints the seed and index that replay it.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.js';
import { buildRequest, fuzzFixture, runFuzz, type FuzzFixture } from '../../../test/fuzz.js';
import { MUTATIONS } from '../../../test/schema-values.js';

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261102);

let ctx: TestContext;
let f: FuzzFixture;
beforeAll(async () => {
  ctx = await createTestContext();
  f = await fuzzFixture(ctx.c, ctx.app, ctx.clock);
});
afterAll(() => ctx.close());

describe('refusals before routing', () => {
  // Found by the fuzzer: Fastify answered these in its own shape ({ error: 'Bad Request',
  // code: 'FST_ERR_BAD_URL' }), outside the error contract.
  it('answers a path that is not valid percent-encoded UTF-8 with VALIDATION_FAILED', async () => {
    const headers = f.sessions.get('admin')!;
    const res = await ctx.app.inject({ method: 'GET', url: '/api/tickets/%ED%A0%80', headers });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.any(String),
    });
    expect(res.body).not.toContain('FST_');
  });

  it('answers a path parameter over the router limit with VALIDATION_FAILED', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `/api/tickets/${'a'.repeat(5000)}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.body).not.toContain('FST_');
  });
});

describe('broken uploads', () => {
  // Found by the fuzzer (seed 20261102, index 6190): a multipart content type over a body
  // that is not multipart made busboy throw a plain Error, answered 500.
  it('answers a multipart content type without multipart data with VALIDATION_FAILED', async () => {
    for (const payload of ['{"a":1}', '--x\r\nContent-Disposition: form-data; name="file"']) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/public/attachments',
        headers: { 'content-type': 'multipart/form-data; boundary=x', 'x-tenant': f.own.tenantId },
        payload,
      });
      expect(res.statusCode, payload).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('inputs that passed validation and broke the handler', () => {
  // Found by `npm run bench -- fuzz --requests 100000` (seed 20261102, indexes 20860, 65358):
  // a day matching YYYY-MM-DD that does not exist reached Date arithmetic (RangeError → 500).
  it('refuses a day that does not exist in a query', async () => {
    const headers = f.sessions.get('admin')!;
    for (const url of [
      '/api/insight/hotspots?from=2026-13-45',
      '/api/duties/patrols?to=2026-02-30',
    ]) {
      const res = await ctx.app.inject({ method: 'GET', url, headers });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  // Index 29923: a saved view's free-form filters took 5,000 levels of nesting, and
  // JSON.stringify on the way to the database overflowed the stack.
  it('refuses a body nested deeper than any schema, without walking it recursively', async () => {
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/me/views',
      headers: { ...f.sessions.get('admin')!, 'content-type': 'application/json' },
      payload: `{"name":"深","filters":${deep}}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details[0].message).toContain('嵌套');
  });
});

describe('fuzzing every operation of the OpenAPI document', () => {
  it('is reproducible: request i depends only on the seed and i', () => {
    const a = buildRequest(f, SEED, 4242);
    const b = buildRequest(f, SEED, 4242);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(buildRequest(f, SEED + 1, 4242))).not.toBe(JSON.stringify(a));
  });

  it(`answers ${REQUESTS} invalid requests with 4xx and a stable code, never 5xx`, async () => {
    const figures = await runFuzz(ctx.app, f, { seed: SEED, requests: REQUESTS });
    const { failures, ...summary } = figures;
    console.log(JSON.stringify({ engine: ctx.engine, ...summary }));
    if (process.env.FUZZ_REPORT)
      writeFileSync(process.env.FUZZ_REPORT, JSON.stringify(figures, null, 1));
    expect(failures, JSON.stringify(failures.slice(0, 10), null, 1)).toEqual([]);
    expect(figures.status5xx).toBe(0);
    expect(figures.leaks).toBe(0);
    // Every operation of the document was fuzzed, with every kind of breakage.
    expect(figures.operationsCovered).toBe(f.ops.length);
    if (REQUESTS >= f.ops.length * MUTATIONS.length) {
      expect(Object.keys(figures.byMutation).sort()).toEqual([...MUTATIONS].sort());
    }
    expect(f.ops.length).toBeGreaterThan(400);
  }, 300_000);
});

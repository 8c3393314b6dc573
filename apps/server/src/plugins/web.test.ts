import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildContainer } from '../container.js';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../config.js';
import { systemClock } from '../shared/clock.js';

// No request here reaches the database: the container gets none.
let app: App;
beforeAll(async () => {
  const dist = mkdtempSync(join(tmpdir(), 'jiesu-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><title>接诉即办</title><div id="root"></div>',
  );
  writeFileSync(join(dist, 'assets', 'app-abc123.js'), 'console.log(1);'.repeat(200));
  const c = buildContainer({
    db: undefined as never,
    clock: systemClock,
    config: { ...loadConfig({}), webDist: dist },
  });
  app = await buildApp(c);
  await app.ready();
  // Building the whole app takes seconds on a loaded machine.
}, 60_000);
afterAll(() => app.close());

describe('serving the web application', () => {
  it('answers client-side routes with index.html, uncached', async () => {
    for (const url of ['/', '/m/raise', '/tickets/123?state=received']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<div id="root">');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets for a year, compressed when asked', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/assets/app-abc123.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-encoding']).toBe('gzip');
  });

  it('keeps real 404s for missing assets and unknown API paths', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/missing.js' });
    expect(asset.statusCode).toBe(404);
    const api = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('NOT_FOUND');
    const post = await app.inject({ method: 'POST', url: '/m/raise' });
    expect(post.statusCode).toBe(404);
  });
});

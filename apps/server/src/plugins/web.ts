// Serves the built web application (apps/web/dist): hashed assets cached for a
// year, index.html for every other GET outside the API so client-side routes
// work on reload. A missing asset stays a real 404.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

const NOT_APP = /^\/(api|openapi\.json|healthz|readyz|assets)(\/|$|\?)/;

export async function registerWeb(
  app: FastifyInstance,
  dist: string | undefined,
): Promise<boolean> {
  if (!dist || !existsSync(join(dist, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: dist,
    prefix: '/',
    wildcard: false,
    index: false,
    setHeaders(res, path) {
      res.header(
        'cache-control',
        path.includes(`${join(dist, 'assets')}`)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      );
    },
  });
  return true;
}

/** Whether a not-found GET should get the app's index.html. */
export function wantsApp(method: string, url: string): boolean {
  return (method === 'GET' || method === 'HEAD') && !NOT_APP.test(url);
}

import { ErrorBody, PlaceResolution, PlaceResolveQuery } from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireStaff } from '../../plugins/auth.js';

/** Place resolution for staff, and the same for residents (no sign-in, rate-limited). */
export function gridRoutes(
  app: App,
  c: Container,
  limits: { max: number; timeWindow: number },
): void {
  app.get('/api/places/resolve', {
    preHandler: requireStaff,
    schema: {
      tags: ['grid'],
      summary: '由坐标(落在哪个边界内)或地址文字(含哪个村社区、网格名)确定网格、村社区和街乡镇',
      querystring: PlaceResolveQuery,
      response: { 200: PlaceResolution, 400: ErrorBody, 401: ErrorBody },
    },
    handler: (req) => c.places.resolve(actorOf(req).tenantId, req.query),
  });

  app.get('/api/public/places/resolve', {
    config: { rateLimit: { max: limits.max, timeWindow: limits.timeWindow } },
    schema: {
      tags: ['public'],
      summary: '群众定位:由坐标或地址确定所在网格、村社区和街乡镇',
      querystring: PlaceResolveQuery,
      response: { 200: PlaceResolution, 400: ErrorBody, 429: ErrorBody },
    },
    handler: async (req) => {
      const h = req.headers['x-tenant'];
      const tenant = await c.defaultTenant(typeof h === 'string' ? h : undefined);
      return c.places.resolve(tenant, req.query);
    },
  });
}

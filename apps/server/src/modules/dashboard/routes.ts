import {
  DashboardGeo,
  DashboardGeoQuery,
  DashboardQuery,
  DashboardView,
  ErrorBody,
} from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireStaff } from '../../plugins/auth.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

/** 驾驶舱: trend, categories, villages per 10,000 residents, channels, KPIs and ranking, from the rollups. */
export function dashboardRoutes(app: App, c: Container): void {
  app.get('/api/dashboard', {
    preHandler: requireStaff,
    schema: {
      tags: ['dashboard'],
      summary:
        '驾驶舱:日期范围内的受理与办结趋势、一级类别、各村(社区)数量及每万人诉求量、渠道、关键指标和当月三率综合得分排名(读日汇总表)',
      querystring: DashboardQuery,
      response: { 200: DashboardView, ...errors },
    },
    handler: (req) => c.dashboard.view(actorOf(req), req.query),
  });

  app.get('/api/dashboard/geo', {
    preHandler: requireStaff,
    schema: {
      tags: ['dashboard'],
      summary: '驾驶舱地图:范围内各村(社区)边界(GeoJSON FeatureCollection)',
      querystring: DashboardGeoQuery,
      response: { 200: DashboardGeo, ...errors },
    },
    handler: (req) => c.dashboard.geo(actorOf(req), req.query),
  });
}

import { Type } from '@sinclair/typebox';
import { ErrorBody, GridBoundaryView, SaveGridBoundaryBody, Uuid } from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireStaff } from '../../plugins/auth.js';

const IdParams = Type.Object({ id: Uuid });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** The boundary drawing editor's reads and writes (a grid's keepers). */
export function gridBoundaryRoutes(app: App, c: Container): void {
  app.get('/api/grids/:id/boundary', {
    preHandler: requireStaff,
    schema: {
      tags: ['grid'],
      summary: '网格边界,及所属村(社区)和本村其他网格的边界(绘制边界用)',
      params: IdParams,
      response: { 200: GridBoundaryView, ...errors },
    },
    handler: (req) => c.gridBoundaries.view(actorOf(req), req.params.id),
  });

  app.put('/api/grids/:id/boundary', {
    preHandler: requireStaff,
    schema: {
      tags: ['grid'],
      summary: '保存绘制或导入的网格边界(GeoJSON;null 清除);自相交等错误逐条返回',
      params: IdParams,
      body: SaveGridBoundaryBody,
      response: { 200: GridBoundaryView, ...errors },
    },
    handler: (req) => c.gridBoundaries.save(actorOf(req), req.params.id, req.body),
  });
}

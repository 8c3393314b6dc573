import { Type } from '@sinclair/typebox';
import { ErrorBody, JurisdictionView, UnitView } from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireStaff } from '../../plugins/auth.js';

export function orgRoutes(app: App, c: Container): void {
  app.get('/api/org/jurisdictions', {
    preHandler: requireStaff,
    schema: {
      tags: ['org'],
      summary: '行政区划树(扁平列表,含上级)',
      response: { 200: Type.Array(JurisdictionView), 401: ErrorBody },
    },
    handler: (req) => c.org.jurisdictions(actorOf(req).tenantId),
  });
  app.get('/api/org/units', {
    preHandler: requireStaff,
    schema: {
      tags: ['org'],
      summary: '单位(委办局、街乡、村社区、科室、网格、派单中心)',
      response: { 200: Type.Array(UnitView), 401: ErrorBody },
    },
    handler: (req) => c.org.units(actorOf(req).tenantId),
  });
}

import { Type } from '@sinclair/typebox';
import {
  CheckList,
  CheckListQuery,
  CheckView,
  CreateCheckBody,
  CreateReceptionBody,
  ErrorBody,
  GradeReceptionBody,
  PublicStudio,
  PublicStudioQuery,
  PublicStudios,
  ReceptionList,
  ReceptionListQuery,
  ReceptionView,
  RevealedVisitor,
  RosterMonth,
  RosterQuery,
  SaveRosterBody,
  SaveStudioBody,
  StudioList,
  StudioStats,
  StudioStatsQuery,
  StudioView,
  Uuid,
} from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireStaff } from '../../plugins/auth.js';

const IdParams = Type.Object({ id: Uuid });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['studio'];

/** 我来办工作室: staff routes (the village keeps, those above read) and the resident page. */
export function studioRoutes(
  app: App,
  c: Container,
  limits: { max: number; timeWindow: number },
): void {
  app.get('/api/studios', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '本辖区的村(社区)及其我来办工作室',
      response: { 200: StudioList, ...errors },
    },
    handler: (req) => c.studios.list(actorOf(req)),
  });

  app.get('/api/studios/stats', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '工作室月度统计:接待量(当场答复、转工单)、小事/大事/难事、定期排查、值班缺口',
      querystring: StudioStatsQuery,
      response: { 200: StudioStats, ...errors },
    },
    handler: (req) => c.studios.stats(actorOf(req), req.query.month),
  });

  app.put('/api/villages/:id/studio', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '设立或修改本村(社区)的我来办工作室(名称、公开电话、地址、书记接待日)',
      params: IdParams,
      body: SaveStudioBody,
      response: { 200: StudioView, ...errors },
    },
    handler: (req) => c.studios.save(actorOf(req), req.params.id, req.body),
  });

  app.get('/api/studios/:id/roster', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '值班表(按月):每个工作日的值班两委成员、书记接待日、未安排值班的工作日',
      params: IdParams,
      querystring: RosterQuery,
      response: { 200: RosterMonth, ...errors },
    },
    handler: (req) => c.studios.roster(actorOf(req), req.params.id, req.query.month),
  });

  app.put('/api/studios/:id/roster', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '保存一个月的值班表(整月替换);未安排值班的工作日在返回的 gaps 中列出',
      params: IdParams,
      body: SaveRosterBody,
      response: { 200: RosterMonth, ...errors },
    },
    handler: (req) => c.studios.saveRoster(actorOf(req), req.params.id, req.body),
  });

  app.get('/api/studios/:id/receptions', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '接待登记(来访人姓名、电话已脱敏)',
      params: IdParams,
      querystring: ReceptionListQuery,
      response: { 200: ReceptionList, ...errors },
    },
    handler: (req) => c.studios.receptions(actorOf(req), req.params.id, req.query),
  });

  app.post('/api/studios/:id/receptions', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '登记来访:当场答复,或转为工单(渠道“我来办工作室”,属地为本村社区)',
      params: IdParams,
      body: CreateReceptionBody,
      response: { 201: ReceptionView, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await c.studios.receive(actorOf(req), req.params.id, req.body)),
  });

  app.post('/api/studio-receptions/:id/grade', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '分级:小事(村办)、大事(村代理上交街乡镇)、难事(街乡镇吹哨部门)',
      params: IdParams,
      body: GradeReceptionBody,
      response: { 200: ReceptionView, ...errors },
    },
    handler: (req) => c.studios.grade(actorOf(req), req.params.id, req.body),
  });

  app.post('/api/studio-receptions/:id/reveal', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '查看来访人完整姓名和电话(记录查看日志)',
      params: IdParams,
      response: { 200: RevealedVisitor, ...errors },
    },
    handler: (req) => c.studios.revealVisitor(actorOf(req), req.params.id),
  });

  app.get('/api/studios/:id/checks', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '定期排查台账',
      params: IdParams,
      querystring: CheckListQuery,
      response: { 200: CheckList, ...errors },
    },
    handler: (req) => c.studios.checks(actorOf(req), req.params.id, req.query),
  });

  app.post('/api/studios/:id/checks', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '登记一次定期排查(发现问题可当场处置或转为工单)',
      params: IdParams,
      body: CreateCheckBody,
      response: { 201: CheckView, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await c.studios.addCheck(actorOf(req), req.params.id, req.body)),
  });

  app.get('/api/studios/:id/checks/export.xlsx', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '导出定期排查台账(Excel)',
      params: IdParams,
      querystring: CheckListQuery,
    },
    handler: async (req, reply) => {
      const data = await c.studios.exportChecks(actorOf(req), req.params.id, req.query);
      const name = `定期排查台账-${c.clock.now().toISOString().slice(0, 10)}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(data);
    },
  });

  const tenantOf = (h: string | string[] | undefined) =>
    c.defaultTenant(typeof h === 'string' ? h : undefined);
  const rateLimit = { max: limits.max, timeWindow: limits.timeWindow };

  app.get('/api/public/studio', {
    config: { rateLimit },
    schema: {
      tags: ['public'],
      summary: '村(社区)我来办工作室:地址、公开电话、本周值班、书记接待日',
      querystring: PublicStudioQuery,
      response: { 200: PublicStudio, 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
    },
    handler: async (req) =>
      c.studios.publicStudio(await tenantOf(req.headers['x-tenant']), req.query.place),
  });

  app.get('/api/public/studios', {
    config: { rateLimit },
    schema: {
      tags: ['public'],
      summary: '已设立我来办工作室的村(社区)',
      response: { 200: PublicStudios, 429: ErrorBody },
    },
    handler: async (req) => c.studios.publicStudios(await tenantOf(req.headers['x-tenant'])),
  });
}

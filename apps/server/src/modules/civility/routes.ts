import { Type } from '@sinclair/typebox';
import {
  AddCivilityEntriesBody,
  AddCivilityEntriesResult,
  CivilityEntryView,
  CivilityExportQuery,
  CivilityHouseholdList,
  CivilityHouseholdListQuery,
  CivilityLedger,
  CivilityLedgerQuery,
  CivilityPlaces,
  CivilityRankingQuery,
  CivilityRuleHistory,
  CivilityRuleList,
  CivilityRuleView,
  CreateCivilityRuleBody,
  ErrorBody,
  PublicCivilityRanking,
  PublicCivilityVillages,
  ReverseCivilityEntryBody,
  UpdateCivilityRuleBody,
  Uuid,
} from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireRole, requireStaff } from '../../plugins/auth.js';

const IdParams = Type.Object({ id: Uuid });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** Civility points (文明积分): staff ledger and rules; the public quarterly board (no sign-in, rate-limited). */
export function civilityRoutes(
  app: App,
  c: Container,
  limits: { max: number; timeWindow: number },
): void {
  const tags = ['civility'];

  app.get('/api/civility/places', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '本人范围内有住户的村(社区)及其网格,当前季度和可选季度',
      response: { 200: CivilityPlaces, ...errors },
    },
    handler: (req) => c.civility.places(actorOf(req)),
  });

  app.get('/api/civility/households', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '住户积分:本人范围内的住户及其季度积分(按季度积分从高到低;户主姓名脱敏)',
      querystring: CivilityHouseholdListQuery,
      response: { 200: CivilityHouseholdList, ...errors },
    },
    handler: (req) => c.civility.households(actorOf(req), req.query),
  });

  app.get('/api/civility/households/:id', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '一户的积分台账(全部记录,含冲正)',
      params: IdParams,
      querystring: CivilityLedgerQuery,
      response: { 200: CivilityLedger, ...errors },
    },
    handler: (req) => c.civility.ledger(actorOf(req), req.params.id, req.query),
  });

  app.post('/api/civility/entries', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary:
        '录入积分:村(社区)工作人员按手工规则为本村一户或多户(批量)记分;超过规则的季度上限时整批不记',
      body: AddCivilityEntriesBody,
      response: { 201: AddCivilityEntriesResult, ...errors },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await c.civility.addEntries(actorOf(req), req.body)),
  });

  app.post('/api/civility/entries/:id/reverse', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '冲正一条积分记录:新增一条分值相反的记录(台账只增不改),每条只能冲正一次',
      params: IdParams,
      body: ReverseCivilityEntryBody,
      response: { 201: CivilityEntryView, ...errors },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await c.civility.reverse(actorOf(req), req.params.id, req.body)),
  });

  app.get('/api/civility/rules', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '积分规则(首次使用时写入默认规则)',
      response: { 200: CivilityRuleList, ...errors },
    },
    handler: (req) => c.civility.rules(actorOf(req)),
  });

  app.post('/api/civility/rules', {
    preHandler: requireRole('admin'),
    schema: {
      tags,
      summary: '新增积分规则(管理员)',
      body: CreateCivilityRuleBody,
      response: { 201: CivilityRuleView, ...errors },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await c.civility.createRule(actorOf(req), req.body)),
  });

  app.put('/api/civility/rules/:id', {
    preHandler: requireRole('admin'),
    schema: {
      tags,
      summary: '修改积分规则(管理员):版本号加一,旧版本保留在修改记录中;已记的积分不变',
      params: IdParams,
      body: UpdateCivilityRuleBody,
      response: { 200: CivilityRuleView, ...errors },
    },
    handler: (req) => c.civility.updateRule(actorOf(req), req.params.id, req.body),
  });

  app.get('/api/civility/rules/:id/history', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '积分规则的修改记录(每个版本及修改人、时间)',
      params: IdParams,
      response: { 200: CivilityRuleHistory, ...errors },
    },
    handler: (req) => c.civility.ruleHistory(actorOf(req), req.params.id),
  });

  app.get('/api/civility/ranking/export.xlsx', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '导出季度积分排名(Excel):本人范围内各村(社区),或指定的一个',
      querystring: CivilityExportQuery,
    },
    handler: async (req, reply) => {
      const f = await c.civility.exportRanking(actorOf(req), req.query);
      return reply
        .header('content-type', f.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
        .send(f.data);
    },
  });

  const rateLimit = { max: limits.max, timeWindow: limits.timeWindow };
  const tenantOf = (h: string | string[] | undefined) =>
    c.defaultTenant(typeof h === 'string' ? h : undefined);

  app.get('/api/public/civility/villages', {
    config: { rateLimit },
    schema: {
      tags: ['public'],
      summary: '文明积分公示:可选的村(社区)',
      response: { 200: PublicCivilityVillages, 400: ErrorBody, 429: ErrorBody },
    },
    handler: async (req) => c.civility.publicVillages(await tenantOf(req.headers['x-tenant'])),
  });

  app.get('/api/public/civility/ranking', {
    config: { rateLimit },
    schema: {
      tags: ['public'],
      summary:
        '文明积分公示:一个村(社区)某季度的住户积分排名前 50 名(只显示门牌地址和户主姓氏,如 王**)',
      querystring: CivilityRankingQuery,
      response: { 200: PublicCivilityRanking, 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
    },
    handler: async (req) =>
      c.civility.publicRanking(await tenantOf(req.headers['x-tenant']), req.query),
  });
}

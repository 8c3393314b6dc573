import { Type } from '@sinclair/typebox';
import {
  DeliberationCandidates,
  DeliberationList,
  DeliberationListQuery,
  ElderPanelList,
  ElderPanelView,
  ErrorBody,
  EscalationList,
  EscalationListQuery,
  EscalationStats,
  LedgerStats,
  PeriodQuery,
  PublicNoticeBoard,
  PublicNoticeQuery,
  PutElderPanelBody,
  TicketDeliberation,
  Uuid,
} from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireStaff } from '../../plugins/auth.js';

const IdParams = Type.Object({ id: Uuid });
const UnitParams = Type.Object({ unitId: Uuid });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function deliberationRoutes(app: App, c: Container): void {
  app.get('/api/tickets/:id/deliberation', {
    preHandler: requireStaff,
    schema: {
      tags: ['deliberation'],
      summary: '工单的上交申请、下交群评台账、议事记录和公示',
      params: IdParams,
      response: { 200: TicketDeliberation, ...errors },
    },
    handler: (req) => c.deliberation.forTicket(actorOf(req), req.params.id),
  });

  app.get('/api/escalations', {
    preHandler: requireStaff,
    schema: {
      tags: ['deliberation'],
      summary: '上交(提级)申请列表:box=to 待本单位审核,box=from 本单位提出',
      querystring: EscalationListQuery,
      response: { 200: EscalationList, ...errors },
    },
    handler: (req) => c.deliberation.escalations(actorOf(req), req.query),
  });

  app.get('/api/escalations/stats', {
    preHandler: requireStaff,
    schema: {
      tags: ['deliberation'],
      summary: '各单位上交次数:提出、上级接办、不予提级、待审核',
      querystring: PeriodQuery,
      response: { 200: EscalationStats, ...errors },
    },
    handler: (req) => c.deliberation.escalationStats(actorOf(req), req.query),
  });

  app.get('/api/deliberations', {
    preHandler: requireStaff,
    schema: {
      tags: ['deliberation'],
      summary: '下交群评台账(挂账):筛选、排序、分页',
      querystring: DeliberationListQuery,
      response: { 200: DeliberationList, ...errors },
    },
    handler: (req) => c.deliberation.ledger(actorOf(req), req.query),
  });

  app.get('/api/deliberations/export', {
    preHandler: requireStaff,
    schema: {
      tags: ['deliberation'],
      summary: '导出下交群评台账(Excel,不含诉求人个人信息)',
      querystring: DeliberationListQuery,
    },
    handler: async (req, reply) => {
      const data = await c.deliberation.ledgerXlsx(actorOf(req), req.query);
      const name = `下交群评台账-${c.clock.now().toISOString().slice(0, 10)}.xlsx`;
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(data);
    },
  });

  app.get('/api/deliberations/stats', {
    preHandler: requireStaff,
    schema: {
      tags: ['deliberation'],
      summary: '各村(社区)、街乡镇下交群评化解率',
      querystring: PeriodQuery,
      response: { 200: LedgerStats, ...errors },
    },
    handler: (req) => c.deliberation.ledgerStats(actorOf(req), req.query),
  });

  app.get('/api/deliberations/candidates', {
    preHandler: requireStaff,
    schema: {
      tags: ['deliberation'],
      summary: '可提议下交群评的工单:同一诉求人同一事项多次诉求,或回访未解决重办',
      response: { 200: DeliberationCandidates, ...errors },
    },
    handler: (req) => c.deliberation.candidates(actorOf(req)),
  });

  app.get('/api/elder-panels', {
    preHandler: requireStaff,
    schema: {
      tags: ['deliberation'],
      summary: '各村(社区)现任三老评议团',
      response: { 200: ElderPanelList, ...errors },
    },
    handler: (req) => c.deliberation.panels(actorOf(req)),
  });

  app.put('/api/elder-panels/:unitId', {
    preHandler: requireStaff,
    schema: {
      tags: ['deliberation'],
      summary: '组建或换届村(社区)三老评议团(5 至 10 人)',
      params: UnitParams,
      body: PutElderPanelBody,
      response: { 200: ElderPanelView, ...errors },
    },
    handler: (req) => c.deliberation.putPanel(actorOf(req), req.params.unitId, req.body),
  });

  app.get('/api/public/notices', {
    schema: {
      tags: ['public'],
      summary: '村(社区)公示栏:正在公示的群众评议结果(不含诉求人身份)',
      querystring: PublicNoticeQuery,
      response: { 200: PublicNoticeBoard, 400: ErrorBody },
    },
    handler: async (req) => {
      const h = req.headers['x-tenant'];
      const tenant = await c.defaultTenant(typeof h === 'string' ? h : undefined);
      return c.deliberation.publicNotices(tenant, req.query);
    },
  });
}

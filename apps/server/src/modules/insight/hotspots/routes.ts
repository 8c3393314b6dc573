import { Type } from '@sinclair/typebox';
import {
  ErrorBody,
  HotspotAccess,
  HotspotActionResult,
  HotspotAlertList,
  HotspotAlertListQuery,
  HotspotAlertView,
  HotspotConfig,
  HotspotList,
  HotspotQuery,
  HotspotSweepResult,
  RepeatCheck,
  RepeatCheckQuery,
  StartHotspotProjectBody,
  StartHotspotSweepBody,
  TicketRepeats,
  Uuid,
} from '@jiesu/contracts';
import type { FastifyReply } from 'fastify';
import type { App } from '../../../app.js';
import type { Container } from '../../../container.js';
import { actorOf, requireStaff } from '../../../plugins/auth.js';

const IdParams = Type.Object({ id: Uuid });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['insight'];

export function hotspotRoutes(app: App, c: Container): void {
  app.get('/api/insight/hotspots/access', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '本人能否查看热点发现,能否一键立项、主动排查(菜单用,不返回403)',
      response: { 200: HotspotAccess, ...errors },
    },
    handler: async (req) => c.hotspots.access(actorOf(req)),
  });

  app.get('/api/insight/hotspots/export.xlsx', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '热点发现列表导出(Excel,每个工单一行)',
      querystring: HotspotQuery,
      response: { ...errors },
    },
    handler: async (req, reply) => {
      const f = await c.hotspots.exportXlsx(actorOf(req), req.query);
      return (reply as FastifyReply)
        .header('content-type', f.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
        .send(f.data);
    },
  });

  app.get('/api/insight/hotspots', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '热点发现:时间窗内同一地点同一问题、来自不同诉求人的诉求组,按热度排序(窗口最长90天)',
      querystring: HotspotQuery,
      response: { 200: HotspotList, ...errors },
    },
    handler: (req) => c.hotspots.list(actorOf(req), req.query),
  });

  app.post('/api/insight/hotspots/sweep', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '按本区阈值扫描热点并生成预警(幂等:同一热点只预警一次),通知指挥中心',
      response: { 200: HotspotSweepResult, ...errors },
    },
    handler: (req) => c.hotspots.sweepNow(actorOf(req)),
  });

  app.get('/api/insight/hotspots/config', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '热点预警阈值(最少诉求数、最少诉求人数、时间窗天数)',
      response: { 200: HotspotConfig, ...errors },
    },
    handler: (req) => c.hotspots.config(actorOf(req)),
  });

  app.put('/api/insight/hotspots/config', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '修改热点预警阈值(管理员)',
      body: HotspotConfig,
      response: { 200: HotspotConfig, ...errors },
    },
    handler: (req) => c.hotspots.updateConfig(actorOf(req), req.body),
  });

  app.get('/api/insight/hotspots/alerts', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '热点预警列表,含已立项、已下发主动排查的记录',
      querystring: HotspotAlertListQuery,
      response: { 200: HotspotAlertList, ...errors },
    },
    handler: (req) => c.hotspots.alerts(actorOf(req), req.query),
  });

  app.post('/api/insight/hotspots/alerts/:id/ack', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '确认热点预警',
      params: IdParams,
      response: { 200: HotspotAlertView, ...errors },
    },
    handler: (req) => c.hotspots.acknowledge(actorOf(req), req.params.id),
  });

  app.post('/api/insight/hotspots/project', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '一键立项:以热点的诉求建立共性问题项目并关联全部工单(指挥中心派单员、督办员)',
      body: StartHotspotProjectBody,
      response: { 200: HotspotActionResult, ...errors },
    },
    handler: (req) => c.hotspots.startProject(actorOf(req), req.body),
  });

  app.post('/api/insight/hotspots/broadcast', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '主动排查:向热点所在村(社区)下全部网格员下发排查指令(一令到底的发送权限)',
      body: StartHotspotSweepBody,
      response: { 200: HotspotActionResult, ...errors },
    },
    handler: (req) => c.hotspots.startSweep(actorOf(req), req.body),
  });

  app.get('/api/intake/repeat-check', {
    preHandler: requireStaff,
    schema: {
      tags: ['intake'],
      summary: '重复诉求检查:该来电人在重复期内是否反映过相似问题(同一诉求人、相似内容和地点)',
      querystring: RepeatCheckQuery,
      response: { 200: RepeatCheck, ...errors },
    },
    handler: (req) => c.repeats.check(actorOf(req), req.query),
  });

  app.get('/api/tickets/:id/repeats', {
    preHandler: requireStaff,
    schema: {
      tags: ['intake'],
      summary: '工单的重复诉求:它重复的前一诉求,以及重复它的后续诉求',
      params: IdParams,
      response: { 200: TicketRepeats, ...errors },
    },
    handler: (req) => c.repeats.ofTicket(actorOf(req), req.params.id),
  });
}

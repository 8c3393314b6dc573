import { Type } from '@sinclair/typebox';
import {
  CreateProjectBody,
  ErrorBody,
  LinkTicketsBody,
  NewMilestoneBody,
  ProjectLinkResult,
  ProjectList,
  ProjectListQuery,
  ProjectReplyBody,
  ProjectReplyResult,
  ProjectTicketsQuery,
  ProjectView,
  ProjectVolume,
  TicketList,
  TicketProjects,
  UnlinkTicketsBody,
  UpdateMilestoneBody,
  UpdateProjectBody,
  Uuid,
} from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireStaff } from '../../plugins/auth.js';

const IdParams = Type.Object({ id: Uuid });
const MilestoneParams = Type.Object({ id: Uuid, milestoneId: Uuid });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['projects'];

export function projectRoutes(app: App, c: Container): void {
  app.get('/api/projects', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '共性问题专项列表(筛选、排序、分页)',
      querystring: ProjectListQuery,
      response: { 200: ProjectList, ...errors },
    },
    handler: (req) => c.projects.list(actorOf(req), req.query),
  });

  app.post('/api/projects', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '新建共性问题专项(指挥中心派单员、督办人员,或牵头单位负责人)',
      body: CreateProjectBody,
      response: { 201: ProjectView, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await c.projects.create(actorOf(req), req.body)),
  });

  app.get('/api/projects/export.xlsx', {
    preHandler: requireStaff,
    schema: { tags, summary: '导出当前筛选的专项列表(Excel)', querystring: ProjectListQuery },
    handler: async (req, reply) => {
      const data = await c.projects.exportXlsx(actorOf(req), req.query);
      const name = `共性问题专项-${c.clock.now().toISOString().slice(0, 10)}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(data);
    },
  });

  app.get('/api/projects/:id', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '专项详情,含节点和当前用户可做的事',
      params: IdParams,
      response: { 200: ProjectView, ...errors },
    },
    handler: (req) => c.projects.view(actorOf(req), req.params.id),
  });

  app.patch('/api/projects/:id', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '修改专项信息或状态(须带 expectedVersion,版本不符返回 409)',
      params: IdParams,
      body: UpdateProjectBody,
      response: { 200: ProjectView, ...errors },
    },
    handler: (req) => c.projects.update(actorOf(req), req.params.id, req.body),
  });

  app.post('/api/projects/:id/milestones', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '添加节点',
      params: IdParams,
      body: NewMilestoneBody,
      response: { 200: ProjectView, ...errors },
    },
    handler: (req) => c.projects.addMilestone(actorOf(req), req.params.id, req.body),
  });

  app.patch('/api/projects/:id/milestones/:milestoneId', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '修改节点;done=true 标记完成,false 取消完成',
      params: MilestoneParams,
      body: UpdateMilestoneBody,
      response: { 200: ProjectView, ...errors },
    },
    handler: (req) =>
      c.projects.updateMilestone(actorOf(req), req.params.id, req.params.milestoneId, req.body),
  });

  app.get('/api/projects/:id/tickets', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '专项纳入的工单(仅当前用户可见的;不含诉求人信息)',
      params: IdParams,
      querystring: ProjectTicketsQuery,
      response: { 200: TicketList, ...errors },
    },
    handler: (req) => c.projects.tickets(actorOf(req), req.params.id, req.query),
  });

  app.post('/api/projects/:id/tickets', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '纳入工单:逐件执行“纳入共性问题专项”操作,逐件返回结果',
      params: IdParams,
      body: LinkTicketsBody,
      response: { 200: ProjectLinkResult, ...errors },
    },
    handler: (req) => c.projects.link(actorOf(req), req.params.id, req.body),
  });

  app.post('/api/projects/:id/tickets/unlink', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '移出工单:逐件执行“移出专项”操作,逐件返回结果',
      params: IdParams,
      body: UnlinkTicketsBody,
      response: { 200: ProjectLinkResult, ...errors },
    },
    handler: (req) => c.projects.unlink(actorOf(req), req.params.id, req.body),
  });

  app.post('/api/projects/:id/reply', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary:
        '统一答复:对纳入的、处于已派单/已签收/办理中/已反馈的工单逐件执行“专项统一答复”,其余计为跳过',
      params: IdParams,
      body: ProjectReplyBody,
      response: { 200: ProjectReplyResult, ...errors },
    },
    handler: (req) => c.projects.reply(actorOf(req), req.params.id, req.body),
  });

  app.get('/api/projects/:id/volume', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '专项问题(分类 × 区域)开始前后每月受理量、月均和变化',
      params: IdParams,
      response: { 200: ProjectVolume, ...errors },
    },
    handler: (req) => c.projects.volume(actorOf(req), req.params.id),
  });

  app.get('/api/tickets/:id/projects', {
    preHandler: requireStaff,
    schema: {
      tags: ['tickets'],
      summary: '工单所在的共性问题专项',
      params: IdParams,
      response: { 200: TicketProjects, ...errors },
    },
    handler: (req) => c.projects.ofTicket(actorOf(req), req.params.id),
  });
}

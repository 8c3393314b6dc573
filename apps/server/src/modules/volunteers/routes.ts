import { Type } from '@sinclair/typebox';
import {
  AcceptVolunteerApplicationBody,
  AcceptVolunteerHelpBody,
  AddVolunteerFieldBody,
  AddVolunteerMemberBody,
  CreateVolunteerActivityBody,
  CreateVolunteerHelpBody,
  CreateVolunteerTeamBody,
  DeclineVolunteerHelpBody,
  ErrorBody,
  LeaveVolunteerTeamBody,
  PublicVolunteerApplicationBody,
  PublicVolunteerApplicationQuery,
  PublicVolunteerApplicationReceipt,
  PublicVolunteerApplicationStatus,
  PublicVolunteerPlaces,
  PublicVolunteerVillage,
  RecordVolunteerActivityBody,
  RecordVolunteerHelpBody,
  RefuseVolunteerApplicationBody,
  RevealVolunteerContactBody,
  UpdateVolunteerMemberBody,
  UpdateVolunteerTeamBody,
  Uuid,
  VolunteerActivityList,
  VolunteerActivityListQuery,
  VolunteerActivityView,
  VolunteerApplicationList,
  VolunteerApplicationListQuery,
  VolunteerApplicationView,
  VolunteerFieldList,
  VolunteerHelpItems,
  VolunteerHelpList,
  VolunteerHelpListQuery,
  VolunteerHelpView,
  VolunteerImportPreview,
  VolunteerMemberView,
  VolunteerPlaceList,
  VolunteerSummary,
  VolunteerSummaryQuery,
  VolunteerTeamDetail,
  VolunteerTeamList,
  VolunteerTeamListQuery,
} from '@jiesu/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireStaff } from '../../plugins/auth.js';
import { AppError } from '../../shared/errors.js';

const IdParams = Type.Object({ id: Uuid });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['volunteers'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function download(reply: FastifyReply, name: string, data: Buffer) {
  return reply
    .header('content-type', XLSX)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(data);
}

async function upload(req: FastifyRequest, maxBytes: number): Promise<Buffer> {
  if (!req.isMultipart())
    throw new AppError('VALIDATION_FAILED', [
      { path: '/', message: '请以 multipart/form-data 上传文件' },
    ]);
  const file = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!file) throw new AppError('VALIDATION_FAILED', [{ path: '/file', message: '缺少文件' }]);
  const data = await file.toBuffer();
  if (file.file.truncated) throw new AppError('FILE_TOO_LARGE');
  return data;
}

/** Volunteer and service teams (staff) and the village's volunteer page (residents, rate-limited). */
export function volunteersRoutes(
  app: App,
  c: Container,
  limits: { max: number; timeWindow: number },
): void {
  const v = c.volunteers;

  app.get('/api/volunteers/fields', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '服务领域(默认领域及本区新增)',
      response: { 200: VolunteerFieldList, ...errors },
    },
    handler: (req) => v.fields(actorOf(req)),
  });
  app.post('/api/volunteers/fields', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '新增服务领域(管理员)',
      body: AddVolunteerFieldBody,
      response: { 200: VolunteerFieldList, ...errors },
    },
    handler: (req) => v.addField(actorOf(req), req.body),
  });
  app.get('/api/volunteers/places', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '村(社区)和街乡镇:筛选用,及本人可建队的地方',
      response: { 200: VolunteerPlaceList, ...errors },
    },
    handler: (req) => v.places(actorOf(req)),
  });

  // ── teams and members ──
  app.get('/api/volunteers/teams', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '服务队列表:按街乡镇、村、服务领域、类型筛选,分页',
      querystring: VolunteerTeamListQuery,
      response: { 200: VolunteerTeamList, ...errors },
    },
    handler: (req) => v.teams(actorOf(req), req.query),
  });
  app.post('/api/volunteers/teams', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '新建服务队(村或街乡镇政府的工作人员)',
      body: CreateVolunteerTeamBody,
      response: { 200: VolunteerTeamDetail, ...errors },
    },
    handler: (req) => v.createTeam(actorOf(req), req.body),
  });
  app.get('/api/volunteers/teams/:id', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '服务队及队员(联系电话脱敏;已退出队员保留记录)',
      params: IdParams,
      response: { 200: VolunteerTeamDetail, ...errors },
    },
    handler: (req) => v.team(actorOf(req), req.params.id),
  });
  app.patch('/api/volunteers/teams/:id', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '修改服务队(队长人选由村或街乡镇确定)',
      params: IdParams,
      body: UpdateVolunteerTeamBody,
      response: { 200: VolunteerTeamDetail, ...errors },
    },
    handler: (req) => v.updateTeam(actorOf(req), req.params.id, req.body),
  });
  app.post('/api/volunteers/teams/:id/members', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '添加队员:居民、工作人员或其他人员(姓名、电话)',
      params: IdParams,
      body: AddVolunteerMemberBody,
      response: { 200: VolunteerMemberView, ...errors },
    },
    handler: (req) => v.addMember(actorOf(req), req.params.id, req.body),
  });
  app.patch('/api/volunteers/members/:id', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '修改队员(角色、特长、可服务时间、电话)',
      params: IdParams,
      body: UpdateVolunteerMemberBody,
      response: { 200: VolunteerMemberView, ...errors },
    },
    handler: (req) => v.updateMember(actorOf(req), req.params.id, req.body),
  });
  app.post('/api/volunteers/members/:id/leave', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '队员退出(记录退出日期,保留服务记录)',
      params: IdParams,
      body: LeaveVolunteerTeamBody,
      response: { 200: VolunteerMemberView, ...errors },
    },
    handler: (req) => v.leave(actorOf(req), req.params.id, req.body ?? {}),
  });
  app.post('/api/volunteers/members/:id/reveal', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '查看队员完整电话(须说明用途,记入查阅日志)',
      params: IdParams,
      body: RevealVolunteerContactBody,
      response: { 200: VolunteerMemberView, ...errors },
    },
    handler: (req) => v.reveal(actorOf(req), req.params.id, req.body),
  });

  // ── Excel ──
  app.get('/api/volunteers/members/import-template', {
    preHandler: requireStaff,
    schema: { tags, summary: '队员导入模板(Excel)' },
    handler: async (_req, reply) => download(reply, '队员导入模板.xlsx', await v.template()),
  });
  app.get('/api/volunteers/teams/:id/members/export.xlsx', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '导出队员(Excel;电话默认脱敏,full=1 导出完整电话并记入查阅日志)',
      params: IdParams,
      querystring: Type.Object(
        { full: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0')])) },
        { additionalProperties: false },
      ),
    },
    handler: async (req, reply) =>
      download(
        reply,
        '队员.xlsx',
        await v.exportMembers(actorOf(req), req.params.id, req.query.full === '1'),
      ),
  });
  for (const [path, commit, summary] of [
    ['preview', false, '上传队员导入文件:逐行校验并预览(尚未写入)'],
    ['commit', true, '确认导入:写入校验通过的行,有错误的行跳过'],
  ] as const) {
    app.post(`/api/volunteers/teams/:id/members/import/${path}`, {
      preHandler: requireStaff,
      schema: {
        tags,
        summary,
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 200: VolunteerImportPreview, ...errors },
      },
      handler: async (req) =>
        v.importMembers(
          actorOf(req),
          req.params.id,
          await upload(req, c.config.maxUploadBytes),
          commit,
        ),
    });
  }

  // ── activities ──
  app.get('/api/volunteers/activities', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '志愿服务活动:按队伍、状态、年份筛选',
      querystring: VolunteerActivityListQuery,
      response: { 200: VolunteerActivityList, ...errors },
    },
    handler: (req) => v.activities(actorOf(req), req.query),
  });
  app.post('/api/volunteers/teams/:id/activities', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '计划活动,或直接登记已开展的活动(参加队员及时长、简报、照片)',
      params: IdParams,
      body: CreateVolunteerActivityBody,
      response: { 200: VolunteerActivityView, ...errors },
    },
    handler: (req) => v.createActivity(actorOf(req), req.params.id, req.body),
  });
  app.post('/api/volunteers/activities/:id/held', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '登记计划活动已开展:参加队员及服务时长、简报、照片',
      params: IdParams,
      body: RecordVolunteerActivityBody,
      response: { 200: VolunteerActivityView, ...errors },
    },
    handler: (req) => v.recordActivity(actorOf(req), req.params.id, req.body),
  });
  app.post('/api/volunteers/activities/:id/cancel', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '取消计划活动',
      params: IdParams,
      response: { 200: VolunteerActivityView, ...errors },
    },
    handler: (req) => v.cancelActivity(actorOf(req), req.params.id),
  });
  app.get('/api/volunteers/summary', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '年度志愿服务时长:按街乡镇、队伍、个人汇总',
      querystring: VolunteerSummaryQuery,
      response: { 200: VolunteerSummary, ...errors },
    },
    handler: (req) => v.summary(actorOf(req), req.query),
  });
  app.get('/api/volunteers/summary/export.xlsx', {
    preHandler: requireStaff,
    schema: { tags, summary: '导出年度汇总(Excel)', querystring: VolunteerSummaryQuery },
    handler: async (req, reply) =>
      download(
        reply,
        `志愿服务年度汇总-${req.query.year}.xlsx`,
        await v.exportSummary(actorOf(req), req.query),
      ),
  });

  // ── applications ──
  app.get('/api/volunteers/applications', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '群众报名申请(本人管理或带领的队伍)',
      querystring: VolunteerApplicationListQuery,
      response: { 200: VolunteerApplicationList, ...errors },
    },
    handler: (req) => v.applications(actorOf(req), req.query),
  });
  app.post('/api/volunteers/applications/:id/accept', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '同意报名:成为队员',
      params: IdParams,
      body: AcceptVolunteerApplicationBody,
      response: { 200: VolunteerApplicationView, ...errors },
    },
    handler: (req) => v.acceptApplication(actorOf(req), req.params.id, req.body ?? {}),
  });
  app.post('/api/volunteers/applications/:id/refuse', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '不同意报名(须说明理由,申请人可查看)',
      params: IdParams,
      body: RefuseVolunteerApplicationBody,
      response: { 200: VolunteerApplicationView, ...errors },
    },
    handler: (req) => v.refuseApplication(actorOf(req), req.params.id, req.body),
  });

  // ── help requests ──
  app.get('/api/volunteers/help-requests', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '协助请求:本人管理或带领的队伍收到的,以及本人发出的',
      querystring: VolunteerHelpListQuery,
      response: { 200: VolunteerHelpList, ...errors },
    },
    handler: (req) => v.helpInbox(actorOf(req), req.query),
  });
  app.post('/api/volunteers/help-requests', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '为入户走访请求志愿队协助(工单上用“请求志愿队协助”操作)',
      body: CreateVolunteerHelpBody,
      response: { 200: VolunteerHelpView, ...errors },
    },
    handler: (req) => v.requestForVisit(actorOf(req), req.body),
  });
  app.post('/api/volunteers/help-requests/:id/accept', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '接受协助请求并指派队员',
      params: IdParams,
      body: AcceptVolunteerHelpBody,
      response: { 200: VolunteerHelpView, ...errors },
    },
    handler: (req) => v.acceptHelp(actorOf(req), req.params.id, req.body),
  });
  app.post('/api/volunteers/help-requests/:id/decline', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '婉拒协助请求(说明理由)',
      params: IdParams,
      body: DeclineVolunteerHelpBody,
      response: { 200: VolunteerHelpView, ...errors },
    },
    handler: (req) => v.declineHelp(actorOf(req), req.params.id, req.body),
  });
  app.post('/api/volunteers/help-requests/:id/record', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '登记协助情况(内容、时间、各队员时长):记入工单时间线和队伍活动',
      params: IdParams,
      body: RecordVolunteerHelpBody,
      response: { 200: VolunteerHelpView, ...errors },
    },
    handler: (req) => v.recordHelp(actorOf(req), req.params.id, req.body),
  });
  app.get('/api/tickets/:id/volunteer-help', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '工单的志愿队协助请求及协助情况',
      params: IdParams,
      response: { 200: VolunteerHelpItems, ...errors },
    },
    handler: (req) => v.ticketHelp(actorOf(req), req.params.id),
  });

  // ── the public side (no sign-in, rate-limited) ──
  const tenantOf = (h: string | string[] | undefined) =>
    c.defaultTenant(typeof h === 'string' ? h : undefined);
  const rateLimit = { max: limits.max, timeWindow: limits.timeWindow };
  const publicErrors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };

  app.get('/api/public/volunteers/places', {
    config: { rateLimit },
    schema: {
      tags: ['public'],
      summary: '有志愿服务队的村(社区)',
      response: { 200: PublicVolunteerPlaces, 429: ErrorBody },
    },
    handler: async (req) => v.publicPlaces(await tenantOf(req.headers['x-tenant'])),
  });
  app.get('/api/public/volunteers/villages/:id', {
    config: { rateLimit },
    schema: {
      tags: ['public'],
      summary: '村(社区)的志愿服务队和近期活动(只含公开信息)',
      params: IdParams,
      response: { 200: PublicVolunteerVillage, ...publicErrors },
    },
    handler: async (req) => v.publicVillage(await tenantOf(req.headers['x-tenant']), req.params.id),
  });
  app.post('/api/public/volunteers/teams/:id/applications', {
    config: { rateLimit },
    schema: {
      tags: ['public'],
      summary: '群众报名加入服务队(由队长审核);返回申请编号',
      params: IdParams,
      body: PublicVolunteerApplicationBody,
      response: { 200: PublicVolunteerApplicationReceipt, ...publicErrors },
    },
    handler: async (req) =>
      v.apply(await tenantOf(req.headers['x-tenant']), req.params.id, req.body),
  });
  app.get('/api/public/volunteers/applications', {
    config: { rateLimit },
    schema: {
      tags: ['public'],
      summary: '按申请编号和手机号查询报名结果',
      querystring: PublicVolunteerApplicationQuery,
      response: { 200: PublicVolunteerApplicationStatus, ...publicErrors },
    },
    handler: async (req) => v.applicationStatus(await tenantOf(req.headers['x-tenant']), req.query),
  });
}

import { Type } from '@sinclair/typebox';
import {
  AddColourItemBody,
  AddTicketToColourListBody,
  BulkClearColourItemsBody,
  BulkClearResult,
  ChangeColourBody,
  ClearColourItemBody,
  ColourCadenceConfig,
  ColourCounts,
  ColourCountsQuery,
  ColourItemDetail,
  ColourItemList,
  ColourItemListQuery,
  ColourReport,
  ColourReportQuery,
  ColourUnitList,
  ErrorBody,
  UpdateColourCadencesBody,
  Uuid,
} from '@jiesu/contracts';
import type { FastifyReply } from 'fastify';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireRole, requireStaff } from '../../plugins/auth.js';
import type { ExportFile } from './service.js';

const IdParams = Type.Object({ id: Uuid });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['colour-lists'];

function download(reply: FastifyReply, f: ExportFile) {
  return reply
    .header('content-type', f.contentType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
    .send(f.data);
}

export function colourListsRoutes(app: App, c: Container): void {
  app.get('/api/colour-lists/units', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '本人可查看的三色清单单位(村/社区及街乡镇;街乡镇可看辖区各村)',
      response: { 200: ColourUnitList, ...errors },
    },
    handler: (req) => c.colourLists.units(actorOf(req)),
  });

  app.get('/api/colour-lists/cadences', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '三色清单的清理和报告周期(黄:日清周报,橙:周清月报,红:月清季报)及修改记录',
      response: { 200: ColourCadenceConfig, ...errors },
    },
    handler: (req) => c.colourLists.cadences(actorOf(req).tenantId),
  });

  app.put('/api/colour-lists/cadences', {
    preHandler: requireRole('admin'),
    schema: {
      tags,
      summary: '修改三色清单的周期(管理员;保存为新版本,已列入事项的清结期限不变)',
      body: UpdateColourCadencesBody,
      response: { 200: ColourCadenceConfig, ...errors },
    },
    handler: (req) => c.colourLists.updateCadences(actorOf(req), req.body),
  });

  app.get('/api/colour-lists/items', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '三色清单事项:颜色、单位(可含下辖村)、状态、超期筛选,分页',
      querystring: ColourItemListQuery,
      response: { 200: ColourItemList, ...errors },
    },
    handler: (req) => c.colourLists.list(actorOf(req), req.query),
  });

  app.get('/api/colour-lists/items/export.xlsx', {
    preHandler: requireStaff,
    schema: { tags, summary: '导出当前筛选的三色清单(Excel)', querystring: ColourItemListQuery },
    handler: async (req, reply) =>
      download(reply, await c.colourLists.exportList(actorOf(req), req.query)),
  });

  app.get('/api/colour-lists/counts', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '各颜色未清结、超期和已清结事项数',
      querystring: ColourCountsQuery,
      response: { 200: ColourCounts, ...errors },
    },
    handler: (req) => c.colourLists.counts(actorOf(req), req.query),
  });

  app.post('/api/colour-lists/items', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '列入三色清单:按工单编号或工单列入,或登记巡查、走访等发现的事项;按周期计算清结期限',
      body: AddColourItemBody,
      response: { 200: ColourItemDetail, ...errors },
    },
    handler: (req) => c.colourLists.add(actorOf(req), req.body),
  });

  app.post('/api/colour-lists/items/clear', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '批量清结(同一清结说明);已清结或无权的事项跳过',
      body: BulkClearColourItemsBody,
      response: { 200: BulkClearResult, ...errors },
    },
    handler: (req) => c.colourLists.bulkClear(actorOf(req), req.body),
  });

  app.get('/api/colour-lists/items/:id', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '清单事项及其变更记录(列入、升色、降色、清结)',
      params: IdParams,
      response: { 200: ColourItemDetail, ...errors },
    },
    handler: (req) => c.colourLists.get(actorOf(req), req.params.id),
  });

  app.post('/api/colour-lists/items/:id/colour', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '升色或降色(须说明理由;按新颜色的周期重算清结期限,记入变更记录)',
      params: IdParams,
      body: ChangeColourBody,
      response: { 200: ColourItemDetail, ...errors },
    },
    handler: (req) => c.colourLists.changeColour(actorOf(req), req.params.id, req.body),
  });

  app.post('/api/colour-lists/items/:id/clear', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '清结事项(填写清结说明)',
      params: IdParams,
      body: ClearColourItemBody,
      response: { 200: ColourItemDetail, ...errors },
    },
    handler: (req) => c.colourLists.clear(actorOf(req), req.params.id, req.body.note),
  });

  app.post('/api/tickets/:id/colour-list', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '把工单列入本单位的三色清单(颜色默认取工单的颜色,否则黄色)',
      params: IdParams,
      body: AddTicketToColourListBody,
      response: { 200: ColourItemDetail, ...errors },
    },
    handler: (req) => c.colourLists.addTicket(actorOf(req), req.params.id, req.body ?? {}),
  });

  app.get('/api/colour-lists/report', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary:
        '按周期的清单报表:黄色按周、橙色按月、红色按季度;上期结转、新增、清结、按期清结、超期、未清结转',
      querystring: ColourReportQuery,
      response: { 200: ColourReport, ...errors },
    },
    handler: (req) => c.colourLists.report(actorOf(req), req.query),
  });

  app.get('/api/colour-lists/report/export.xlsx', {
    preHandler: requireStaff,
    schema: { tags, summary: '导出清单报表(Excel:汇总和明细)', querystring: ColourReportQuery },
    handler: async (req, reply) =>
      download(reply, await c.colourLists.exportReport(actorOf(req), req.query)),
  });
}

import { Type } from '@sinclair/typebox';
import {
  CreateCategoryBody,
  CreateJurisdictionBody,
  CreateUnitBody,
  ErrorBody,
  TenantSettingsView,
  UpdateCategoryBody,
  UpdateJurisdictionBody,
  UpdateTenantSettingsBody,
  UpdateUnitBody,
  UpdateUserBody,
  Uuid,
} from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireRole } from '../../plugins/auth.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const IdParams = Type.Object({ id: Uuid });
const Created = Type.Object({ id: Uuid });
const admin = requireRole('admin');

export function adminRoutes(app: App, c: Container): void {
  const tenant = (req: Parameters<typeof actorOf>[0]) => actorOf(req).tenantId;

  app.get('/api/admin/settings', {
    preHandler: admin,
    schema: {
      tags: ['admin'],
      summary: '本区派单设置(异议时限、时区、上班时段、休息日)',
      response: { 200: TenantSettingsView, ...errors },
    },
    handler: async (req) => c.settings.get(tenant(req)),
  });
  app.patch('/api/admin/settings', {
    preHandler: admin,
    schema: {
      tags: ['admin'],
      summary: '修改本区派单设置(只改所给字段);改动日历设置后按新设置计算此后的时限',
      body: UpdateTenantSettingsBody,
      response: { 200: TenantSettingsView, ...errors },
    },
    handler: async (req) => c.settings.update(tenant(req), req.body),
  });

  app.post('/api/admin/units', {
    preHandler: admin,
    schema: {
      tags: ['admin'],
      summary: '新增单位',
      body: CreateUnitBody,
      response: { 201: Created, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await c.admin.createUnit(tenant(req), req.body)),
  });
  app.patch('/api/admin/units/:id', {
    preHandler: admin,
    schema: {
      tags: ['admin'],
      summary: '修改单位(名称、电话、停用)',
      params: IdParams,
      body: UpdateUnitBody,
      response: { 204: Type.Null(), ...errors },
    },
    handler: async (req, reply) => {
      await c.admin.updateUnit(tenant(req), req.params.id, req.body);
      return reply.status(204).send(null);
    },
  });
  app.post('/api/admin/jurisdictions', {
    preHandler: admin,
    schema: {
      tags: ['admin'],
      summary: '新增区域(街乡镇、村社区、网格)',
      body: CreateJurisdictionBody,
      response: { 201: Created, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await c.admin.createJurisdiction(tenant(req), req.body)),
  });
  app.patch('/api/admin/jurisdictions/:id', {
    preHandler: admin,
    schema: {
      tags: ['admin'],
      summary: '修改区域',
      params: IdParams,
      body: UpdateJurisdictionBody,
      response: { 204: Type.Null(), ...errors },
    },
    handler: async (req, reply) => {
      await c.admin.updateJurisdiction(tenant(req), req.params.id, req.body);
      return reply.status(204).send(null);
    },
  });
  app.post('/api/admin/categories', {
    preHandler: admin,
    schema: {
      tags: ['admin'],
      summary: '新增诉求分类',
      body: CreateCategoryBody,
      response: { 201: Created, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await c.admin.createCategory(tenant(req), req.body)),
  });
  app.patch('/api/admin/categories/:id', {
    preHandler: admin,
    schema: {
      tags: ['admin'],
      summary: '修改诉求分类(名称、停用、排序)',
      params: IdParams,
      body: UpdateCategoryBody,
      response: { 204: Type.Null(), ...errors },
    },
    handler: async (req, reply) => {
      await c.admin.updateCategory(tenant(req), req.params.id, req.body);
      return reply.status(204).send(null);
    },
  });
  app.patch('/api/admin/users/:id', {
    preHandler: admin,
    schema: {
      tags: ['admin'],
      summary: '修改用户(姓名、停用、角色)',
      params: IdParams,
      body: UpdateUserBody,
      response: { 204: Type.Null(), ...errors },
    },
    handler: async (req, reply) => {
      await c.admin.updateUser(tenant(req), req.params.id, req.body);
      return reply.status(204).send(null);
    },
  });
}

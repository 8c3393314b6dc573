import { Type } from '@sinclair/typebox';
import {
  AddGridMemberBody,
  EndGridMemberBody,
  ErrorBody,
  GridList,
  GridListQuery,
  GridMemberView,
  GridMembersView,
  PublicGridBoard,
  PublicGridBoardQuery,
  PublicGridPlaces,
  Uuid,
} from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireStaff } from '../../plugins/auth.js';

const IdParams = Type.Object({ id: Uuid });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** The grids' people (staff) and the village's grid board (residents, no sign-in, rate-limited). */
export function gridPeopleRoutes(
  app: App,
  c: Container,
  limits: { max: number; timeWindow: number },
): void {
  app.get('/api/grids', {
    preHandler: requireStaff,
    schema: {
      tags: ['grid'],
      summary: '本辖区的网格:所属村(社区)、街乡镇、户数、等级、边界、在岗人员',
      querystring: GridListQuery,
      response: { 200: GridList, ...errors },
    },
    handler: (req) => c.gridPeople.list(actorOf(req), req.query),
  });

  app.get('/api/grids/:id/members', {
    preHandler: requireStaff,
    schema: {
      tags: ['grid'],
      summary: '网格人员(网格长、督导员、指挥长、网格员、信息员),含已离任',
      params: IdParams,
      response: { 200: GridMembersView, ...errors },
    },
    handler: (req) => c.gridPeople.members(actorOf(req), req.params.id),
  });

  app.post('/api/grids/:id/members', {
    preHandler: requireStaff,
    schema: {
      tags: ['grid'],
      summary: '增加网格人员(村(社区)两委、街乡镇主要负责人、管理员)',
      params: IdParams,
      body: AddGridMemberBody,
      response: { 201: GridMemberView, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await c.gridPeople.addMember(actorOf(req), req.params.id, req.body)),
  });

  app.post('/api/grid-members/:id/end', {
    preHandler: requireStaff,
    schema: {
      tags: ['grid'],
      summary: '网格人员离任',
      params: IdParams,
      body: EndGridMemberBody,
      response: { 200: GridMemberView, ...errors },
    },
    handler: (req) => c.gridPeople.endMember(actorOf(req), req.params.id, req.body),
  });

  const tenantOf = (h: string | string[] | undefined) =>
    c.defaultTenant(typeof h === 'string' ? h : undefined);
  const rateLimit = { max: limits.max, timeWindow: limits.timeWindow };

  app.get('/api/public/grid-board', {
    config: { rateLimit },
    schema: {
      tags: ['public'],
      summary: '村(社区)网格公示牌:各网格的网格员及电话、网格长、监督电话',
      querystring: PublicGridBoardQuery,
      response: { 200: PublicGridBoard, 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
    },
    handler: async (req) => c.gridPeople.board(await tenantOf(req.headers['x-tenant']), req.query),
  });

  app.get('/api/public/grid-board/places', {
    config: { rateLimit },
    schema: {
      tags: ['public'],
      summary: '已划分网格的村(社区)',
      response: { 200: PublicGridPlaces, 429: ErrorBody },
    },
    handler: async (req) => c.gridPeople.places(await tenantOf(req.headers['x-tenant'])),
  });
}

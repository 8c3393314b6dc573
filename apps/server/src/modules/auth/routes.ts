import { Type } from '@sinclair/typebox';
import {
  CreateUserBody,
  ErrorBody,
  LoginBody,
  MeView,
  ROLES,
  Uuid,
  literalUnion,
} from '@jiesu/contracts';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { SESSION_COOKIE, actorOf, requireRole, requireStaff } from '../../plugins/auth.js';
import type { StaffActor } from '../../shared/actor.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody };

async function me(c: Container, actor: StaffActor, csrfToken: string) {
  const tenant = await c.db
    .selectFrom('tenants')
    .select('name')
    .where('id', '=', actor.tenantId)
    .executeTakeFirst();
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    tenantId: actor.tenantId,
    tenantName: tenant?.name ?? '',
    roles: actor.grants.map((g) => ({ unitId: g.unitId, unitName: g.unitName, role: g.role })),
    csrfToken,
  };
}

export function authRoutes(
  app: App,
  c: Container,
  loginLimit: { max: number; timeWindow: number },
): void {
  app.post('/api/auth/login', {
    config: { rateLimit: loginLimit },
    schema: {
      tags: ['auth'],
      summary: '登录',
      body: LoginBody,
      response: { 200: MeView, ...errors },
    },
    handler: async (req, reply) => {
      const { session, actor } = await c.auth.login(req.body.username, req.body.password);
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: c.config.secureCookies,
        expires: session.expiresAt,
      });
      return me(c, actor, session.csrfToken);
    },
  });

  app.post('/api/auth/logout', {
    schema: { tags: ['auth'], summary: '退出登录', response: { 204: Type.Null() } },
    handler: async (req: FastifyRequest, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      // A cross-site request must not sign a user out: the CSRF token is required here too.
      if (token && req.actor) await requireStaff(req, reply);
      if (token) await c.auth.logout(token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  });

  app.get('/api/auth/me', {
    preHandler: requireStaff,
    schema: { tags: ['auth'], summary: '当前用户', response: { 200: MeView, ...errors } },
    handler: (req) => me(c, actorOf(req), req.csrfToken ?? ''),
  });

  app.get('/api/admin/users', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: '用户列表',
      response: {
        200: Type.Array(
          Type.Object({
            id: Uuid,
            username: Type.String(),
            displayName: Type.String(),
            active: Type.Boolean(),
            roles: Type.Array(
              Type.Object({ unitId: Uuid, unitName: Type.String(), role: literalUnion(ROLES) }),
            ),
          }),
        ),
        ...errors,
      },
    },
    handler: (req) => c.users.list(actorOf(req).tenantId),
  });

  app.post('/api/admin/users', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: '新增用户',
      body: CreateUserBody,
      response: { 201: Type.Object({ id: Uuid }), ...errors, 409: ErrorBody },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await c.users.create(actorOf(req).tenantId, req.body)),
  });
}

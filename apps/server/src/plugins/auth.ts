// Authentication: a session cookie for people (HttpOnly, SameSite=Lax, plus a
// CSRF token that unsafe requests must echo in `X-CSRF-Token`), or a bearer
// API token for integration clients (no cookie, so no CSRF).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StaffActor } from '../shared/actor.js';
import { AppError } from '../shared/errors.js';
import type { AuthService } from '../modules/auth/service.js';

export const SESSION_COOKIE = 'jiesu_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: StaffActor | null;
    csrfToken: string | null;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerAuth(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);

  app.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      req.actor = await auth.fromApiToken(header.slice(7).trim());
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await auth.fromSession(token);
    if (!session) return;
    req.actor = session.actor;
    req.csrfToken = session.csrfToken;
  });
}

/** preHandler for staff routes: 401 without an actor, 403 on a cookie request without its CSRF token. */
export async function requireStaff(req: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  if (req.actor.kind === 'staff' && !SAFE.has(req.method)) {
    if (req.headers['x-csrf-token'] !== req.csrfToken) throw new AppError('CSRF_FAILED');
  }
}

export function actorOf(req: FastifyRequest): StaffActor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}

export function requireRole(...roles: StaffActor['grants'][number]['role'][]) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    await requireStaff(req, reply);
    if (!req.actor!.grants.some((g) => roles.includes(g.role))) throw new AppError('FORBIDDEN');
  };
}

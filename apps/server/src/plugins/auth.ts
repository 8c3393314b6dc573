// Authentication: a session cookie for people (HttpOnly, SameSite=Lax, plus a
// CSRF token that unsafe requests must echo in `X-CSRF-Token`), or a bearer
// API token for integration clients (no cookie, so no CSRF).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiTokenScope } from '@jiesu/contracts';
import type { StaffActor } from '../shared/actor.js';
import { AppError } from '../shared/errors.js';
import type { AuthService } from '../modules/auth/service.js';

export const SESSION_COOKIE = 'jiesu_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: StaffActor | null;
    csrfToken: string | null;
    /** [Interop] The bearer API token of this request, with its scopes. */
    apiToken: { id: string; scopes: readonly string[] } | null;
  }
  interface FastifyContextConfig {
    /** [Interop] The scope an API token needs for this route (see `scopeOf`). */
    scope?: ApiTokenScope;
  }
}

/**
 * [Interop] The scope a route needs from an API token: what it declares in its
 * `config.scope`, else the ticket API's by method. A route with neither is closed
 * to API tokens (sessions only), so a new route is never opened to them by accident.
 */
export function scopeOf(
  method: string,
  url: string,
  declared?: ApiTokenScope,
): ApiTokenScope | null {
  if (declared) return declared;
  if (url === '/api/tickets' || url.startsWith('/api/tickets/')) {
    return SAFE.has(method) ? 'tickets:read' : 'tickets:write';
  }
  return null;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Marks the staff guards, so `registerAuth` finds the routes they protect. */
const STAFF_GUARD = Symbol('staffGuard');
function staffGuard<T extends object>(fn: T): T {
  (fn as Record<symbol, unknown>)[STAFF_GUARD] = true;
  return fn;
}
function isStaffGuard(fn: unknown): boolean {
  return (
    typeof fn === 'function' && (fn as unknown as Record<symbol, unknown>)[STAFF_GUARD] === true
  );
}

export function registerAuth(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('apiToken', null);

  // On a staff route the session and its CSRF token are checked before the body is
  // validated: an anonymous or cross-site request gets 401/403, never a 400 that
  // describes the schema (the route's preHandler still checks roles).
  app.addHook('onRoute', (route) => {
    if (![route.preHandler].flat().some(isStaffGuard)) return;
    route.preValidation = [...[route.preValidation ?? []].flat(), requireStaff] as never;
  });

  app.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const use = await auth.resolveApiToken(header.slice(7).trim(), req.ip ?? null);
      if (!use) return;
      // A token reaches only what its scopes allow (and then only what its user may).
      const needed = scopeOf(
        req.method,
        req.routeOptions.url ?? '',
        req.routeOptions.config?.scope,
      );
      if (!needed || !use.scopes.includes(needed)) throw new AppError('TOKEN_SCOPE_MISSING');
      req.actor = use.actor;
      req.apiToken = { id: use.tokenId, scopes: use.scopes };
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
export const requireStaff = staffGuard(async function requireStaff(
  req: FastifyRequest,
  _reply: FastifyReply,
): Promise<void> {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  // A bearer token is not sent by browsers on their own: no CSRF token with it.
  if (req.actor.kind === 'staff' && !req.apiToken && !SAFE.has(req.method)) {
    if (req.headers['x-csrf-token'] !== req.csrfToken) throw new AppError('CSRF_FAILED');
  }
});

export function actorOf(req: FastifyRequest): StaffActor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}

export function requireRole(...roles: StaffActor['grants'][number]['role'][]) {
  return staffGuard(async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    await requireStaff(req, reply);
    if (!req.actor!.grants.some((g) => roles.includes(g.role))) throw new AppError('FORBIDDEN');
  });
}

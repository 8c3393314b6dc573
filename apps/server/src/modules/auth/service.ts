import { performance } from 'node:perf_hooks';
import { AppError } from '../../shared/errors.js';
import type { Clock } from '../../shared/clock.js';
import { newToken, sha256 } from '../../shared/ids.js';
import { verifyPassword } from '../../shared/passwords.js';
import type { StaffActor } from '../../shared/actor.js';
import type { OrgService } from '../org/service.js';
import type { AuthRepository } from './repository.js';

export interface ThrottlePolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

const SESSION_CACHE_MS = 5_000;
const SESSION_CACHE_MAX = 10_000;

export const DEFAULT_THROTTLE: ThrottlePolicy = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
};

/** [Interop] A resolved API token: who it acts as and what it may reach. */
export interface ApiTokenUse {
  actor: StaffActor;
  tokenId: string;
  scopes: readonly string[];
}

export interface Session {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export function authService(deps: {
  auth: AuthRepository;
  orgService: OrgService;
  clock: Clock;
  sessionHours: number;
  throttle?: ThrottlePolicy;
}) {
  const { auth, orgService, clock } = deps;
  const throttle = deps.throttle ?? DEFAULT_THROTTLE;
  const sessions = new Map<
    string,
    { actor: StaffActor; csrfToken: string; expiresAt: Date; cachedAt: number }
  >();

  /**
   * [Interop] A live token with its scopes and the actor it acts as. Its use is
   * recorded at most once a minute: the row read tells, so no write per request.
   */
  async function resolveApiToken(token: string, ip: string | null): Promise<ApiTokenUse | null> {
    const now = clock.now();
    const row = await auth.tokenWithUser(sha256(token), now);
    if (!row) return null;
    if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() >= 60_000) {
      await auth.touchToken(row.token_id, now, ip);
    }
    const actor = await orgService.actorFor(
      {
        id: row.user_id,
        tenant_id: row.tenant_id,
        username: row.username,
        display_name: row.display_name,
      },
      'api',
    );
    return { actor, tokenId: row.token_id, scopes: row.scopes };
  }

  return {
    /** Password sign-in with per-username throttling; a locked name fails fast. */
    async login(
      username: string,
      password: string,
    ): Promise<{ session: Session; actor: StaffActor }> {
      const now = clock.now();
      const key = `user:${username.toLowerCase()}`;
      const attempt = await auth.attempt(key);
      if (attempt?.locked_until && attempt.locked_until > now)
        throw new AppError('LOGIN_THROTTLED');

      const user = await auth.userByUsername(username);
      const ok = user?.active ? await verifyPassword(password, user.password_hash) : false;
      if (!user || !ok) {
        await auth.recordFailure(
          key,
          now,
          throttle.windowMs,
          throttle.maxFailures,
          throttle.lockMs,
        );
        throw new AppError('INVALID_CREDENTIALS');
      }
      if (attempt) await auth.clearAttempts(key);

      const token = newToken();
      const csrfToken = newToken(16);
      const expiresAt = new Date(now.getTime() + deps.sessionHours * 3600_000);
      // Only the hash is stored: a leaked sessions table does not leak sessions.
      await auth.insertSession({
        id: sha256(token),
        tenant_id: user.tenant_id,
        user_id: user.id,
        csrf_token: csrfToken,
        created_at: now,
        expires_at: expiresAt,
      });
      return { session: { token, csrfToken, expiresAt }, actor: await orgService.actorFor(user) };
    },

    async logout(token: string): Promise<void> {
      const id = sha256(token);
      sessions.delete(id);
      await auth.deleteSession(id);
    },

    /**
     * Resolves a session cookie. Every API request does this, so the resolved
     * actor is kept for a few seconds; this node forgets it at once on logout
     * or when the user is changed (`forgetUser`), other nodes within the TTL.
     */
    async fromSession(token: string): Promise<{ actor: StaffActor; csrfToken: string } | null> {
      const id = sha256(token);
      const now = clock.now();
      const hit = sessions.get(id);
      if (hit && performance.now() - hit.cachedAt < SESSION_CACHE_MS && hit.expiresAt > now) {
        return { actor: hit.actor, csrfToken: hit.csrfToken };
      }
      sessions.delete(id);
      const row = await auth.sessionWithUser(id, now);
      if (!row) return null;
      const actor = await orgService.actorFor({
        id: row.user_id,
        tenant_id: row.tenant_id,
        username: row.username,
        display_name: row.display_name,
      });
      if (sessions.size >= SESSION_CACHE_MAX) sessions.clear();
      sessions.set(id, {
        actor,
        csrfToken: row.csrf_token,
        expiresAt: row.expires_at,
        cachedAt: performance.now(),
      });
      return { actor, csrfToken: row.csrf_token };
    },

    /** Drops what this node remembers of a user's sessions (roles changed, deactivated, new password). */
    forgetUser(userId: string): void {
      for (const [id, s] of sessions) if (s.actor.userId === userId) sessions.delete(id);
    },

    async fromApiToken(token: string): Promise<StaffActor | null> {
      return (await resolveApiToken(token, null))?.actor ?? null;
    },

    resolveApiToken,
  };
}
export type AuthService = ReturnType<typeof authService>;

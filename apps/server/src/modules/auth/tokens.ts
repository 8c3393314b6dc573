// [Interop] API tokens for integrations, administered per tenant: issued for a user of the
// tenant with scopes (shown once, stored as a hash), listed with their last use, revoked.
// What a token reaches is checked per request in plugins/auth.ts (scopes) and by the
// ordinary permission checks (its user's roles).
import type { Kysely } from 'kysely';
import type { ApiTokenView, CreateApiTokenBody, CreatedApiToken } from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { newId, newToken, sha256 } from '../../shared/ids.js';

export function apiTokenService(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;

  const rows = (tenantId: string) =>
    db
      .selectFrom('api_tokens as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .select([
        't.id',
        't.name',
        't.scopes',
        't.created_at',
        't.expires_at',
        't.last_used_at',
        't.last_used_ip',
        't.revoked_at',
        'u.id as user_id',
        'u.username',
        'u.display_name',
      ])
      .where('t.tenant_id', '=', tenantId);

  type Row = Awaited<ReturnType<ReturnType<typeof rows>['execute']>>[number];
  const toView = (r: Row): ApiTokenView => ({
    id: r.id,
    name: r.name,
    user: { id: r.user_id, username: r.username, displayName: r.display_name },
    scopes: r.scopes as ApiTokenView['scopes'],
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at?.toISOString() ?? null,
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    lastUsedIp: r.last_used_ip,
    revokedAt: r.revoked_at?.toISOString() ?? null,
  });

  return {
    async list(tenantId: string): Promise<ApiTokenView[]> {
      const found = await rows(tenantId).orderBy('t.created_at', 'desc').orderBy('t.id').execute();
      return found.map(toView);
    },

    async issue(tenantId: string, body: CreateApiTokenBody): Promise<CreatedApiToken> {
      const now = clock.now();
      if (body.expiresAt && new Date(body.expiresAt) <= now) {
        throw new AppError('VALIDATION_FAILED', [
          { path: '/expiresAt', message: '到期时间须晚于现在' },
        ]);
      }
      const user = await db
        .selectFrom('users')
        .select(['id', 'active'])
        .where('id', '=', body.userId)
        .where('tenant_id', '=', tenantId)
        .executeTakeFirst();
      if (!user?.active) {
        throw new AppError('API_TOKEN_USER_INVALID', [
          { path: '/userId', message: '令牌所属用户不存在或已停用' },
        ]);
      }
      const token = `jst_${newToken()}`;
      const id = newId();
      await db
        .insertInto('api_tokens')
        .values({
          id,
          tenant_id: tenantId,
          user_id: user.id,
          name: body.name.trim(),
          token_hash: sha256(token),
          created_at: now,
          scopes: [...body.scopes],
          expires_at: body.expiresAt ?? null,
        })
        .execute();
      const row = await rows(tenantId).where('t.id', '=', id).executeTakeFirstOrThrow();
      return { token, item: toView(row) };
    },

    /** Revokes at once (the next request with it fails); revoking again changes nothing. */
    async revoke(tenantId: string, id: string): Promise<void> {
      const row = await db
        .selectFrom('api_tokens')
        .select(['id', 'revoked_at'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) throw new AppError('API_TOKEN_NOT_FOUND');
      if (row.revoked_at) return;
      await db
        .updateTable('api_tokens')
        .set({ revoked_at: clock.now() })
        .where('id', '=', id)
        .execute();
    },
  };
}
export type ApiTokenService = ReturnType<typeof apiTokenService>;

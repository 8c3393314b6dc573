import type { Kysely } from 'kysely';
import type { ApiTokenScope, CreateUserBody, Role } from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { newId, newToken, sha256 } from '../../shared/ids.js';
import { hashPassword } from '../../shared/passwords.js';

/**
 * Replaces a user's roles, after checking every unit belongs to the tenant.
 * Creating a user and an administrator's edit both go through here.
 */
export async function writeRoles(
  trx: Kysely<DB>,
  tenantId: string,
  userId: string,
  roles: ReadonlyArray<{ unitId: string; role: Role }>,
): Promise<void> {
  const unitIds = [...new Set(roles.map((r) => r.unitId))];
  const units = await trx
    .selectFrom('units')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', unitIds)
    .execute();
  if (units.length !== unitIds.length) throw new AppError('UNKNOWN_UNIT');
  await trx.deleteFrom('role_assignments').where('user_id', '=', userId).execute();
  await trx
    .insertInto('role_assignments')
    .values(
      roles.map((r) => ({ tenant_id: tenantId, user_id: userId, unit_id: r.unitId, role: r.role })),
    )
    .execute();
}

export function usersService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  onUserChanged: (userId: string) => void;
}) {
  const { db, clock, onUserChanged } = deps;
  return {
    async create(tenantId: string, body: CreateUserBody): Promise<{ id: string }> {
      const hash = await hashPassword(body.password);
      return db.transaction().execute(async (trx) => {
        if (
          await trx
            .selectFrom('users')
            .select('id')
            .where('username', '=', body.username)
            .executeTakeFirst()
        ) {
          throw new AppError('DUPLICATE', [{ path: '/username', message: '用户名已存在' }]);
        }
        const id = newId();
        await trx
          .insertInto('users')
          .values({
            id,
            tenant_id: tenantId,
            username: body.username,
            display_name: body.displayName,
            phone: body.phone ?? null,
            password_hash: hash,
            created_at: clock.now(),
          })
          .execute();
        await writeRoles(trx, tenantId, id, body.roles);
        return { id };
      });
    },

    /** Sets a new password and ends every session of the user. */
    async resetPassword(username: string, password: string): Promise<void> {
      const hash = await hashPassword(password);
      await db
        .transaction()
        .execute(async (trx) => {
          const user = await trx
            .selectFrom('users')
            .select('id')
            .where('username', '=', username)
            .executeTakeFirst();
          if (!user) throw new AppError('NOT_FOUND');
          await trx
            .updateTable('users')
            .set({ password_hash: hash })
            .where('id', '=', user.id)
            .execute();
          await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
          return user.id;
        })
        .then(onUserChanged);
    },

    /**
     * Issues an API token for an integration client acting as the user; only its hash is kept.
     * Without scopes it reaches the ticket API, as tokens did before scopes ([Interop]).
     */
    async issueToken(
      userId: string,
      name: string,
      scopes: readonly ApiTokenScope[] = ['tickets:read', 'tickets:write'],
    ): Promise<string> {
      const user = await db
        .selectFrom('users')
        .select(['id', 'tenant_id'])
        .where('id', '=', userId)
        .executeTakeFirst();
      if (!user) throw new AppError('NOT_FOUND');
      const token = `jst_${newToken()}`;
      await db
        .insertInto('api_tokens')
        .values({
          id: newId(),
          tenant_id: user.tenant_id,
          user_id: user.id,
          name,
          token_hash: sha256(token),
          created_at: clock.now(),
          scopes: [...scopes],
        })
        .execute();
      return token;
    },

    async list(tenantId: string) {
      const users = await db
        .selectFrom('users')
        .select(['id', 'username', 'display_name', 'phone', 'active'])
        .where('tenant_id', '=', tenantId)
        .orderBy('username')
        .execute();
      const roles = await db
        .selectFrom('role_assignments as r')
        .innerJoin('units as u', 'u.id', 'r.unit_id')
        .select(['r.user_id', 'r.unit_id', 'r.role', 'u.name'])
        .where('r.tenant_id', '=', tenantId)
        .execute();
      return users.map((u) => ({
        id: u.id,
        username: u.username,
        displayName: u.display_name,
        active: u.active,
        roles: roles
          .filter((r) => r.user_id === u.id)
          .map((r) => ({ unitId: r.unit_id, unitName: r.name, role: r.role })),
      }));
    },
  };
}
export type UsersService = ReturnType<typeof usersService>;

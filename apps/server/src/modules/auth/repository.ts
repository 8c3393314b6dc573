import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export function authRepository(db: Kysely<DB>) {
  return {
    userByUsername(username: string) {
      return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    },
    userById(id: string) {
      return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async insertUser(row: Insertable<DB['users']>) {
      await db.insertInto('users').values(row).execute();
    },
    async setPassword(userId: string, hash: string) {
      return db
        .updateTable('users')
        .set({ password_hash: hash })
        .where('id', '=', userId)
        .executeTakeFirst();
    },
    async insertSession(s: {
      id: string;
      tenant_id: string;
      user_id: string;
      csrf_token: string;
      created_at: Date;
      expires_at: Date;
    }) {
      await db.insertInto('sessions').values(s).execute();
    },
    sessionWithUser(id: string, now: Date) {
      return db
        .selectFrom('sessions as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .select([
          's.id',
          's.csrf_token',
          's.expires_at',
          'u.id as user_id',
          'u.tenant_id',
          'u.username',
          'u.display_name',
        ])
        .where('s.id', '=', id)
        .where('s.expires_at', '>', now)
        .where('u.active', '=', true)
        .executeTakeFirst();
    },
    async deleteSession(id: string) {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    },
    async deleteSessionsOf(userId: string) {
      await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
    },
    /** A live token: not revoked, not expired, its user active and of the token's tenant. */
    tokenWithUser(hash: string, now: Date) {
      return db
        .selectFrom('api_tokens as t')
        .innerJoin('users as u', 'u.id', 't.user_id')
        .select([
          't.id as token_id',
          't.scopes',
          't.last_used_at',
          'u.id as user_id',
          'u.tenant_id',
          'u.username',
          'u.display_name',
        ])
        .where('t.token_hash', '=', hash)
        .where('t.revoked_at', 'is', null)
        .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', now)]))
        .whereRef('t.tenant_id', '=', 'u.tenant_id')
        .where('u.active', '=', true)
        .executeTakeFirst();
    },
    /** Records a token's use, at most once a minute whatever the concurrency (the condition is in the UPDATE). */
    async touchToken(id: string, now: Date, ip: string | null) {
      const minuteAgo = new Date(now.getTime() - 60_000);
      await db
        .updateTable('api_tokens')
        .set({ last_used_at: now, last_used_ip: ip })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', minuteAgo)]))
        .execute();
    },
    async insertToken(t: {
      id: string;
      tenant_id: string;
      user_id: string;
      name: string;
      token_hash: string;
      created_at: Date;
    }) {
      await db.insertInto('api_tokens').values(t).execute();
    },
    attempt(key: string) {
      return db.selectFrom('login_attempts').selectAll().where('key', '=', key).executeTakeFirst();
    },
    /**
     * Counts one failure atomically (concurrent failures all count) and locks
     * the key once the count reaches the limit within the window.
     */
    async recordFailure(
      key: string,
      now: Date,
      windowMs: number,
      maxFailures: number,
      lockMs: number,
    ) {
      const windowStart = new Date(now.getTime() - windowMs);
      const lockUntil = new Date(now.getTime() + lockMs);
      return db
        .insertInto('login_attempts')
        .values({
          key,
          failures: 1,
          first_failure_at: now,
          locked_until: maxFailures <= 1 ? lockUntil : null,
        })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            failures: sql`CASE WHEN login_attempts.first_failure_at > ${windowStart} THEN login_attempts.failures + 1 ELSE 1 END`,
            first_failure_at: sql`CASE WHEN login_attempts.first_failure_at > ${windowStart} THEN login_attempts.first_failure_at ELSE ${now}::timestamptz END`,
            locked_until: sql`CASE WHEN login_attempts.first_failure_at > ${windowStart} AND login_attempts.failures + 1 >= ${maxFailures} THEN ${lockUntil}::timestamptz ELSE login_attempts.locked_until END`,
          }),
        )
        .returning(['failures', 'locked_until'])
        .executeTakeFirstOrThrow();
    },
    async clearAttempts(key: string) {
      await db.deleteFrom('login_attempts').where('key', '=', key).execute();
    },
  };
}
export type AuthRepository = ReturnType<typeof authRepository>;

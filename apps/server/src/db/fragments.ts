// Small SQL fragments the repositories share.
import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { DB } from './schema.js';

/**
 * `column IN (ids)`. With no ids nothing matches: SQL has no empty IN list,
 * and "none of these" must not turn into "no filter".
 */
export function oneOf(column: string, ids: readonly string[]): RawBuilder<SqlBool> {
  return ids.length
    ? sql<SqlBool>`${sql.ref(column)} IN (${sql.join([...ids])})`
    : sql<SqlBool>`false`;
}

/**
 * One page of a filtered query (`order` gives the page its order) and the count of all
 * its rows, read side by side.
 */
export async function pageOf<D, T extends keyof D, O>(
  db: Kysely<DB>,
  base: SelectQueryBuilder<D, T, O>,
  order: (q: SelectQueryBuilder<D, T, O>) => SelectQueryBuilder<D, T, O>,
  q: { page?: number; pageSize?: number },
): Promise<{ rows: O[]; total: number; page: number; pageSize: number }> {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const [rows, count] = await Promise.all([
    order(base)
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db.selectFrom(base.as('x')).select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n), page, pageSize };
}

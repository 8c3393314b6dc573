// Small SQL fragments the repositories share.
import { sql, type RawBuilder, type SqlBool } from 'kysely';

/**
 * `column IN (ids)`. With no ids nothing matches: SQL has no empty IN list,
 * and "none of these" must not turn into "no filter".
 */
export function oneOf(column: string, ids: readonly string[]): RawBuilder<SqlBool> {
  return ids.length
    ? sql<SqlBool>`${sql.ref(column)} IN (${sql.join([...ids])})`
    : sql<SqlBool>`false`;
}

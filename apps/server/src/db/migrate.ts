import { Migrator, type Kysely, type MigrationResultSet, type Transaction } from 'kysely';
import { migrations } from './migrations/index.js';

/**
 * Applies pending migrations. Kysely's PostgreSQL adapter takes an advisory
 * transaction lock, so two nodes starting together apply each migration once.
 */
export async function migrateToLatest<T>(db: Kysely<T>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}

/** Whether every known migration has been applied (for /readyz). */
export async function pendingMigrations<T>(db: Kysely<T>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const all = await migrator.getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}

/**
 * Applies the migrations up to and including `target` inside the caller's
 * transaction (a restore must roll back as a whole, schema included). Kysely's
 * Migrator takes a connection of its own; without its own transaction
 * (`disableTransactions`) that connection is all it asks for, and it is handed
 * the caller's transaction. Its PostgreSQL lock is a transaction-level
 * advisory lock, so it is held until the caller commits.
 */
export async function migrateWithin<T>(trx: Transaction<T>, target: string): Promise<void> {
  const db = new Proxy(trx, {
    get(t, prop) {
      if (prop === 'connection') return () => ({ execute: <R>(fn: (c: Kysely<T>) => R) => fn(t) });
      const v: unknown = Reflect.get(t, prop, t);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
  });
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    disableTransactions: true,
  });
  const result = await migrator.migrateTo(target);
  if (result.error) throw result.error;
}

/** The migrations this build knows, in the order they apply. */
export function knownMigrations(): string[] {
  return Object.keys(migrations).sort();
}

import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure code, no database) and `db` (real database: PGlite
// by default, the PostgreSQL server when TEST_DATABASE_URL is set).
export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores, so a single worker on a two-core
    // CI machine. A database test file spends much of its time waiting on the database (PGlite
    // in its worker thread, or the server), so two files at once use two cores better:
    // measured on the two-core CI machine, PGlite suite 762 s -> 511 s, PostgreSQL 503 s -> 339 s.
    // Every file has its own district (PostgreSQL) or its own database (PGlite).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    minWorkers: 1,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['apps/*/src/**/*.test.ts', 'packages/*/src/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/node_modules/**'],
          // Generous: CI machines are shared and loaded; speed is measured in bench/.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'db',
          include: ['apps/server/**/*.db.test.ts'],
          globalSetup: ['apps/server/test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
    ],
  },
});

import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What a process does: `all` serves HTTP and runs the periodic jobs (the embedded engine's
 * one process); `api` serves HTTP only (N stateless nodes behind a load balancer); `worker`
 * runs the jobs only, with /healthz on its port unless the port is 0.
 */
export type ProcessRole = 'all' | 'api' | 'worker';
export const PROCESS_ROLES: readonly ProcessRole[] = ['all', 'api', 'worker'];

export interface Config {
  /** ROLE or `--role` (default `all`). */
  role: ProcessRole;
  port: number;
  host: string;
  databaseUrl?: string;
  /**
   * The connection that LISTENs for realtime notifications (LISTEN_DATABASE_URL, default
   * DATABASE_URL). LISTEN needs a session of its own: behind PgBouncer in transaction mode,
   * point it at PostgreSQL directly (or at a session-mode pool).
   */
  listenDatabaseUrl?: string;
  /** Connections in this process's pool (DB_POOL_SIZE, default 10). */
  dbPoolSize: number;
  dataDir: string;
  storageDir: string;
  /** Demo mode seeds the demo district into an empty database and allows its logins. */
  demo: boolean;
  /** Cookies get `Secure` when SECURE_COOKIES=true (behind HTTPS); off by default for localhost. */
  secureCookies: boolean;
  sessionHours: number;
  maxUploadBytes: number;
  logLevel: string;
  webDist?: string;
  /** Sign-in attempts allowed per client address per minute. */
  loginRateLimit: number;
  /**
   * [Grid] The secret that encrypts residents' ID numbers at rest (AES-256-GCM) and keys
   * their duplicate-detection hash: RESIDENT_DATA_KEY, at least 32 characters. Without it a
   * fixed development key is used (fine for the demo and tests, never for real data).
   */
  residentDataKey: string;
  /** [Interop] tries before a webhook delivery is dead (WEBHOOK_MAX_ATTEMPTS, default 8). */
  webhookMaxAttempts: number;
  /** [Interop] hours before a completion deadline when the holder is reminded (NOTIFY_DUE_SOON_HOURS, default 4). */
  notifyDueSoonHours: number;
  /** [Interop] tries before a notification is dead (NOTIFY_MAX_ATTEMPTS, default 5). */
  notifyMaxAttempts: number;
  /** [Proof] hours an Idempotency-Key is remembered (IDEMPOTENCY_TTL_HOURS, default 24). */
  idempotencyTtlHours: number;
  /** How often a worker drains the webhook and notification outboxes (JOB_OUTBOX_MS, default 5 s). */
  outboxIntervalMs: number;
  /** How often a worker sweeps deadlines for reminders (DEADLINE_SWEEP_MS, default 10 min). */
  deadlineSweepMs: number;
}

export const DEV_RESIDENT_DATA_KEY = 'jiesu-development-resident-data-key-not-for-production';

const DEFAULT_WEB_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** ROLE from `--role X` / `--role=X` on the command line, else the environment; unknown → an error. */
export function roleOf(env: NodeJS.ProcessEnv, argv: readonly string[] = []): ProcessRole {
  let value = env.ROLE || 'all';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--role' && argv[i + 1]) value = argv[i + 1]!;
    else if (a.startsWith('--role=')) value = a.slice('--role='.length);
  }
  if (!(PROCESS_ROLES as readonly string[]).includes(value))
    throw new Error(`ROLE must be one of ${PROCESS_ROLES.join(', ')}: "${value}"`);
  return value as ProcessRole;
}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  argv: readonly string[] = [],
): Config {
  const dataDir = resolve(env.DATA_DIR ?? './data');
  return {
    role: roleOf(env, argv),
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    listenDatabaseUrl: env.LISTEN_DATABASE_URL || env.DATABASE_URL || undefined,
    dbPoolSize: Number(env.DB_POOL_SIZE ?? 10),
    dataDir,
    storageDir: resolve(env.STORAGE_DIR ?? `${dataDir}/files`),
    demo: (env.DEMO ?? 'true') !== 'false',
    secureCookies: env.SECURE_COOKIES === 'true',
    sessionHours: Number(env.SESSION_HOURS ?? 12),
    maxUploadBytes: Number(env.MAX_UPLOAD_BYTES ?? 10 * 1024 * 1024),
    logLevel: env.LOG_LEVEL ?? 'info',
    loginRateLimit: Number(env.LOGIN_RATE_LIMIT ?? 30),
    residentDataKey: env.RESIDENT_DATA_KEY || DEV_RESIDENT_DATA_KEY,
    webhookMaxAttempts: Number(env.WEBHOOK_MAX_ATTEMPTS ?? 8),
    notifyDueSoonHours: Number(env.NOTIFY_DUE_SOON_HOURS ?? 4),
    notifyMaxAttempts: Number(env.NOTIFY_MAX_ATTEMPTS ?? 5),
    idempotencyTtlHours: Number(env.IDEMPOTENCY_TTL_HOURS ?? 24),
    outboxIntervalMs: Number(env.JOB_OUTBOX_MS ?? 5_000),
    deadlineSweepMs: Number(env.DEADLINE_SWEEP_MS ?? 10 * 60_000),
    // The built web app; unset WEB_DIST=none serves the API only.
    webDist: env.WEB_DIST === 'none' ? undefined : resolve(env.WEB_DIST ?? DEFAULT_WEB_DIST),
  };
}

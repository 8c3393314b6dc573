import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
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
}

export const DEV_RESIDENT_DATA_KEY = 'jiesu-development-resident-data-key-not-for-production';

const DEFAULT_WEB_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.DATA_DIR ?? './data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    storageDir: resolve(env.STORAGE_DIR ?? `${dataDir}/files`),
    demo: (env.DEMO ?? 'true') !== 'false',
    secureCookies: env.SECURE_COOKIES === 'true',
    sessionHours: Number(env.SESSION_HOURS ?? 12),
    maxUploadBytes: Number(env.MAX_UPLOAD_BYTES ?? 10 * 1024 * 1024),
    logLevel: env.LOG_LEVEL ?? 'info',
    loginRateLimit: Number(env.LOGIN_RATE_LIMIT ?? 30),
    residentDataKey: env.RESIDENT_DATA_KEY || DEV_RESIDENT_DATA_KEY,
    // The built web app; unset WEB_DIST=none serves the API only.
    webDist: env.WEB_DIST === 'none' ? undefined : resolve(env.WEB_DIST ?? DEFAULT_WEB_DIST),
  };
}

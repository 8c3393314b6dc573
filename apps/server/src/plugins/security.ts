// Security headers on every response (@fastify/helmet) and a request id that every
// response carries (`X-Request-Id`, also in a 500's body and in the log line).
//
// The Content-Security-Policy fits the built web app (apps/web/dist): scripts only from
// this origin (Vite emits module files, index.html has no inline script); styles also
// inline ('unsafe-inline': index.html's boot <style> and antd's CSS-in-JS, which injects
// <style> elements at run time); images and media also from data: and blob: (previews of
// photos and recordings before upload); fetch and the notification stream (SSE) to this
// origin only; no plugins, no framing by anyone (frame-ancestors 'none', X-Frame-Options
// DENY). HSTS and upgrade-insecure-requests only behind HTTPS (`SECURE_COOKIES=true`): on
// plain HTTP (localhost, a township's LAN) they would break the app.
import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'media-src': ["'self'", 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
};

export async function registerSecurity(
  app: FastifyInstance,
  opts: { https: boolean },
): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        ...CONTENT_SECURITY_POLICY,
        ...(opts.https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    strictTransportSecurity: opts.https
      ? { maxAge: 180 * 24 * 3600, includeSubDomains: true }
      : false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // Attachments and the app are same-origin; nothing is meant to be embedded elsewhere.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
}

// Builds the HTTP application around a container. No socket is opened here:
// tests use `app.inject()`, main.ts calls `listen`.
import Fastify, {
  type FastifyInstance,
  type FastifyBaseLogger,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import cookie from '@fastify/cookie';
import compress from '@fastify/compress';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ACTION_INPUTS, TRANSITIONS } from '@jiesu/contracts';
import type { Container } from './container.js';
import { frameworkErrors, registerErrorHandling } from './plugins/errors.js';
import { registerBodyDepthLimit, validatorCompiler } from './plugins/validation.js';
import { registerAuth } from './plugins/auth.js';
import { registerWeb } from './plugins/web.js';
import { registerSecurity } from './plugins/security.js';
import { newId } from './shared/ids.js';
import { pendingMigrations } from './db/migrate.js';
import { ticketRoutes } from './modules/tickets/routes.js';
import { intakeRoutes } from './modules/intake/routes.js';
import { knowledgeRoutes } from './modules/catalogue/knowledge-routes.js';
import { collaborationRoutes } from './modules/collaboration/routes.js';
import { publicRoutes } from './modules/public/routes.js';
import { authRoutes } from './modules/auth/routes.js';
import { orgRoutes } from './modules/org/routes.js';
import { catalogueRoutes } from './modules/catalogue/routes.js';
import { calendarRoutes } from './modules/calendar/routes.js';
import { attachmentRoutes } from './modules/attachments/routes.js';
import { systemRoutes } from './modules/system/routes.js';
import { viewRoutes } from './modules/views/routes.js';
import { coordinationRoutes } from './modules/coordination/routes.js';
import { adminRoutes } from './modules/org/admin-routes.js';
import { routingRoutes } from './modules/routing/routes.js';
import { deliberationRoutes } from './modules/deliberation/routes.js';
import { projectRoutes } from './modules/projects/routes.js';
import { hearingRoutes } from './modules/hearings/routes.js';
import { oversightRoutes } from './modules/oversight/routes.js';
import { handlingRoutes } from './modules/handling/routes.js';
import { replyTemplateRoutes } from './modules/reply-templates/routes.js';
import { callbackRoutes } from './modules/callbacks/routes.js';
import { webhookRoutes } from './modules/webhooks/routes.js';
import { notificationRoutes } from './modules/notify/routes.js';
import { upstreamRoutes } from './modules/upstream/routes.js';
import { civilityRoutes } from './modules/civility/routes.js';
import { gridPeopleRoutes } from './modules/grid-people/routes.js';
import { gridRoutes } from './modules/grid/routes.js';
import { residentsRoutes } from './modules/residents/routes.js';
import { studioRoutes } from './modules/studios/routes.js';
import { gridBoundaryRoutes } from './modules/grid/boundary-routes.js';
import { dutiesRoutes } from './modules/duties/routes.js';
import { broadcastRoutes } from './modules/broadcasts/routes.js';
import { gridAssessmentRoutes } from './modules/grid-assessment/routes.js';
import { assessmentRoutes } from './modules/assessment/routes.js';
import { colourListsRoutes } from './modules/colour-lists/routes.js';
import { volunteersRoutes } from './modules/volunteers/routes.js';
import { smartDispatchRoutes } from './modules/insight/smart-dispatch/routes.js';
import { assessmentReviewRoutes } from './modules/assessment/review-routes.js';
import { dashboardRoutes } from './modules/dashboard/routes.js';
import { hotspotRoutes } from './modules/insight/hotspots/routes.js';
import { periodReportRoutes } from './modules/period-reports/routes.js';
import { apiTokenRoutes } from './modules/auth/token-routes.js';
import { open311Routes } from './modules/open311/routes.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface AppOptions {
  logger?: boolean | { level: string };
  /** Requests per minute per address on the resident endpoints. */
  publicRateLimit?: number;
  /** Sign-in attempts per minute per address (on top of the per-username throttle). */
  loginRateLimit?: number;
}

export async function buildApp(c: Container, opts: AppOptions = {}): Promise<App> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false } },
    // Unique across API nodes (Fastify's default counts per process).
    genReqId: () => newId(),
    frameworkErrors,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  registerBodyDepthLimit(app);
  await registerSecurity(app, { https: c.config.secureCookies });
  await app.register(compress, { threshold: 1024 });
  const serveApp = await registerWeb(app, c.config.webDist);
  registerErrorHandling(app, { serveApp });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '接诉即办平台 API',
        version: '0.1.0',
        description:
          'REST API of the 接诉即办 platform. Ticket actions are generated from the state machine: see x-state-machine.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'jiesu_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: ({ schema, url }) => ({ schema, url }),
  });
  app.addHook('onReady', async () => {
    // Publish the state machine itself, so clients can read the table the server enforces.
    const doc = app.swagger() as unknown as Record<string, unknown>;
    doc['x-state-machine'] = TRANSITIONS.map((t) => ({ ...t, input: ACTION_INPUTS[t.action] }));
  });

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: c.config.maxUploadBytes, files: 1 } });
  const perMinute = opts.publicRateLimit ?? 60;
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => ({ statusCode: 429, message: 'rate limited' }),
  });
  registerAuth(app, c.auth);

  app.get(
    '/healthz',
    {
      schema: {
        tags: ['system'],
        summary: '进程存活',
        response: { 200: Type.Object({ ok: Type.Boolean() }) },
      },
    },
    async () => ({ ok: true }),
  );
  app.get('/readyz', {
    schema: {
      tags: ['system'],
      summary: '数据库可用且迁移已完成',
      response: {
        200: Type.Object({ ok: Type.Boolean(), pending: Type.Array(Type.String()) }),
        503: Type.Object({ ok: Type.Boolean(), pending: Type.Array(Type.String()) }),
      },
    },
    handler: async (_req, reply) => {
      try {
        const pending = await pendingMigrations(c.db);
        return reply.status(pending.length ? 503 : 200).send({ ok: pending.length === 0, pending });
      } catch {
        return reply.status(503).send({ ok: false, pending: [] });
      }
    },
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (!serveApp) systemRoutes(app);
  const limit = { max: perMinute, timeWindow: 60_000 };
  authRoutes(app, c, { max: opts.loginRateLimit ?? 30, timeWindow: 60_000 });
  orgRoutes(app, c);
  adminRoutes(app, c);
  catalogueRoutes(app, c);
  calendarRoutes(app, c);
  ticketRoutes(app, c);
  intakeRoutes(app, c);
  knowledgeRoutes(app, c);
  collaborationRoutes(app, c);
  coordinationRoutes(app, c);
  viewRoutes(app, c);
  publicRoutes(app, c, limit);
  attachmentRoutes(app, c, limit);
  routingRoutes(app, c);
  deliberationRoutes(app, c);
  projectRoutes(app, c);
  hearingRoutes(app, c);
  oversightRoutes(app, c);
  handlingRoutes(app, c);
  replyTemplateRoutes(app, c);
  callbackRoutes(app, c);
  webhookRoutes(app, c);
  notificationRoutes(app, c);
  upstreamRoutes(app, c);
  civilityRoutes(app, c, limit);
  gridPeopleRoutes(app, c, limit);
  gridRoutes(app, c, limit);
  residentsRoutes(app, c);
  studioRoutes(app, c, limit);
  gridBoundaryRoutes(app, c);
  dutiesRoutes(app, c);
  broadcastRoutes(app, c);
  gridAssessmentRoutes(app, c);
  assessmentRoutes(app, c);
  colourListsRoutes(app, c);
  volunteersRoutes(app, c, limit);
  smartDispatchRoutes(app, c);
  assessmentReviewRoutes(app, c);
  dashboardRoutes(app, c);
  periodReportRoutes(app, c);
  hotspotRoutes(app, c);
  apiTokenRoutes(app, c);
  open311Routes(app, c, limit);
  return app;
}

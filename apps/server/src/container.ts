// The composition root: every repository and service is built here, once,
// with exactly the dependencies it uses. HTTP, the CLI, jobs and tests all
// start from `buildContainer`; nothing reaches for a global.
import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';
import type { Clock } from './shared/clock.js';
import type { Config } from './config.js';
import { orgRepository } from './modules/org/repository.js';
import { orgService } from './modules/org/service.js';
import { authRepository } from './modules/auth/repository.js';
import { authService } from './modules/auth/service.js';
import { catalogueRepository } from './modules/catalogue/repository.js';
import { catalogueService } from './modules/catalogue/service.js';
import { calendarRepository } from './modules/calendar/repository.js';
import { calendarService } from './modules/calendar/service.js';
import { ticketService } from './modules/tickets/service.js';
import { publicService } from './modules/public/service.js';
import { attachmentService } from './modules/attachments/service.js';
import { localStorage } from './modules/attachments/storage.js';
import { usersService } from './modules/auth/users.js';
import { apiTokenService } from './modules/auth/tokens.js';
import { open311Service } from './modules/open311/service.js';
import { idempotencyService } from './modules/idempotency/service.js';
import { viewsService } from './modules/views/service.js';
import { adminService } from './modules/org/admin.js';
import { settingsService } from './modules/org/settings.js';
import { ticketReports } from './modules/tickets/reports.js';
import { joinHooks, type HookRegistry } from './modules/tickets/hooks.js';
import { intakeHooks } from './modules/intake/hooks.js';
import { intakeService } from './modules/intake/service.js';
import { knowledgeService } from './modules/catalogue/knowledge.js';
import { collaborationHooks } from './modules/collaboration/hooks.js';
import { collaborationService } from './modules/collaboration/service.js';
import { deadlineRecalculator } from './modules/tickets/recalculate.js';
import { coordinationHooks } from './modules/coordination/hooks.js';
import { coordinationService } from './modules/coordination/service.js';
import { routingHooks } from './modules/routing/hooks.js';
import { routingService } from './modules/routing/service.js';
import { deliberationHooks } from './modules/deliberation/hooks.js';
import { deliberationService } from './modules/deliberation/service.js';
import { projectHooks } from './modules/projects/hooks.js';
import { projectService } from './modules/projects/service.js';
import { hearingHooks } from './modules/hearings/hooks.js';
import { hearingsService } from './modules/hearings/service.js';
import { oversightHooks } from './modules/oversight/hooks.js';
import { civilityHooks } from './modules/civility/hooks.js';
import { civilityService } from './modules/civility/service.js';
import { oversightService } from './modules/oversight/service.js';
import { gridPeopleService } from './modules/grid-people/service.js';
import { studioService } from './modules/studios/service.js';
import { dutiesService } from './modules/duties/service.js';
import { placesService } from './modules/grid/service.js';
import { gridBoundaryService } from './modules/grid/boundaries.js';
import { residentsService } from './modules/residents/service.js';
import { broadcastService } from './modules/broadcasts/service.js';
import { gridAssessmentService } from './modules/grid-assessment/service.js';
import { assessmentService } from './modules/assessment/service.js';
import { colourListsService } from './modules/colour-lists/service.js';
import { volunteersService } from './modules/volunteers/service.js';
import { volunteerHooks } from './modules/volunteers/hooks.js';
import { dashboardService } from './modules/dashboard/service.js';
import { periodReportsService } from './modules/period-reports/service.js';
import { assessmentHooks } from './modules/assessment/hooks.js';
import { smartDispatchService } from './modules/insight/smart-dispatch/service.js';
import { searchHooks } from './modules/search/keep.js';
import { hotspotService } from './modules/insight/hotspots/service.js';
import { repeatService } from './modules/insight/hotspots/repeats.js';
import { handlingHooks } from './modules/handling/hooks.js';
import { handlingService } from './modules/handling/service.js';
import { replyTemplateHooks } from './modules/reply-templates/hooks.js';
import { replyTemplateService } from './modules/reply-templates/service.js';
import { callbackHooks } from './modules/callbacks/hooks.js';
import { callbackService } from './modules/callbacks/service.js';
import { webhookService } from './modules/webhooks/service.js';
import { realtimeHub } from './modules/notify/realtime.js';
import { notificationListener, notificationService } from './modules/notify/service.js';
import { notificationDispatcher } from './modules/notify/dispatcher.js';
import { upstreamService } from './modules/upstream/service.js';

export function buildContainer(deps: { db: Kysely<DB>; clock: Clock; config: Config }) {
  const { db, clock, config } = deps;
  const org = orgRepository(db);
  const catalogue = catalogueRepository(db);
  const orgSvc = orgService({ org });
  const calendar = calendarService({
    calendar: calendarRepository(db),
    catalogue,
    org,
    clock,
    onDayChanged: (tenantId, date, reason) => recalculator.onDayChanged(tenantId, date, reason),
  });
  // What ticket actions do beyond the ticket row, contributed by each module.
  const hooks: HookRegistry = joinHooks(
    collaborationHooks,
    intakeHooks,
    coordinationHooks,
    routingHooks,
    deliberationHooks,
    projectHooks,
    hearingHooks,
    oversightHooks,
    civilityHooks,
    assessmentHooks,
    volunteerHooks,
    handlingHooks,
    replyTemplateHooks,
    callbackHooks,
    searchHooks,
  );
  const places = placesService({ db });
  // [Interop] the webhook outbox: written in every event's transaction.
  const webhooks = webhookService({
    db,
    clock,
    dataKey: config.residentDataKey,
    options: { maxAttempts: config.webhookMaxAttempts },
  });
  // [Interop] notifications: the rules' outbox rows in every event's transaction; in-app ones
  // pushed live once committed (LISTEN/NOTIFY on PostgreSQL, in-process on the embedded engine).
  const notificationHub = realtimeHub({
    db,
    databaseUrl: config.databaseUrl ? (config.listenDatabaseUrl ?? config.databaseUrl) : undefined,
  });
  // [Proof] Idempotency-Key on the creating requests (staff intake, residents, Open311).
  const idempotency = idempotencyService({ db, clock, ttlHours: config.idempotencyTtlHours });
  const tickets = ticketService({
    db,
    clock,
    calendar,
    hooks,
    places,
    idempotency,
    eventListeners: [webhooks.listener, notificationListener({ hub: notificationHub })],
  });
  const recalculator = deadlineRecalculator({ db, calendar, tickets });
  const auth = authService({
    auth: authRepository(db),
    orgService: orgSvc,
    clock,
    sessionHours: config.sessionHours,
  });
  const onUserChanged = (userId: string) => auth.forgetUser(userId);
  const routing = routingService({ db, clock });
  return {
    db,
    clock,
    config,
    idempotency,
    org: orgSvc,
    auth,
    users: usersService({ db, clock, onUserChanged }),
    catalogue: catalogueService({ catalogue, calendar, clock }),
    calendar,
    tickets,
    reports: ticketReports({ db, clock, catalogue: routing }),
    routing,
    intake: intakeService({ db, clock }),
    knowledge: knowledgeService({ db, clock }),
    collaboration: collaborationService({ db, clock }),
    coordination: coordinationService({ db, clock, tickets }),
    deliberation: deliberationService({ db, clock }),
    projects: projectService({ db, clock, tickets }),
    hotspots: hotspotService({
      db,
      clock,
      projects: projectService({ db, clock, tickets }),
      broadcasts: broadcastService({ db, clock }),
    }),
    repeats: repeatService({ db, clock }),
    hearings: hearingsService({ db, clock }),
    oversight: oversightService({ db, clock, tickets }),
    handling: handlingService({ db, clock, tickets }),
    replyTemplates: replyTemplateService({ db, clock }),
    callbacks: callbackService({ db, clock, tickets }),
    webhooks,
    notificationHub,
    notifications: notificationService({
      db,
      clock,
      hub: notificationHub,
      dueSoonHours: config.notifyDueSoonHours,
    }),
    notificationSender: notificationDispatcher({
      db,
      clock,
      maxAttempts: config.notifyMaxAttempts,
    }),
    upstream: upstreamService({ db, clock, tickets, places }),
    civility: civilityService({ db, clock }),
    gridPeople: gridPeopleService({ db, clock }),
    residents: residentsService({ db, clock, secret: config.residentDataKey }),
    studios: studioService({ db, clock, calendar, tickets }),
    duties: dutiesService({ db, clock, tickets }),
    broadcasts: broadcastService({ db, clock }),
    gridAssessment: gridAssessmentService({ db, clock }),
    assessment: assessmentService({ db, clock }),
    periodReports: periodReportsService({
      db,
      clock,
      assessment: assessmentService({ db, clock }),
    }),
    colourLists: colourListsService({ db, clock }),
    volunteers: volunteersService({ db, clock, tickets }),
    smartDispatch: smartDispatchService({ db, clock }),
    dashboard: dashboardService({ db, clock, assessment: assessmentService({ db, clock }) }),
    views: viewsService({ db, clock }),
    admin: adminService({ db, onUserChanged, onPlacesChanged: (t) => places.invalidate(t) }),
    places,
    gridBoundaries: gridBoundaryService({ db, onPlacesChanged: (t) => places.invalidate(t) }),
    settings: settingsService({ org, onCalendarChanged: (id) => calendar.invalidate(id) }),
    public: publicService({ db, clock, tickets, idempotency }),
    apiTokens: apiTokenService({ db, clock }),
    open311: open311Service({ db, clock, auth, tickets, places, idempotency }),
    attachments: attachmentService({
      db,
      clock,
      storage: localStorage(config.storageDir),
      maxBytes: config.maxUploadBytes,
    }),
    /** The tenant of unauthenticated requests: the `X-Tenant` header, else the only tenant. */
    async defaultTenant(header?: string): Promise<string> {
      if (header) return header;
      const rows = await db
        .selectFrom('tenants')
        .select('id')
        .orderBy('created_at')
        .limit(2)
        .execute();
      return rows[0]?.id ?? '';
    },
  };
}
export type Container = ReturnType<typeof buildContainer>;

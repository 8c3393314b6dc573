// The workbench's routes under its layout (every page its own chunk), mounted at /* by App.
import { lazy } from 'react';
import { Route, Routes } from 'react-router';

const StaffLayout = lazy(() => import('./layout/StaffLayout'));
const HomePage = lazy(() => import('./home/HomePage'));
const InboxPage = lazy(() => import('./tickets/InboxPage'));
const TicketPage = lazy(() => import('./tickets/TicketPage'));
const AgentEntryPage = lazy(() => import('./intake/AgentEntryPage'));
const DispatchConsole = lazy(() => import('./dispatch/DispatchConsole'));
const OrgAdmin = lazy(() => import('./admin/OrgAdmin'));
const UsersAdmin = lazy(() => import('./admin/UsersAdmin'));
const CategoriesAdmin = lazy(() => import('./admin/CategoriesAdmin'));
const PoliciesAdmin = lazy(() => import('./admin/PoliciesAdmin'));
const CalendarAdmin = lazy(() => import('./admin/CalendarAdmin'));
const CatalogueAdmin = lazy(() => import('./admin/CatalogueAdmin'));
const KnowledgeAdmin = lazy(() => import('./admin/KnowledgeAdmin'));
const SettingsAdmin = lazy(() => import('./admin/SettingsAdmin'));
const ChannelsAdminPage = lazy(() => import('./notifications/ChannelsAdminPage'));
const TokensAdmin = lazy(() => import('./admin/TokensAdmin'));
const WebhooksAdmin = lazy(() => import('./admin/WebhooksAdmin'));
const UpstreamAdmin = lazy(() => import('./admin/UpstreamAdmin'));
const ObjectionsPage = lazy(() => import('./collaboration/ObjectionsPage'));
const TasksPage = lazy(() => import('./collaboration/TasksPage'));
const WhistlesPage = lazy(() => import('./coordination/WhistlesPage'));
const BacklogPage = lazy(() => import('./hearings/BacklogPage'));
const ProjectsPage = lazy(() => import('./projects/ProjectsPage'));
const ProjectPage = lazy(() => import('./projects/ProjectPage'));
const EscalationsPage = lazy(() => import('./deliberation/EscalationsPage'));
const LedgerPage = lazy(() => import('./deliberation/LedgerPage'));
const EldersAdmin = lazy(() => import('./deliberation/EldersAdmin'));
const GridsPage = lazy(() => import('./grid-people/GridsPage'));
const ResidentsPage = lazy(() => import('./residents/ResidentsPage'));
const StudioPage = lazy(() => import('./studios/StudioPage'));
const BroadcastsPage = lazy(() => import('./broadcasts/BroadcastsPage'));
const UrgesPage = lazy(() => import('./oversight/UrgesPage'));
const ApprovalsPage = lazy(() => import('./handling/ApprovalsPage'));
const CallbacksPage = lazy(() => import('./callbacks/CallbacksPage'));
const ReplyTemplatesPage = lazy(() => import('./reply-templates/ReplyTemplatesPage'));
const ColourListsPage = lazy(() => import('./colour-lists/ColourListsPage'));
const VolunteersPage = lazy(() => import('./volunteers/VolunteersPage'));
const VolunteerTeamPage = lazy(() => import('./volunteers/TeamPage'));
const CivilityPage = lazy(() => import('./civility/CivilityPage'));
const AssessmentPage = lazy(() => import('./grid-assessment/AssessmentPage'));
const UnitAssessmentPage = lazy(() => import('./assessment/UnitAssessmentPage'));
const DashboardPage = lazy(() => import('./dashboard/DashboardPage'));
const PeriodReportsPage = lazy(() => import('./period-reports/PeriodReportsPage'));
const HotspotsPage = lazy(() => import('./hotspots/HotspotsPage'));
const DutiesPage = lazy(() => import('./duties/DutiesPage'));
const SmartDispatchPage = lazy(() => import('./smart-dispatch/SmartDispatchPage'));
const NotFound = lazy(() => import('../lib/NotFound'));

export default function StaffRoutes() {
  return (
    <Routes>
      <Route element={<StaffLayout />}>
        <Route index element={<HomePage />} />
        <Route path="tickets" element={<InboxPage />} />
        <Route path="tickets/:id" element={<TicketPage />} />
        <Route path="intake" element={<AgentEntryPage />} />
        <Route path="dispatch" element={<DispatchConsole />} />
        <Route path="admin/org" element={<OrgAdmin />} />
        <Route path="admin/users" element={<UsersAdmin />} />
        <Route path="admin/categories" element={<CategoriesAdmin />} />
        <Route path="admin/policies" element={<PoliciesAdmin />} />
        <Route path="admin/calendar" element={<CalendarAdmin />} />
        <Route path="admin/catalogue" element={<CatalogueAdmin />} />
        <Route path="admin/knowledge" element={<KnowledgeAdmin />} />
        <Route path="admin/settings" element={<SettingsAdmin />} />
        <Route path="admin/notifications" element={<ChannelsAdminPage />} />
        <Route path="admin/tokens" element={<TokensAdmin />} />
        <Route path="admin/webhooks" element={<WebhooksAdmin />} />
        <Route path="admin/upstream" element={<UpstreamAdmin />} />
        <Route path="objections" element={<ObjectionsPage />} />
        <Route path="tasks" element={<TasksPage />} />
        <Route path="whistles" element={<WhistlesPage />} />
        <Route path="backlog" element={<BacklogPage />} />
        <Route path="projects" element={<ProjectsPage />} />
        <Route path="projects/:id" element={<ProjectPage />} />
        <Route path="escalations" element={<EscalationsPage />} />
        <Route path="deliberations" element={<LedgerPage />} />
        <Route path="admin/elders" element={<EldersAdmin />} />
        <Route path="grids" element={<GridsPage />} />
        <Route path="residents" element={<ResidentsPage />} />
        <Route path="studio" element={<StudioPage />} />
        <Route path="duties" element={<DutiesPage />} />
        <Route path="broadcasts" element={<BroadcastsPage />} />
        <Route path="urges" element={<UrgesPage />} />
        <Route path="handling/approvals" element={<ApprovalsPage />} />
        <Route path="callbacks" element={<CallbacksPage />} />
        <Route path="reply-templates" element={<ReplyTemplatesPage />} />
        <Route path="colour-lists" element={<ColourListsPage />} />
        <Route path="volunteers" element={<VolunteersPage />} />
        <Route path="volunteers/teams/:id" element={<VolunteerTeamPage />} />
        <Route path="civility" element={<CivilityPage />} />
        <Route path="grid-assessment" element={<AssessmentPage />} />
        <Route path="assessment" element={<UnitAssessmentPage />} />
        <Route path="dashboard" element={<DashboardPage />} />
        <Route path="period-reports" element={<PeriodReportsPage />} />
        <Route path="insight/hotspots" element={<HotspotsPage />} />
        <Route path="insight/dispatch" element={<SmartDispatchPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

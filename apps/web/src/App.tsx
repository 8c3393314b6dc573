import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import zh_CN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { ApiError } from './api/client';
import { meQuery, statsQuery, ticketListQuery } from './api/hooks';
import { HOME_DUE_SOON, HOME_OVERDUE } from './staff/home/queries';
import { PageLoading } from './lib/states';
import { t } from './i18n';

dayjs.locale('zh-cn');
document.title = t.web.app.title;

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // Client errors will not change by retrying; network and 5xx might.
      retry: (n, err) =>
        !(err instanceof ApiError && err.status >= 400 && err.status < 500) && n < 2,
    },
  },
});

// Every route is its own chunk: the resident pages never load the workbench.
const CitizenLayout = lazy(() => import('./citizen/CitizenLayout'));
const RaisePage = lazy(() => import('./citizen/RaisePage'));
const FollowPage = lazy(() => import('./citizen/FollowPage'));
const NoticesPage = lazy(() => import('./citizen/NoticesPage'));
const GridBoardPage = lazy(() => import('./citizen/GridBoardPage'));
const LoginPage = lazy(() => import('./staff/auth/LoginPage'));
const StaffLayout = lazy(() => import('./staff/layout/StaffLayout'));
const HomePage = lazy(() => import('./staff/home/HomePage'));
const InboxPage = lazy(() => import('./staff/tickets/InboxPage'));
const TicketPage = lazy(() => import('./staff/tickets/TicketPage'));
const AgentEntryPage = lazy(() => import('./staff/intake/AgentEntryPage'));
const DispatchConsole = lazy(() => import('./staff/dispatch/DispatchConsole'));
const OrgAdmin = lazy(() => import('./staff/admin/OrgAdmin'));
const UsersAdmin = lazy(() => import('./staff/admin/UsersAdmin'));
const CategoriesAdmin = lazy(() => import('./staff/admin/CategoriesAdmin'));
const PoliciesAdmin = lazy(() => import('./staff/admin/PoliciesAdmin'));
const CalendarAdmin = lazy(() => import('./staff/admin/CalendarAdmin'));
const CatalogueAdmin = lazy(() => import('./staff/admin/CatalogueAdmin'));
const KnowledgeAdmin = lazy(() => import('./staff/admin/KnowledgeAdmin'));
const SettingsAdmin = lazy(() => import('./staff/admin/SettingsAdmin'));
const ObjectionsPage = lazy(() => import('./staff/collaboration/ObjectionsPage'));
const TasksPage = lazy(() => import('./staff/collaboration/TasksPage'));
const WhistlesPage = lazy(() => import('./staff/coordination/WhistlesPage'));
const BacklogPage = lazy(() => import('./staff/hearings/BacklogPage'));
const ProjectsPage = lazy(() => import('./staff/projects/ProjectsPage'));
const ProjectPage = lazy(() => import('./staff/projects/ProjectPage'));
const EscalationsPage = lazy(() => import('./staff/deliberation/EscalationsPage'));
const LedgerPage = lazy(() => import('./staff/deliberation/LedgerPage'));
const EldersAdmin = lazy(() => import('./staff/deliberation/EldersAdmin'));
const GridsPage = lazy(() => import('./staff/grid-people/GridsPage'));
const NotFound = lazy(() => import('./lib/NotFound'));

// A workbench load needs the layout, the page and the session: fetch them in parallel
// instead of layout → session → page → data.
if (!window.location.pathname.startsWith('/m') && window.location.pathname !== '/login') {
  void import('./staff/layout/StaffLayout');
  if (window.location.pathname === '/') void import('./staff/home/HomePage');
  const home = window.location.pathname === '/';
  void queryClient
    .fetchQuery(meQuery)
    .then(() => {
      if (!home) return;
      void queryClient.prefetchQuery(statsQuery);
      void queryClient.prefetchQuery(ticketListQuery(HOME_OVERDUE));
      void queryClient.prefetchQuery(ticketListQuery(HOME_DUE_SOON));
    })
    .catch(() => undefined); // the layout shows the login or the error
}

export function App() {
  return (
    <ConfigProvider
      locale={zh_CN}
      theme={{ token: { colorPrimary: '#1458c8' } }}
      button={{ autoInsertSpace: false }}
    >
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <Suspense fallback={<PageLoading />}>
            <Routes>
              <Route path="/m" element={<CitizenLayout />}>
                <Route index element={<Navigate to="raise" replace />} />
                <Route path="raise" element={<RaisePage />} />
                <Route path="follow" element={<FollowPage />} />
                <Route path="notices" element={<NoticesPage />} />
                <Route path="grids" element={<GridBoardPage />} />
              </Route>
              <Route path="/login" element={<LoginPage />} />
              <Route path="/" element={<StaffLayout />}>
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
                <Route path="*" element={<NotFound />} />
              </Route>
            </Routes>
          </Suspense>
        </BrowserRouter>
      </QueryClientProvider>
    </ConfigProvider>
  );
}

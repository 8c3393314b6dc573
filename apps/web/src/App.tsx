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
const PointsPage = lazy(() => import('./citizen/PointsPage'));
const VolunteersPublicPage = lazy(() => import('./citizen/VolunteersPage'));
const LoginPage = lazy(() => import('./staff/auth/LoginPage'));
// The workbench's and the grid workers' route tables are chunks of their own, so that the
// resident pages do not carry the names and dependencies of every staff page.
const StaffRoutes = lazy(() => import('./staff/StaffRoutes'));
const GridWorkerRoutes = lazy(() => import('./gridworker/GridWorkerRoutes'));
const StudioPublicPage = lazy(() => import('./citizen/StudioPage'));

// A workbench load needs the layout, the page and the session: fetch them in parallel
// instead of layout → session → page → data.
if (!window.location.pathname.startsWith('/m') && window.location.pathname !== '/login') {
  const gw = window.location.pathname === '/g' || window.location.pathname.startsWith('/g/');
  if (!gw) {
    void import('./staff/StaffRoutes');
    void import('./staff/layout/StaffLayout');
  }
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
                <Route path="points" element={<PointsPage />} />
                <Route path="v" element={<VolunteersPublicPage />} />
                <Route path="v/:villageId" element={<VolunteersPublicPage />} />
                <Route path="studio" element={<StudioPublicPage />} />
              </Route>
              <Route path="/login" element={<LoginPage />} />
              <Route path="/g/*" element={<GridWorkerRoutes />} />
              <Route path="/*" element={<StaffRoutes />} />
            </Routes>
          </Suspense>
        </BrowserRouter>
      </QueryClientProvider>
    </ConfigProvider>
  );
}

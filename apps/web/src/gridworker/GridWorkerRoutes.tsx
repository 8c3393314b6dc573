// The grid workers' phone pages under their layout, mounted at /g/* by App.
import { lazy } from 'react';
import { Route, Routes } from 'react-router';

const GwHouseholdsPage = lazy(() => import('./HouseholdsPage'));
const GwBroadcastsPage = lazy(() => import('./BroadcastsPage'));
const GridWorkerLayout = lazy(() => import('./GridWorkerLayout'));
const GwTodayPage = lazy(() => import('./TodayPage'));
const GwPatrolPage = lazy(() => import('./PatrolPage'));
const GwReportPage = lazy(() => import('./ReportPage'));

export default function GridWorkerRoutes() {
  return (
    <Routes>
      <Route element={<GridWorkerLayout />}>
        <Route index element={<GwTodayPage />} />
        <Route path="patrol" element={<GwPatrolPage />} />
        <Route path="report" element={<GwReportPage />} />
        <Route path="households" element={<GwHouseholdsPage />} />
        <Route path="broadcasts" element={<GwBroadcastsPage />} />
        <Route path="broadcasts/:id" element={<GwBroadcastsPage />} />
      </Route>
    </Routes>
  );
}

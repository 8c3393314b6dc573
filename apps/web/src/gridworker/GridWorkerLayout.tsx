import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { ApiError, api, setCsrfToken } from '../api/client';
import { useMe } from '../api/hooks';
import { ErrorState, PageLoading } from '../lib/states';
import { tDuties } from '../i18n/duties';
import './gridworker.css';

const L = tDuties.layout;

/**
 * Mobile frame for the grid worker's pages (/g), usable at 360 px. It needs a staff
 * session (the same one as the workbench); without one it sends to the login.
 */
export default function GridWorkerLayout() {
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();

  if (me.isPending) return <PageLoading />;
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401)
      return (
        <Navigate
          to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}
          replace
        />
      );
    return (
      <div style={{ padding: 16 }}>
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  }

  async function logout() {
    try {
      await api.post('/api/auth/logout');
    } finally {
      setCsrfToken(null);
      qc.clear();
      navigate('/login?next=%2Fg', { replace: true });
    }
  }

  const link = ({ isActive }: { isActive: boolean }) =>
    isActive ? 'gw-tab gw-tab-active' : 'gw-tab';
  return (
    <AntApp>
      <div className="gw-frame">
        <header className="gw-header">
          <h1>{L.title}</h1>
          <span className="gw-user" title={me.data.displayName}>
            {me.data.displayName}
          </span>
          <a href="/">{L.workbench}</a>
          <button type="button" className="gw-link" onClick={() => void logout()}>
            {L.logout}
          </button>
        </header>
        <main className="gw-main">
          <Outlet />
        </main>
        <nav className="gw-nav" aria-label={L.navLabel}>
          <NavLink to="/g" end className={link}>
            {L.navToday}
          </NavLink>
          <NavLink to="/g/patrol" className={link}>
            {L.navPatrol}
          </NavLink>
          <NavLink to="/g/report" className={link}>
            {L.navReport}
          </NavLink>
          <NavLink to="/g/households" className={link}>
            {L.navHouseholds}
          </NavLink>
          <NavLink to="/g/broadcasts" className={link}>
            {L.navBroadcasts}
          </NavLink>
        </nav>
      </div>
    </AntApp>
  );
}

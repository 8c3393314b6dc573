import { NavLink, Outlet } from 'react-router';
import { t } from '../i18n';
import './citizen.css';

/** Mobile-first frame for the resident pages (fits a 360 px WeChat web view). */
export default function CitizenLayout() {
  const link = ({ isActive }: { isActive: boolean }) =>
    isActive ? 'cz-tab cz-tab-active' : 'cz-tab';
  return (
    <div className="cz-frame">
      <header className="cz-header">
        <h1>{t.web.citizen.title}</h1>
        <p>{t.web.citizen.subtitle}</p>
      </header>
      <main className="cz-main">
        <Outlet />
      </main>
      <nav className="cz-nav" aria-label={t.web.citizen.navLabel}>
        <NavLink to="/m/raise" className={link}>
          {t.web.citizen.navRaise}
        </NavLink>
        <NavLink to="/m/follow" className={link}>
          {t.web.citizen.navFollow}
        </NavLink>
        <NavLink to="/m/notices" className={link}>
          {t.web.citizen.navNotices}
        </NavLink>
        <NavLink to="/m/grids" className={link}>
          {t.web.citizen.navGrids}
        </NavLink>
        <NavLink to="/m/studio" className={link}>
          {t.web.citizen.navStudio}
        </NavLink>
      </nav>
    </div>
  );
}

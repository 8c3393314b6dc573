import { useMemo, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Drawer, Grid, Layout, Menu, Typography } from 'antd';
import type { MenuProps } from 'antd';
import {
  ApartmentOutlined,
  BookOutlined,
  AuditOutlined,
  CalendarOutlined,
  ClockCircleOutlined,
  FieldTimeOutlined,
  HomeOutlined,
  InboxOutlined,
  LogoutOutlined,
  MenuOutlined,
  NotificationOutlined,
  PhoneOutlined,
  ProjectOutlined,
  SendOutlined,
  SettingOutlined,
  TagsOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  KeyOutlined,
  ApiOutlined,
  CloudUploadOutlined,
} from '@ant-design/icons';
import { ApiError, api, setCsrfToken } from '../../api/client';
import { useMe } from '../../api/hooks';
import { ErrorState, PageLoading } from '../../lib/states';
import { t } from '../../i18n';
import { hasAny } from '../roles';
import { useDeliberationMenu } from '../deliberation/menu';
import { useGridPeopleMenu } from '../grid-people/menu';
import { useResidentsMenu } from '../residents/menu';
import { useStudioMenu } from '../studios/menu';
import { useDutiesMenu } from '../duties/menu';
import { useBroadcastMenu } from '../broadcasts/menu';
import { useOversightMenu } from '../oversight/menu';
import { useHandlingMenu } from '../handling/menu';
import { useCallbacksMenu } from '../callbacks/menu';
import { useReplyTemplatesMenu } from '../reply-templates/menu';
import { useColourListsMenu } from '../colour-lists/menu';
import { useVolunteersMenu } from '../volunteers/menu';
import { useCivilityMenu } from '../civility/menu';
import { useUnitAssessmentMenu } from '../assessment/menu';
import { useDashboardMenu } from '../dashboard/menu';
import { usePeriodReportsMenu } from '../period-reports/menu';
import { useHotspotsMenu } from '../hotspots/menu';
import { useSmartDispatchMenu } from '../smart-dispatch/menu';
import NotificationBell from '../notifications/NotificationBell';
import { tNotifications } from '../../i18n/notifications';
import { tTokens } from '../../i18n/tokens';
import { tInterop } from '../../i18n/interop';

export default function StaffLayout() {
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [drawer, setDrawer] = useState(false);
  const narrow = !screens.md;
  const deliberationItems = useDeliberationMenu(me.data);
  const gridPeopleItems = useGridPeopleMenu(me.data);
  const residentsItems = useResidentsMenu(me.data);
  const studioItems = useStudioMenu(me.data);
  const dutiesItems = useDutiesMenu(me.data);
  const broadcastItems = useBroadcastMenu(me.data);
  const oversightItems = useOversightMenu(me.data);
  const handlingItems = useHandlingMenu(me.data);
  const callbackItems = useCallbacksMenu(me.data);
  const replyTemplateItems = useReplyTemplatesMenu(me.data);
  const colourListItems = useColourListsMenu(me.data);
  const volunteerItems = useVolunteersMenu(me.data);
  const civilityItems = useCivilityMenu(me.data);
  const unitAssessmentItems = useUnitAssessmentMenu(me.data);
  const dashboardItems = useDashboardMenu(me.data);
  const periodReportItems = usePeriodReportsMenu(me.data);
  const hotspotItems = useHotspotsMenu(me.data);
  const smartDispatchItems = useSmartDispatchMenu(me.data);

  const items = useMemo<MenuProps['items']>(() => {
    const u = me.data;
    if (!u) return [];
    const list: NonNullable<MenuProps['items']> = [
      { key: '/', icon: <HomeOutlined />, label: <Link to="/">{t.web.nav.home}</Link> },
      {
        key: '/tickets',
        icon: <InboxOutlined />,
        label: <Link to="/tickets">{t.web.nav.inbox}</Link>,
      },
    ];
    if (hasAny(u, 'agent', 'dispatcher'))
      list.push({
        key: '/intake',
        icon: <PhoneOutlined />,
        label: <Link to="/intake">{t.web.nav.intake}</Link>,
      });
    if (hasAny(u, 'dispatcher'))
      list.push({
        key: '/dispatch',
        icon: <SendOutlined />,
        label: <Link to="/dispatch">{t.web.nav.dispatch}</Link>,
      });
    const reviewer = hasAny(u, 'dispatcher', 'supervisor');
    if (reviewer)
      list.push({
        key: '/objections',
        icon: <AuditOutlined />,
        label: <Link to="/objections">{t.web.nav.objections}</Link>,
      });
    if (hasAny(u, 'handler', 'unit_leader')) {
      list.push({
        key: '/tasks',
        icon: <TeamOutlined />,
        label: <Link to="/tasks">{t.web.nav.tasks}</Link>,
      });
      if (!reviewer)
        list.push({
          key: '/objections',
          icon: <AuditOutlined />,
          label: <Link to="/objections">{t.web.nav.myObjections}</Link>,
        });
    }
    // 吹哨报到: departments report in, townships follow their whistles, the desk assesses.
    if (hasAny(u, 'handler', 'unit_leader', 'dispatcher', 'supervisor'))
      list.push({
        key: '/whistles',
        icon: <NotificationOutlined />,
        label: <Link to="/whistles">{t.web.nav.whistles}</Link>,
      });
    // 积案清单: the desk and supervisors over the district, units over their own cases.
    if (hasAny(u, 'handler', 'unit_leader', 'dispatcher', 'agent', 'supervisor'))
      list.push({
        key: '/backlog',
        icon: <FieldTimeOutlined />,
        label: <Link to="/backlog">{t.web.nav.backlog}</Link>,
      });
    // 共性问题专项: the centre runs them; unit leaders run their own units' projects.
    if (hasAny(u, 'dispatcher', 'supervisor', 'agent', 'unit_leader'))
      list.push({
        key: '/projects',
        icon: <ProjectOutlined />,
        label: <Link to="/projects">{t.web.nav.projects}</Link>,
      });
    // 上交审核, 下交群评台账, 三老评议团: the centre and governments' staff.
    list.push(...deliberationItems);
    // 网格管理: administrators and governments' staff.
    list.push(...gridPeopleItems);
    // 住户台账: administrators, supervisors, governments' staff and grid workers.
    list.push(...residentsItems);
    // 我来办工作室: governments' staff keep or read theirs; the district reads all.
    list.push(...studioItems);
    // 网格履职 (governments, administrators) and the grid worker's mobile pages.
    list.push(...dutiesItems);
    // 一令到底 and 网格员考核: the centre and governments' staff.
    list.push(...broadcastItems);
    // 督办: urges and the audit trail.
    list.push(...oversightItems);
    // 待审批: extension requests (the centre decides; units follow theirs).
    list.push(...handlingItems);
    list.push(...callbackItems);
    list.push(...replyTemplateItems);
    // 三色清单: villages' and townships' lists; the district reads them all.
    list.push(...colourListItems);
    // 志愿服务: every staff member reads the teams; villages and townships keep them.
    list.push(...volunteerItems);
    // 文明积分: governments' staff, grid workers, administrators and supervisors.
    list.push(...civilityItems);
    // 三率考核: the centre, supervisors and units' leaders.
    list.push(...unitAssessmentItems);
    // 驾驶舱: the district's figures and charts, by scope.
    list.push(...dashboardItems);
    // 报表中心: the weekly dispatch-meeting pack, monthly and quarterly reports.
    list.push(...periodReportItems);
    // 热点发现: the centre, supervisors, administrators and townships' staff.
    list.push(...hotspotItems);
    // 智能分派: the models and their live accuracy, for the centre and administrators.
    list.push(...smartDispatchItems);
    // The desk and the supervisors read the dispatch catalogue; administrators find it below.
    if (!hasAny(u, 'admin') && hasAny(u, 'dispatcher', 'supervisor'))
      list.push({
        key: '/admin/catalogue',
        icon: <UnorderedListOutlined />,
        label: <Link to="/admin/catalogue">{t.web.nav.catalogue}</Link>,
      });
    if (hasAny(u, 'admin'))
      list.push({
        key: 'admin',
        label: t.web.nav.admin,
        type: 'group',
        children: [
          {
            key: '/admin/org',
            icon: <ApartmentOutlined />,
            label: <Link to="/admin/org">{t.web.nav.org}</Link>,
          },
          {
            key: '/admin/users',
            icon: <TeamOutlined />,
            label: <Link to="/admin/users">{t.web.nav.users}</Link>,
          },
          {
            key: '/admin/categories',
            icon: <TagsOutlined />,
            label: <Link to="/admin/categories">{t.web.nav.categories}</Link>,
          },
          {
            key: '/admin/policies',
            icon: <ClockCircleOutlined />,
            label: <Link to="/admin/policies">{t.web.nav.policies}</Link>,
          },
          {
            key: '/admin/calendar',
            icon: <CalendarOutlined />,
            label: <Link to="/admin/calendar">{t.web.nav.calendar}</Link>,
          },
          {
            key: '/admin/catalogue',
            icon: <UnorderedListOutlined />,
            label: <Link to="/admin/catalogue">{t.web.nav.catalogue}</Link>,
          },
          {
            key: '/admin/knowledge',
            icon: <BookOutlined />,
            label: <Link to="/admin/knowledge">{t.web.nav.knowledge}</Link>,
          },
          {
            key: '/admin/settings',
            icon: <SettingOutlined />,
            label: <Link to="/admin/settings">{t.web.nav.settings}</Link>,
          },
          {
            key: '/admin/notifications',
            icon: <NotificationOutlined />,
            label: <Link to="/admin/notifications">{tNotifications.admin.nav}</Link>,
          },
          {
            key: '/admin/tokens',
            icon: <KeyOutlined />,
            label: <Link to="/admin/tokens">{tTokens.nav}</Link>,
          },
          {
            key: '/admin/webhooks',
            icon: <ApiOutlined />,
            label: <Link to="/admin/webhooks">{tInterop.webhooks.nav}</Link>,
          },
          {
            key: '/admin/upstream',
            icon: <CloudUploadOutlined />,
            label: <Link to="/admin/upstream">{tInterop.upstream.nav}</Link>,
          },
        ],
      });
    return list;
  }, [
    me.data,
    deliberationItems,
    gridPeopleItems,
    residentsItems,
    dutiesItems,
    broadcastItems,
    studioItems,
    oversightItems,
    handlingItems,
    callbackItems,
    replyTemplateItems,
    colourListItems,
    volunteerItems,
    civilityItems,
    unitAssessmentItems,
    dashboardItems,
    periodReportItems,
    hotspotItems,
    smartDispatchItems,
  ]);

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
      <div style={{ padding: 24 }}>
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  }
  const user = me.data;
  const selected = location.pathname.startsWith('/tickets')
    ? '/tickets'
    : location.pathname === '/'
      ? '/'
      : location.pathname;

  async function logout() {
    try {
      await api.post('/api/auth/logout');
    } finally {
      setCsrfToken(null);
      qc.clear();
      navigate('/login', { replace: true });
    }
  }

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selected]}
      items={items}
      onClick={() => setDrawer(false)}
      style={{ borderInlineEnd: 0 }}
    />
  );
  const roleText = [...new Set(user.roles.map((r) => `${t.role[r.role]} · ${r.unitName}`))].join(
    ';',
  );

  return (
    <AntApp>
      <Layout style={{ minHeight: '100vh' }}>
        {!narrow && (
          <Layout.Sider theme="light" width={208} style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
            <div style={{ padding: '16px 20px', fontWeight: 600, fontSize: 16 }}>
              {t.web.app.title}
            </div>
            <nav aria-label={t.web.nav.label}>{menu}</nav>
          </Layout.Sider>
        )}
        {narrow && (
          <Drawer
            open={drawer}
            onClose={() => setDrawer(false)}
            placement="left"
            size={240}
            title={t.web.app.title}
          >
            <nav aria-label={t.web.nav.label}>{menu}</nav>
          </Drawer>
        )}
        <Layout>
          <Layout.Header
            style={{
              background: '#fff',
              padding: '0 16px',
              display: 'flex',
              alignItems: 'center',
              gap: 12,
              borderBottom: '1px solid #f0f0f0',
              height: 56,
              lineHeight: '56px',
            }}
          >
            {narrow && (
              <Button
                icon={<MenuOutlined />}
                aria-label={t.web.nav.open}
                onClick={() => setDrawer(true)}
              />
            )}
            <Typography.Text strong ellipsis style={{ flex: 1 }}>
              {user.tenantName}
            </Typography.Text>
            <span
              title={roleText}
              style={{
                whiteSpace: 'nowrap',
                overflow: 'hidden',
                textOverflow: 'ellipsis',
                maxWidth: narrow ? 100 : 420,
                lineHeight: 'normal',
              }}
            >
              {user.displayName}
              {!narrow && <span style={{ color: '#595959' }}> · {roleText}</span>}
            </span>
            <NotificationBell compact={narrow} />
            <Button
              icon={<LogoutOutlined />}
              onClick={() => void logout()}
              aria-label={t.web.nav.logout}
            >
              {narrow ? null : t.web.nav.logout}
            </Button>
          </Layout.Header>
          <Layout.Content style={{ padding: narrow ? 8 : 16 }}>
            <main>
              <Outlet />
            </main>
          </Layout.Content>
        </Layout>
      </Layout>
    </AntApp>
  );
}

// 共性问题专项: the projects the user may read, filtered by state, owner unit,
// month topic and text, sorted and paged in the address; the create form for
// the centre and unit leaders, and the Excel export of the filtered list.
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, DatePicker, Flex, Progress, Select, Space, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import {
  PROJECT_SORTS,
  PROJECT_STATES,
  type ProjectListQuery,
  type ProjectSort,
  type ProjectState,
  type ProjectSummary,
} from '@jiesu/contracts';
import { toSearch } from '../../api/client';
import { useMe } from '../../api/hooks';
import { UrlPagedTable, UrlSearch, pageOf, useUrlFilters } from '../../lib/urlFilters';
import { fmt, t } from '../../i18n';
import { seesDistrict } from '../roles';
import { UnitSelect } from '../tickets/UnitSelect';
import { ProjectForm } from './ProjectForm';
import { ProjectStateTag, canCreateProject } from './parts';
import { useProjectList } from './queries';
import { tProjects } from '../../i18n/projects';

const p = tProjects;

function readQuery(sp: URLSearchParams): ProjectListQuery {
  const q: ProjectListQuery = pageOf(sp);
  const state = sp.get('state');
  if (state && (PROJECT_STATES as readonly string[]).includes(state))
    q.state = [state as ProjectState];
  const sort = sp.get('sort');
  if (sort && (PROJECT_SORTS as readonly string[]).includes(sort)) q.sort = sort as ProjectSort;
  for (const k of ['ownerUnitId', 'q', 'monthlyTopic'] as const) {
    const v = sp.get(k);
    if (v) q[k] = v;
  }
  return q;
}

const period = (r: ProjectSummary) => `${r.startsOn} ~ ${r.dueOn ?? t.web.common.none}`;

export default function ProjectsPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [sp, update] = useUrlFilters();
  const query = useMemo(() => readQuery(sp), [sp]);
  const list = useProjectList(query);
  const [creating, setCreating] = useState(false);

  const columns: TableProps<ProjectSummary>['columns'] = [
    {
      title: p.name,
      key: 'title',
      render: (_: unknown, r) => (
        <Flex vertical>
          <Link to={`/projects/${r.id}`}>{r.title}</Link>
          {r.monthlyTopic && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {fmt(p.topicOf, { month: r.monthlyTopic })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: p.state,
      dataIndex: 'state',
      width: 90,
      render: (s: ProjectState) => <ProjectStateTag state={s} />,
    },
    { title: p.ownerUnit, dataIndex: ['ownerUnit', 'name'], width: 170, ellipsis: true },
    {
      title: p.scope,
      key: 'scope',
      width: 200,
      render: (_: unknown, r) =>
        `${r.category?.name ?? p.allCategories} · ${r.jurisdiction?.name ?? p.wholeDistrict}`,
    },
    { title: p.period, key: 'period', width: 200, render: (_: unknown, r) => period(r) },
    {
      title: p.linked,
      key: 'linked',
      width: 140,
      align: 'right',
      render: (_: unknown, r) => fmt(p.linkedOpen, { open: r.openLinkedCount, n: r.linkedCount }),
    },
    {
      title: p.milestonesCol,
      key: 'milestones',
      width: 130,
      render: (_: unknown, r) =>
        r.milestonesTotal ? (
          <Progress
            size="small"
            percent={Math.round((r.milestonesDone / r.milestonesTotal) * 100)}
            format={() => `${r.milestonesDone}/${r.milestonesTotal}`}
          />
        ) : (
          t.web.common.none
        ),
    },
  ];

  const narrowColumns: TableProps<ProjectSummary>['columns'] = [
    {
      title: p.name,
      key: 'all',
      render: (_: unknown, r) => (
        <Flex vertical gap={2}>
          <Link to={`/projects/${r.id}`}>{r.title}</Link>
          <Space wrap size={4}>
            <ProjectStateTag state={r.state} />
            <Typography.Text type="secondary">{r.ownerUnit.name}</Typography.Text>
          </Space>
          <span>{fmt(p.linkedOpen, { open: r.openLinkedCount, n: r.linkedCount })}</span>
        </Flex>
      ),
    },
  ];

  const exportHref = `/api/projects/export.xlsx${toSearch({ ...query, page: undefined, pageSize: undefined })}`;

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          {p.title}
        </Typography.Title>
        <Space wrap>
          {canCreateProject(me.data) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {p.newProject}
            </Button>
          )}
          <Button icon={<DownloadOutlined />} href={exportHref} download>
            {p.export}
          </Button>
        </Space>
      </Flex>
      <Card size="small">
        <Flex vertical gap={12}>
          <Space wrap>
            <Select
              aria-label={p.filterState}
              style={{ width: 130 }}
              value={query.state?.[0] ?? 'all'}
              onChange={(v: string) => update({ state: v === 'all' ? undefined : v })}
              options={[
                { value: 'all', label: p.allStates },
                ...PROJECT_STATES.map((s) => ({ value: s, label: t.projectState[s] })),
              ]}
            />
            {seesDistrict(me.data) && (
              <div style={{ width: 220 }}>
                <UnitSelect
                  label={p.filterOwner}
                  placeholder={p.filterOwner}
                  value={query.ownerUnitId}
                  onChange={(v) => update({ ownerUnitId: typeof v === 'string' ? v : undefined })}
                />
              </div>
            )}
            <DatePicker
              picker="month"
              aria-label={p.filterTopic}
              placeholder={p.filterTopic}
              value={query.monthlyTopic ? dayjs(`${query.monthlyTopic}-01`) : null}
              onChange={(d) => update({ monthlyTopic: d ? d.format('YYYY-MM') : undefined })}
            />
            <Select
              aria-label={p.sort}
              style={{ width: 150 }}
              value={query.sort ?? '-createdAt'}
              onChange={(v: string) => update({ sort: v === '-createdAt' ? undefined : v })}
              options={PROJECT_SORTS.map((s) => ({ value: s, label: p.sorts[s] }))}
            />
            <UrlSearch label={p.search} value={query.q} update={update} />
            <Button onClick={() => navigate('/projects')}>{p.reset}</Button>
          </Space>
          <UrlPagedTable<ProjectSummary>
            list={list}
            query={query}
            update={update}
            columns={columns}
            narrowColumns={narrowColumns}
            width={1100}
            empty={p.empty}
            totalText={p.total}
            rowTestId="project-row"
          />
        </Flex>
      </Card>
      {creating && (
        <ProjectForm
          onClose={() => setCreating(false)}
          onSaved={(saved) => {
            setCreating(false);
            navigate(`/projects/${saved.id}`);
          }}
        />
      )}
    </Flex>
  );
}

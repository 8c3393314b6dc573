import { useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DownloadOutlined, HistoryOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Drawer,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Space,
  Table,
  Tabs,
  Tag,
  TreeSelect,
  Typography,
  Upload,
} from 'antd';
import {
  RULE_TARGETS,
  TERRITORIAL_TARGETS,
  type CatalogueImportResult,
  type DispatchRuleBody,
  type DispatchRuleChangeList,
  type DispatchRuleChangeView,
  type DispatchRuleList,
  type DispatchRuleSnapshot,
  type DispatchRuleView,
  type RuleTarget,
  type TerritorialTarget,
} from '@jiesu/contracts';
import { ApiError, api, errorMessage } from '../../api/client';
import { useCategories, useJurisdictions, useMe, useUnits } from '../../api/hooks';
import { requiredRule } from '../../lib/formRules';
import { ErrorState } from '../../lib/states';
import { buildTree, pathName, type FlatNode, type TreeNode } from '../../lib/tree';
import { formatDateTime } from '../../lib/time';
import { fmt, t } from '../../i18n';
import { hasAny } from '../roles';
import { UnitSelect } from '../tickets/UnitSelect';
import { AdminPage, DeleteButton, useWrite } from './common';
import { tCatalogue } from '../../i18n/catalogue';
import { tAdmin } from '../../i18n/admin';

const c = tCatalogue;
const RULES_KEY = ['dispatch-rules'] as const;

interface Filters {
  categoryId?: string;
  jurisdictionId?: string;
  unitId?: string;
  page: number;
  pageSize: number;
}

type FormValues = {
  categoryId: string;
  jurisdictionId: string;
  target: RuleTarget;
  unitId?: string;
  coUnitIds?: string[];
  coTerritorial?: TerritorialTarget[];
  note?: string;
};

const coText = (names: string[], territorial: readonly TerritorialTarget[]) =>
  [...names, ...territorial.map((x) => t.ruleTarget[x])].join('、');

/** One line for a rule as it was: how it dispatches, to whom, with whom. */
function snapshotText(s: DispatchRuleSnapshot | null): string {
  if (!s) return t.web.common.none;
  const lead =
    s.target === 'unit' ? `${t.ruleTarget.unit}:${s.unitName ?? ''}` : t.ruleTarget[s.target];
  const co = coText(s.coUnitNames, s.coTerritorial);
  return [lead, co && `${c.coUnits}:${co}`, s.note && `${c.note}:${s.note}`]
    .filter(Boolean)
    .join(';');
}

/** The trees to pick a rule's category and area from (an area is never a grid). */
function useRuleTrees() {
  const cats = useCategories();
  const places = useJurisdictions();
  const catTree = useMemo(() => buildTree(cats.data ?? []), [cats.data]);
  const placeTree = useMemo(
    () => buildTree(places.data ?? [], (j) => j.level !== 'grid'),
    [places.data],
  );
  return { cats, catTree, placeTree };
}

/** A searchable tree to filter the rules by, cleared to show all. */
function TreeFilter(props: {
  label: string;
  treeData: TreeNode<FlatNode>[];
  value?: string;
  onChange: (v: string | undefined) => void;
}) {
  return (
    <TreeSelect
      allowClear
      showSearch
      treeNodeFilterProp="title"
      treeData={props.treeData}
      placeholder={props.label}
      aria-label={props.label}
      style={{ minWidth: 220 }}
      value={props.value}
      onChange={props.onChange}
    />
  );
}

/** The change log, of every rule or of one. */
function ChangeLog({ ruleId }: { ruleId?: string }) {
  const [page, setPage] = useState(1);
  const changes = useQuery({
    queryKey: [...RULES_KEY, 'changes', ruleId ?? 'all', page],
    queryFn: () =>
      api.get<DispatchRuleChangeList>('/api/dispatch-rules/changes', {
        ruleId,
        page,
        pageSize: 20,
      }),
  });
  if (changes.isError)
    return <ErrorState error={changes.error} onRetry={() => void changes.refetch()} />;
  const place = (x: DispatchRuleChangeView) => {
    const s = x.after ?? x.before;
    return s ? `${s.categoryName} · ${s.jurisdictionName}` : '';
  };
  return (
    <Table<DispatchRuleChangeView>
      rowKey="id"
      size="small"
      loading={changes.isPending}
      dataSource={changes.data?.items ?? []}
      locale={{ emptyText: c.noChanges }}
      scroll={ruleId ? undefined : { x: 800 }}
      pagination={{
        current: page,
        pageSize: 20,
        total: changes.data?.total ?? 0,
        onChange: setPage,
        showSizeChanger: false,
      }}
      columns={[
        {
          title: c.changedAt,
          dataIndex: 'changedAt',
          width: 150,
          render: (v: string) => formatDateTime(v),
        },
        {
          title: c.changeKind,
          dataIndex: 'change',
          width: 70,
          render: (v: DispatchRuleChangeView['change']) => <Tag>{c.change[v]}</Tag>,
        },
        {
          title: c.changedBy,
          key: 'by',
          width: 90,
          render: (_: unknown, x) => x.changedBy?.name ?? c.system,
        },
        ...(ruleId
          ? []
          : [
              {
                title: c.rules,
                key: 'rule',
                render: (_: unknown, x: DispatchRuleChangeView) => place(x),
              },
            ]),
        {
          title: c.before,
          key: 'before',
          width: '30%',
          render: (_: unknown, x) => snapshotText(x.before),
        },
        {
          title: c.after,
          key: 'after',
          width: '30%',
          render: (_: unknown, x) => snapshotText(x.after),
        },
      ]}
    />
  );
}

function RuleModal({
  editing,
  onClose,
}: {
  editing: { rule: DispatchRuleView | null };
  onClose: () => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const { catTree, placeTree } = useRuleTrees();
  const target = Form.useWatch('target', form);
  const rule = editing.rule;
  const save = useWrite(
    (v: FormValues) => {
      const body: DispatchRuleBody = {
        categoryId: v.categoryId,
        jurisdictionId: v.jurisdictionId,
        target: v.target,
        unitId: v.target === 'unit' ? (v.unitId ?? null) : null,
        coUnitIds: v.coUnitIds ?? [],
        coTerritorial: v.coTerritorial ?? [],
        note: v.note?.trim() ? v.note.trim() : null,
      };
      return rule
        ? api.put(`/api/dispatch-rules/${rule.id}`, { ...body, expectedVersion: rule.version })
        : api.post('/api/dispatch-rules', body);
    },
    [RULES_KEY],
    onClose,
  );
  const required = (field: string) => [requiredRule(field)];
  return (
    <Modal
      open
      title={rule ? c.edit : c.add}
      okText={t.web.common.save}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
      destroyOnHidden
      width={620}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        name="dispatch-rule"
        preserve={false}
        initialValues={
          rule
            ? {
                categoryId: rule.category.id,
                jurisdictionId: rule.jurisdiction.id,
                target: rule.target,
                unitId: rule.unit?.id,
                coUnitIds: rule.coUnits.map((u) => u.id),
                coTerritorial: rule.coTerritorial,
                note: rule.note ?? '',
              }
            : { target: 'unit', coUnitIds: [], coTerritorial: [] }
        }
      >
        <Form.Item name="categoryId" label={c.category} rules={required(c.category)}>
          <TreeSelect
            showSearch
            treeNodeFilterProp="title"
            treeData={catTree}
            placeholder={c.pickCategory}
            aria-label={c.category}
          />
        </Form.Item>
        <Form.Item name="jurisdictionId" label={c.area} rules={required(c.area)}>
          <TreeSelect
            showSearch
            treeNodeFilterProp="title"
            treeData={placeTree}
            treeDefaultExpandedKeys={placeTree.map((n) => n.key)}
            placeholder={c.pickArea}
            aria-label={c.area}
          />
        </Form.Item>
        <Form.Item name="target" label={c.target} rules={required(c.target)}>
          <Radio.Group
            aria-label={c.target}
            options={RULE_TARGETS.map((x) => ({ value: x, label: t.ruleTarget[x] }))}
          />
        </Form.Item>
        {target === 'unit' ? (
          <Form.Item name="unitId" label={c.unit} rules={required(c.unit)}>
            <UnitSelect label={c.unit} />
          </Form.Item>
        ) : (
          target && (
            <Typography.Paragraph type="secondary">
              {fmt(c.territorial, {
                level:
                  target === 'territorial_township'
                    ? t.jurisdictionLevel.township
                    : t.jurisdictionLevel.village,
              })}
            </Typography.Paragraph>
          )
        )}
        <Form.Item name="coUnitIds" label={c.coUnits}>
          <UnitSelect multiple label={c.coUnits} />
        </Form.Item>
        <Form.Item name="coTerritorial" label={c.coTerritorial}>
          <Checkbox.Group
            options={TERRITORIAL_TARGETS.filter((x) => x !== target).map((x) => ({
              value: x,
              label: t.ruleTarget[x],
            }))}
          />
        </Form.Item>
        <Form.Item name="note" label={c.note}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function CatalogueAdmin() {
  const me = useMe();
  const units = useUnits();
  const { cats, catTree, placeTree } = useRuleTrees();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [filters, setFilters] = useState<Filters>({ page: 1, pageSize: 20 });
  const [tab, setTab] = useState('rules');
  const [editing, setEditing] = useState<{ rule: DispatchRuleView | null } | null>(null);
  const [historyOf, setHistoryOf] = useState<DispatchRuleView | null>(null);
  const [importing, setImporting] = useState(false);
  const [importErrors, setImportErrors] = useState<string[] | null>(null);

  // The centre reads the catalogue; the administrator and the centre's leader edit it.
  const centre = new Set(
    (units.data ?? []).filter((u) => u.kind === 'dispatch_centre').map((u) => u.id),
  );
  const roles = me.data?.roles ?? [];
  const canRead =
    !units.data ||
    hasAny(me.data, 'supervisor', 'admin') ||
    roles.some((r) => centre.has(r.unitId));
  const canEdit =
    hasAny(me.data, 'admin') || roles.some((r) => r.role === 'unit_leader' && centre.has(r.unitId));

  const rules = useQuery({
    queryKey: [...RULES_KEY, filters],
    queryFn: () => api.get<DispatchRuleList>('/api/dispatch-rules', { ...filters }),
    placeholderData: (prev) => prev,
    enabled: canRead,
  });
  const remove = useWrite(
    (r: DispatchRuleView) => api.del(`/api/dispatch-rules/${r.id}?expectedVersion=${r.version}`),
    [RULES_KEY],
    undefined,
    () => t.web.common.deleted,
  );

  async function importFile(file: File) {
    setImporting(true);
    setImportErrors(null);
    try {
      const r = await api.upload<CatalogueImportResult>('/api/dispatch-rules/import', file);
      message.success(fmt(c.importDone, { ...r }));
      await qc.invalidateQueries({ queryKey: RULES_KEY });
    } catch (e) {
      if (e instanceof ApiError && e.details.length)
        setImportErrors(e.details.map((d) => d.message));
      else setImportErrors([errorMessage(e)]);
    } finally {
      setImporting(false);
    }
  }

  const filter = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch, page: 1 }));

  return (
    <AdminPage
      title={tAdmin.catalogue}
      allowed={canRead}
      extra={
        <Space wrap>
          <Button icon={<DownloadOutlined />} href="/api/dispatch-rules/export" download>
            {c.export}
          </Button>
          {canEdit && (
            <Upload
              accept=".xlsx"
              showUploadList={false}
              beforeUpload={(file) => {
                void importFile(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={importing} title={c.importHint}>
                {c.import}
              </Button>
            </Upload>
          )}
          {canEdit && (
            <Button type="primary" onClick={() => setEditing({ rule: null })}>
              {c.add}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {c.intro}
        {!canEdit && ` ${c.readOnly}`}
      </Typography.Paragraph>
      {importErrors && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setImportErrors(null)}
          role="alert"
          title={c.importFailed}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: 240, overflow: 'auto' }}>
              {importErrors.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          }
        />
      )}
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'rules',
              label: c.rules,
              children: (
                <Flex vertical gap={12}>
                  <Flex wrap gap={8}>
                    <TreeFilter
                      label={c.filterCategory}
                      treeData={catTree}
                      value={filters.categoryId}
                      onChange={(v) => filter({ categoryId: v })}
                    />
                    <TreeFilter
                      label={c.filterArea}
                      treeData={placeTree}
                      value={filters.jurisdictionId}
                      onChange={(v) => filter({ jurisdictionId: v })}
                    />
                    <div style={{ minWidth: 240 }}>
                      <UnitSelect
                        label={c.filterUnit}
                        placeholder={c.filterUnit}
                        value={filters.unitId}
                        onChange={(v) => filter({ unitId: (v as string | undefined) ?? undefined })}
                      />
                    </div>
                  </Flex>
                  {rules.isError ? (
                    <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />
                  ) : (
                    <Table<DispatchRuleView>
                      rowKey="id"
                      size="small"
                      loading={rules.isPending || rules.isFetching}
                      dataSource={rules.data?.items ?? []}
                      locale={{ emptyText: c.empty }}
                      scroll={{ x: 960 }}
                      pagination={{
                        current: filters.page,
                        pageSize: filters.pageSize,
                        total: rules.data?.total ?? 0,
                        showSizeChanger: true,
                        onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })),
                      }}
                      columns={[
                        {
                          title: c.category,
                          key: 'category',
                          render: (_: unknown, r) => (
                            <span>
                              {pathName(cats.data ?? [], r.category.id) || r.category.name}{' '}
                              <Typography.Text type="secondary">{r.category.code}</Typography.Text>
                            </span>
                          ),
                        },
                        {
                          title: c.area,
                          key: 'area',
                          width: 150,
                          render: (_: unknown, r) => (
                            <span>
                              {r.jurisdiction.name}{' '}
                              <Tag>{t.jurisdictionLevel[r.jurisdiction.level]}</Tag>
                            </span>
                          ),
                        },
                        {
                          title: c.target,
                          dataIndex: 'target',
                          width: 110,
                          render: (v: RuleTarget) => (
                            <Tag color={v === 'unit' ? 'blue' : 'green'}>{t.ruleTarget[v]}</Tag>
                          ),
                        },
                        {
                          title: c.unit,
                          key: 'unit',
                          width: 160,
                          render: (_: unknown, r) => r.unit?.name ?? t.web.common.none,
                        },
                        {
                          title: c.coUnits,
                          key: 'co',
                          render: (_: unknown, r) =>
                            coText(
                              r.coUnits.map((u) => u.name),
                              r.coTerritorial,
                            ) || t.web.common.none,
                        },
                        {
                          title: c.note,
                          dataIndex: 'note',
                          width: 140,
                          render: (v: string | null) => v ?? '',
                        },
                        {
                          title: c.updated,
                          key: 'updated',
                          width: 150,
                          render: (_: unknown, r) => (
                            <span>
                              {formatDateTime(r.updatedAt)}
                              <br />
                              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                {r.updatedBy?.name ?? c.system} · v{r.version}
                              </Typography.Text>
                            </span>
                          ),
                        },
                        {
                          title: t.web.common.actions,
                          key: 'actions',
                          width: canEdit ? 190 : 90,
                          render: (_: unknown, r) => (
                            <Space size={4}>
                              {canEdit && (
                                <Button size="small" onClick={() => setEditing({ rule: r })}>
                                  {t.web.common.edit}
                                </Button>
                              )}
                              <Button
                                size="small"
                                icon={<HistoryOutlined />}
                                onClick={() => setHistoryOf(r)}
                              >
                                {c.history}
                              </Button>
                              {canEdit && (
                                <DeleteButton
                                  confirm={c.deleteConfirm}
                                  onConfirm={() => remove.mutate(r)}
                                />
                              )}
                            </Space>
                          ),
                        },
                      ]}
                    />
                  )}
                </Flex>
              ),
            },
            {
              key: 'changes',
              label: c.changes,
              children: tab === 'changes' && <ChangeLog />,
            },
          ]}
        />
      </Card>
      {editing && <RuleModal editing={editing} onClose={() => setEditing(null)} />}
      <Drawer
        open={historyOf !== null}
        onClose={() => setHistoryOf(null)}
        size="large"
        title={
          historyOf
            ? fmt(c.historyOf, {
                category: historyOf.category.name,
                area: historyOf.jurisdiction.name,
              })
            : c.history
        }
        destroyOnHidden
      >
        {historyOf && <ChangeLog ruleId={historyOf.id} />}
      </Drawer>
    </AdminPage>
  );
}

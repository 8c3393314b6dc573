// 三老评议团: each village committee in reach with its current elders panel (term,
// members), and a drawer to set one up or start a new term: 5 to 10 old party
// members, old cadres and model residents. The server keeps the rule; its
// refusal is shown as it says it. A village keeps its own panel, the township's
// leader those of its villages, the centre all of them.
import { useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Drawer,
  Flex,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  ELDER_KINDS,
  type ElderKind,
  type ElderPanelList,
  type MeView,
  type PutElderPanelBody,
} from '@jiesu/contracts';
import { api, errorMessage } from '../../api/client';
import { useMe } from '../../api/hooks';
import { requiredRule } from '../../lib/formRules';
import { ErrorState } from '../../lib/states';
import { formatDate, nowMs } from '../../lib/time';
import { fmt, t } from '../../i18n';
import { useElderPanels } from './queries';
import { tDeliberation } from '../../i18n/deliberation';

const c = tDeliberation;
type Item = ElderPanelList['items'][number];

interface PanelValues {
  termStart: Dayjs;
  termEnd: Dayjs;
  members: { name?: string; kind?: ElderKind; note?: string }[];
}

/** The server's rule, mirrored to offer the edit button only where it would be taken. */
function mayKeep(me: MeView | undefined, x: Item): boolean {
  return (me?.roles ?? []).some(
    (r) =>
      r.role === 'admin' ||
      r.role === 'dispatcher' ||
      (r.unitId === x.unit.id && (r.role === 'unit_leader' || r.role === 'handler')) ||
      (r.unitId === x.township?.id && r.role === 'unit_leader'),
  );
}

function PanelDrawer({ item, onClose }: { item: Item; onClose: () => void }) {
  const [form] = Form.useForm<PanelValues>();
  const [error, setError] = useState<string | null>(null);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const members = (Form.useWatch('members', form) ?? []) as unknown[];
  const start = dayjs(nowMs()).startOf('day');
  const initial: PanelValues = item.panel
    ? {
        termStart: dayjs(item.panel.termStart),
        termEnd: dayjs(item.panel.termEnd),
        members: item.panel.members.map((m) => ({
          name: m.name,
          kind: m.kind,
          note: m.note ?? undefined,
        })),
      }
    : {
        termStart: start,
        termEnd: start.add(5, 'year').subtract(1, 'day'),
        members: Array.from({ length: 5 }, () => ({ kind: 'old_party_member' as const })),
      };
  const save = useMutation({
    mutationFn: (body: PutElderPanelBody) => api.put(`/api/elder-panels/${item.unit.id}`, body),
    onSuccess: async () => {
      message.success(t.web.common.saved);
      await qc.invalidateQueries({ queryKey: ['tickets'] });
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  async function submit() {
    let v: PanelValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    save.mutate({
      termStart: v.termStart.format('YYYY-MM-DD'),
      termEnd: v.termEnd.format('YYYY-MM-DD'),
      members: (v.members ?? []).map((m) => ({
        name: (m.name ?? '').trim(),
        kind: m.kind ?? 'old_party_member',
        ...(m.note?.trim() ? { note: m.note.trim() } : {}),
      })),
    });
  }
  return (
    <Drawer
      open
      onClose={onClose}
      size="large"
      title={fmt(c.editTitle, { village: item.unit.name })}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t.web.common.cancel}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => void submit()}>
            {t.web.common.save}
          </Button>
        </Space>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{c.eldersHelp}</Typography.Text>
        {error && <Alert type="error" showIcon role="alert" title={error} />}
        <Form form={form} layout="vertical" name="elder-panel" initialValues={initial}>
          <Flex gap={12} wrap>
            <Form.Item
              name="termStart"
              label={c.termStart}
              rules={[requiredRule(c.termStart)]}
              style={{ flex: '1 1 160px' }}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="termEnd"
              label={c.termEnd}
              rules={[requiredRule(c.termEnd)]}
              style={{ flex: '1 1 160px' }}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Flex>
          <Typography.Text strong>{c.members}</Typography.Text>
          <div style={{ margin: '4px 0 8px' }} aria-live="polite">
            <Typography.Text
              type={members.length < 5 || members.length > 10 ? 'danger' : 'secondary'}
            >
              {fmt(c.sizeHint, { n: members.length })}
            </Typography.Text>
          </div>
          <Form.List name="members">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((f, i) => (
                  <Flex key={f.key} gap={8} wrap align="start" data-testid="elder-row">
                    <Form.Item
                      name={[f.name, 'name']}
                      rules={[{ ...requiredRule(c.memberName), whitespace: true }]}
                      style={{ flex: '1 1 120px', marginBottom: 0 }}
                    >
                      <Input
                        aria-label={`${c.memberName} ${i + 1}`}
                        placeholder={c.memberName}
                        maxLength={50}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'kind']}
                      rules={[requiredRule(c.memberKind)]}
                      style={{ flex: '0 0 120px', marginBottom: 0 }}
                    >
                      <Select
                        aria-label={`${c.memberKind} ${i + 1}`}
                        options={ELDER_KINDS.map((k) => ({ value: k, label: t.elderKind[k] }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'note']}
                      style={{ flex: '1 1 140px', marginBottom: 0 }}
                    >
                      <Input
                        aria-label={`${c.memberNote} ${i + 1}`}
                        placeholder={c.memberNote}
                        maxLength={200}
                      />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={`${c.removeRow} ${i + 1}`}
                      onClick={() => remove(f.name)}
                    />
                  </Flex>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  disabled={fields.length >= 10}
                  onClick={() => add({ kind: 'old_party_member' })}
                  style={{ alignSelf: 'flex-start' }}
                >
                  {c.addMember}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form>
      </Flex>
    </Drawer>
  );
}

export default function EldersAdmin() {
  const me = useMe();
  const panels = useElderPanels();
  const [editing, setEditing] = useState<Item | null>(null);
  const [township, setTownship] = useState<string | undefined>();
  const [search, setSearch] = useState('');

  const townships = useMemo(() => {
    const seen = new Map<string, string>();
    for (const x of panels.data?.items ?? [])
      if (x.township) seen.set(x.township.id, x.township.name);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [panels.data]);
  const rows = (panels.data?.items ?? []).filter(
    (x) =>
      (!township || x.township?.id === township) &&
      (!search.trim() || x.unit.name.includes(search.trim())),
  );

  const columns: TableProps<Item>['columns'] = [
    {
      title: c.township,
      key: 'township',
      width: 150,
      render: (_: unknown, x) => x.township?.name ?? t.web.common.none,
    },
    { title: c.filterVillage, dataIndex: ['unit', 'name'], width: 160 },
    {
      title: c.term,
      key: 'term',
      width: 200,
      render: (_: unknown, x) =>
        x.panel ? (
          `${formatDate(x.panel.termStart)} ~ ${formatDate(x.panel.termEnd)}`
        ) : (
          <Tag>{c.noPanelYet}</Tag>
        ),
    },
    {
      title: c.members,
      key: 'members',
      render: (_: unknown, x) =>
        x.panel ? (
          <Flex vertical gap={2}>
            <span>{fmt(c.memberCount, { n: x.panel.members.length })}</span>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {x.panel.members.map((m) => `${m.name}(${t.elderKind[m.kind]})`).join('、')}
            </Typography.Text>
          </Flex>
        ) : (
          t.web.common.none
        ),
    },
    {
      title: t.web.common.actions,
      key: 'act',
      width: 120,
      render: (_: unknown, x) =>
        mayKeep(me.data, x) ? (
          <Button size="small" type={x.panel ? 'default' : 'primary'} onClick={() => setEditing(x)}>
            {x.panel ? c.edit : c.setUp}
          </Button>
        ) : null,
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
        {c.eldersTitle}
      </Typography.Title>
      <Card size="small">
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{c.eldersHelp}</Typography.Text>
          <Space wrap>
            {townships.length > 1 && (
              <Select
                aria-label={c.filterTownship}
                placeholder={c.filterTownship}
                allowClear
                style={{ width: 180 }}
                value={township ?? null}
                onChange={(v?: string) => setTownship(v ?? undefined)}
                options={townships}
              />
            )}
            <Input.Search
              aria-label={c.search}
              placeholder={c.search}
              allowClear
              onSearch={(v) => setSearch(v)}
              style={{ width: 200 }}
            />
          </Space>
          {panels.isError ? (
            <ErrorState error={panels.error} onRetry={() => void panels.refetch()} />
          ) : (
            <Table<Item>
              size="small"
              rowKey={(x) => x.unit.id}
              loading={panels.isPending}
              dataSource={rows}
              columns={columns}
              scroll={{ x: 900 }}
              locale={{ emptyText: c.eldersEmpty }}
              onRow={() => ({ 'data-testid': 'elders-row' }) as object}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
            />
          )}
        </Flex>
      </Card>
      {editing && <PanelDrawer item={editing} onClose={() => setEditing(null)} />}
    </Flex>
  );
}

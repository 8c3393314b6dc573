// 我来办工作室 (workbench): pick a village in reach (a village committee's staff
// land on their own); its studio's name, published phone, address and the
// secretary's reception day, kept by the village committee; and the tabs —
// 值班表 (roster), 接待登记 (reception log), 定期排查 (check ledger), 统计
// (figures of every studio in reach). The village, tab and month live in the
// address.
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Tabs,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import type { SaveStudioBody, StudioList, StudioView } from '@jiesu/contracts';
import { api, errorMessage } from '../../api/client';
import { requiredRule, requiredText } from '../../lib/formRules';
import { ErrorState, PageLoading } from '../../lib/states';
import { nowMs } from '../../lib/time';
import { useUrlFilters } from '../../lib/urlFilters';
import { s, studioKeys } from './common';
import { RosterTab } from './RosterTab';
import { ReceptionsTab } from './ReceptionsTab';
import { ChecksTab } from './ChecksTab';
import { StatsTab } from './StatsTab';

type Item = StudioList[number];

function StudioForm({ item, onClose }: { item: Item; onClose: () => void }) {
  const [form] = Form.useForm<SaveStudioBody>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (b: SaveStudioBody) =>
      api.put<StudioView>(`/api/villages/${item.village.id}/studio`, b),
    onSuccess: () => {
      void message.success(s.saved);
      void qc.invalidateQueries({ queryKey: studioKeys.list });
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const st = item.studio;
  async function submit() {
    let v: SaveStudioBody;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    save.mutate({
      name: v.name.trim(),
      phone: v.phone.trim(),
      address: v.address.trim(),
      openingNote: v.openingNote?.trim() || null,
      secretaryName: v.secretaryName?.trim() || null,
      secretaryWeekday: v.secretaryWeekday ?? null,
    });
  }
  return (
    <Modal
      open
      title={st ? s.edit : s.setUp}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {error && (
        <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />
      )}
      <Form
        form={form}
        layout="vertical"
        name="studio"
        initialValues={
          st
            ? {
                name: st.name,
                phone: st.phone,
                address: st.address,
                openingNote: st.openingNote ?? undefined,
                secretaryName: st.secretaryName ?? undefined,
                secretaryWeekday: st.secretaryWeekday ?? undefined,
              }
            : { name: `${item.village.name}我来办工作室`, secretaryWeekday: 3 }
        }
      >
        <Form.Item name="name" label={s.name} rules={requiredText(s.name, 2, 60)}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="phone" label={s.phone} rules={[requiredRule(s.phone)]}>
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        <Form.Item name="address" label={s.address} rules={requiredText(s.address, 2, 200)}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="openingNote" label={s.openingNote}>
          <Input maxLength={200} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="secretaryName" label={s.secretaryName} style={{ flex: 1 }}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="secretaryWeekday" label={s.secretaryWeekday} style={{ flex: 1 }}>
            <Select
              aria-label={s.secretaryWeekday}
              allowClear
              options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: s.weekday[d] }))}
            />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

function StudioCard({ item, onEdit }: { item: Item; onEdit: () => void }) {
  const st = item.studio;
  if (!st)
    return (
      <Card size="small">
        <Empty description={s.noStudio}>
          {item.canEdit && (
            <Button type="primary" onClick={onEdit}>
              {s.setUp}
            </Button>
          )}
        </Empty>
      </Card>
    );
  return (
    <Card
      size="small"
      title={st.name}
      extra={
        item.canEdit ? (
          <Button size="small" onClick={onEdit}>
            {s.edit}
          </Button>
        ) : (
          <Typography.Text type="secondary">{s.readOnly}</Typography.Text>
        )
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: 'phone', label: s.phone, children: st.phone },
          { key: 'address', label: s.address, children: st.address },
          { key: 'note', label: s.openingNote, children: st.openingNote ?? s.none },
          {
            key: 'sec',
            label: s.secretaryWeekday,
            children: st.secretaryWeekday
              ? `${s.weekday[st.secretaryWeekday]}${st.secretaryName ? `(${st.secretaryName})` : ''}`
              : s.none,
          },
        ]}
      />
    </Card>
  );
}

export default function StudioPage() {
  const [sp, update] = useUrlFilters();
  const list = useQuery({
    queryKey: studioKeys.list,
    queryFn: () => api.get<StudioList>('/api/studios'),
  });
  const [editing, setEditing] = useState(false);
  const villageId = sp.get('village') ?? undefined;
  const tab = sp.get('tab') ?? 'roster';
  const month = sp.get('month') ?? dayjs(nowMs()).format('YYYY-MM');
  const setMonth = (m: string) => update({ month: m }, true);
  const items = list.data ?? [];
  const item = items.find((i) => i.village.id === villageId);

  // A village committee lands on its own village; others on the first with a studio.
  useEffect(() => {
    if (!list.data || villageId) return;
    const own = list.data.find((i) => i.canEdit) ?? list.data.find((i) => i.studio);
    if (own) update({ village: own.village.id }, true);
  }, [list.data, villageId]);

  if (list.isPending) return <PageLoading />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;

  const studio = item?.studio ?? null;
  const studioTabs = studio
    ? [
        {
          key: 'roster',
          label: s.tabRoster,
          children: <RosterTab studio={studio} month={month} setMonth={setMonth} />,
        },
        {
          key: 'receptions',
          label: s.tabReceptions,
          children: <ReceptionsTab studio={studio} month={month} setMonth={setMonth} />,
        },
        { key: 'checks', label: s.tabChecks, children: <ChecksTab studio={studio} /> },
      ]
    : [];

  return (
    <Flex vertical gap={12}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {s.title}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {s.help}
        </Typography.Paragraph>
      </div>
      {items.length === 0 ? (
        <Empty description={s.noVillages} />
      ) : (
        <>
          <Flex gap={8} align="center" wrap>
            <label htmlFor="studio-village">{s.village}</label>
            <Select
              id="studio-village"
              aria-label={s.village}
              style={{ minWidth: 260 }}
              placeholder={s.villagePlaceholder}
              showSearch={{ optionFilterProp: 'label' }}
              value={villageId ?? null}
              onChange={(v: string) => update({ village: v }, true)}
              options={items.map((i) => ({
                value: i.village.id,
                label: i.township ? `${i.township.name} · ${i.village.name}` : i.village.name,
              }))}
            />
          </Flex>
          {item && <StudioCard item={item} onEdit={() => setEditing(true)} />}
          <Tabs
            activeKey={studio || tab === 'stats' ? tab : 'stats'}
            onChange={(k) => update({ tab: k }, true)}
            destroyOnHidden
            items={[
              ...studioTabs,
              {
                key: 'stats',
                label: s.tabStats,
                children: <StatsTab month={month} setMonth={setMonth} />,
              },
            ]}
          />
        </>
      )}
      {editing && item && <StudioForm item={item} onClose={() => setEditing(false)} />}
    </Flex>
  );
}

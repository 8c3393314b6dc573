// 定期排查: the ledger of periodic checks (safety, disputes, environment…), with
// the date, who checked, where and what, what was found and what followed —
// nothing, handled on the spot, or a ticket (raised in the village). Filtered
// by date and kind; exported to Excel as filtered.
import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Table,
  Tag,
} from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { CheckList, CheckView, CreateCheckBody, StudioView } from '@jiesu/contracts';
import { CHECK_CYCLES, CHECK_FOLLOW_UPS, CHECK_KINDS } from '@jiesu/contracts';
import { api, errorMessage } from '../../api/client';
import { useMe } from '../../api/hooks';
import { requiredRule } from '../../lib/formRules';
import { ErrorState } from '../../lib/states';
import { nowMs } from '../../lib/time';
import { fmt } from '../../i18n';
import { L, TicketCell, s, studioKeys } from './common';
import { StudioTicketFields, ticketInput } from './TicketFields';

interface Values {
  checkedOn: Dayjs;
  kind: CheckView['kind'];
  cycle: CheckView['cycle'];
  checker: string;
  area: string;
  items: string;
  findings: string;
  followUp: CheckView['followUp'];
  followUpNote?: string;
  ticket?: { type: string; categoryId: string; title: string; address?: string };
}

function AddCheckModal({ studio, onClose }: { studio: StudioView; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const me = useMe();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const followUp = Form.useWatch('followUp', form);
  const add = useMutation({
    mutationFn: (b: CreateCheckBody) => api.post<CheckView>(`/api/studios/${studio.id}/checks`, b),
    onSuccess: () => {
      void message.success(s.checkAdded);
      void qc.invalidateQueries({ queryKey: studioKeys.checks(studio.id) });
      void qc.invalidateQueries({ queryKey: ['studio-stats'] });
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  async function submit() {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    add.mutate({
      checkedOn: v.checkedOn.format('YYYY-MM-DD'),
      kind: v.kind,
      cycle: v.cycle,
      checker: v.checker.trim(),
      area: v.area.trim(),
      items: v.items.trim(),
      findings: v.findings.trim(),
      followUp: v.followUp,
      ...(v.followUpNote?.trim() ? { followUpNote: v.followUpNote.trim() } : {}),
      ...(v.followUp === 'ticket' ? { ticket: ticketInput(v.ticket!) } : {}),
    });
  }
  const req = (label: string) => [{ ...requiredRule(label), whitespace: true }];
  return (
    <Modal
      open
      title={s.addCheck}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={add.isPending}
      destroyOnHidden
      width={680}
    >
      {error && (
        <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />
      )}
      <Form
        form={form}
        layout="vertical"
        name="studio-check"
        initialValues={{
          checkedOn: dayjs(nowMs()),
          kind: 'safety',
          cycle: 'weekly',
          checker: me.data?.displayName ?? '',
          followUp: 'none',
        }}
      >
        <Flex gap={12} wrap>
          <Form.Item
            name="checkedOn"
            label={L.checkedOn}
            rules={[requiredRule(L.checkedOn)]}
            style={{ flex: '1 1 140px' }}
          >
            <DatePicker
              aria-label={L.checkedOn}
              style={{ width: '100%' }}
              disabledDate={(d) => d.isAfter(dayjs(nowMs()), 'day')}
            />
          </Form.Item>
          <Form.Item name="kind" label={L.kind} style={{ flex: '1 1 120px' }}>
            <Select
              aria-label={L.kind}
              options={CHECK_KINDS.map((k) => ({ value: k, label: L.checkKind[k] }))}
            />
          </Form.Item>
          <Form.Item name="cycle" label={L.cycle} style={{ flex: '1 1 100px' }}>
            <Select
              aria-label={L.cycle}
              options={CHECK_CYCLES.map((k) => ({ value: k, label: L.checkCycle[k] }))}
            />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item
            name="checker"
            label={L.checker}
            rules={req(L.checker)}
            style={{ flex: '1 1 160px' }}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="area" label={L.area} rules={req(L.area)} style={{ flex: '2 1 220px' }}>
            <Input maxLength={200} />
          </Form.Item>
        </Flex>
        <Form.Item name="items" label={L.items} rules={req(L.items)}>
          <Input maxLength={1000} />
        </Form.Item>
        <Form.Item name="findings" label={L.findings} rules={req(L.findings)}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="followUp" label={L.followUp}>
          <Radio.Group
            optionType="button"
            options={CHECK_FOLLOW_UPS.map((k) => ({ value: k, label: L.checkFollowUp[k] }))}
          />
        </Form.Item>
        <Form.Item name="followUpNote" label={L.followUpNote}>
          <Input maxLength={1000} />
        </Form.Item>
        {followUp === 'ticket' && <StudioTicketFields />}
      </Form>
    </Modal>
  );
}

export function ChecksTab({ studio }: { studio: StudioView }) {
  const [page, setPage] = useState(1);
  const [range, setRange] = useState<[string, string] | null>(null);
  const [kind, setKind] = useState<CheckView['kind'] | undefined>();
  const [adding, setAdding] = useState(false);
  const filter = {
    ...(range ? { from: range[0], to: range[1] } : {}),
    ...(kind ? { kind } : {}),
  };
  const list = useQuery({
    queryKey: [...studioKeys.checks(studio.id), filter, page],
    queryFn: () =>
      api.get<CheckList>(`/api/studios/${studio.id}/checks`, { ...filter, page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
  const exportHref = `/api/studios/${studio.id}/checks/export.xlsx?${new URLSearchParams(filter).toString()}`;
  const columns: TableProps<CheckView>['columns'] = [
    { title: L.checkedOn, dataIndex: 'checkedOn', width: 110 },
    {
      title: L.kind,
      width: 130,
      render: (_, c) => (
        <>
          <Tag>{L.checkKind[c.kind]}</Tag>
          <span style={{ color: '#8c8c8c', fontSize: 12 }}>{L.checkCycle[c.cycle]}</span>
        </>
      ),
    },
    { title: L.checker, dataIndex: 'checker', width: 140 },
    { title: L.area, dataIndex: 'area', width: 160 },
    { title: L.items, dataIndex: 'items' },
    { title: L.findings, dataIndex: 'findings' },
    {
      title: L.followUp,
      width: 190,
      render: (_, c) => (
        <Flex vertical gap={2}>
          <Tag
            color={
              c.followUp === 'ticket' ? 'blue' : c.followUp === 'handled' ? 'green' : 'default'
            }
          >
            {L.checkFollowUp[c.followUp]}
          </Tag>
          {c.followUpNote && <span style={{ fontSize: 12 }}>{c.followUpNote}</span>}
          <TicketCell ticket={c.ticket} />
        </Flex>
      ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center">
        <DatePicker.RangePicker
          aria-label={L.checkedOn}
          value={range ? [dayjs(range[0]), dayjs(range[1])] : null}
          onChange={(v) => {
            setPage(1);
            setRange(
              v && v[0] && v[1] ? [v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')] : null,
            );
          }}
        />
        <Select
          aria-label={s.kindFilter}
          placeholder={s.kindFilter}
          allowClear
          style={{ width: 140 }}
          value={kind}
          onChange={(k: CheckView['kind'] | undefined) => {
            setPage(1);
            setKind(k);
          }}
          options={CHECK_KINDS.map((k) => ({ value: k, label: L.checkKind[k] }))}
        />
        <Button icon={<DownloadOutlined />} href={exportHref} download>
          {s.export}
        </Button>
        {studio.canEdit && (
          <Button type="primary" onClick={() => setAdding(true)}>
            {s.addCheck}
          </Button>
        )}
      </Flex>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<CheckView>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          columns={columns}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: s.noChecks }}
          scroll={{ x: 1000 }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showTotal: (n) => fmt(s.totalReceptions, { n }),
          }}
        />
      )}
      {adding && <AddCheckModal studio={studio} onClose={() => setAdding(false)} />}
    </Flex>
  );
}

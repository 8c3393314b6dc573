// 接待登记: the month's walk-in visitors, newest first, names and phones masked
// (shown in full on request, which the server logs); a visitor is logged as
// answered on the spot or becomes a ticket (channel 我来办工作室) placed in the
// village. Each is graded small / big / hard; a big or hard one links to its
// ticket, where the escalation (上交) or the whistle (吹哨) is fired.
import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import type {
  CreateReceptionBody,
  ReceptionList,
  ReceptionView,
  RevealedVisitor,
  StudioGrade,
  StudioView,
} from '@jiesu/contracts';
import { STUDIO_GRADES } from '@jiesu/contracts';
import { api, errorMessage } from '../../api/client';
import { useMe } from '../../api/hooks';
import { requiredRule, requiredText } from '../../lib/formRules';
import { DateTimeInput, thisMinute } from '../../lib/formControls';
import { ErrorState } from '../../lib/states';
import { formatDateTime } from '../../lib/time';
import { fmt } from '../../i18n';
import { GRADE_COLOURS, GradeHint, L, MonthPicker, TicketCell, s, studioKeys } from './common';
import { StudioTicketFields, ticketInput } from './TicketFields';

interface Values {
  receivedAt: string;
  visitorName: string;
  visitorPhone?: string;
  matter: string;
  staffName: string;
  outcome: 'answered' | 'ticket';
  answer?: string;
  grade?: StudioGrade;
  ticket?: { type: string; categoryId: string; title: string; address?: string };
}

function ReceiveModal({ studio, onClose }: { studio: StudioView; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const me = useMe();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const outcome = Form.useWatch('outcome', form);
  const add = useMutation({
    mutationFn: (b: CreateReceptionBody) =>
      api.post<ReceptionView>(`/api/studios/${studio.id}/receptions`, b),
    onSuccess: () => {
      void message.success(s.received);
      void qc.invalidateQueries({ queryKey: studioKeys.receptions(studio.id) });
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
      receivedAt: v.receivedAt,
      visitorName: v.visitorName.trim(),
      ...(v.visitorPhone?.trim() ? { visitorPhone: v.visitorPhone.trim() } : {}),
      matter: v.matter.trim(),
      staffName: v.staffName.trim(),
      outcome: v.outcome,
      ...(v.grade ? { grade: v.grade } : {}),
      ...(v.outcome === 'answered'
        ? { answer: v.answer?.trim() ?? '' }
        : { ticket: ticketInput(v.ticket!) }),
    });
  }
  return (
    <Modal
      open
      title={s.receive}
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
        name="studio-reception"
        initialValues={{
          receivedAt: thisMinute(),
          staffName: me.data?.displayName ?? '',
          outcome: 'answered',
        }}
      >
        <Flex gap={12} wrap>
          <Form.Item
            name="visitorName"
            label={s.visitorName}
            rules={[{ ...requiredRule(s.visitorName), whitespace: true }]}
            style={{ flex: '1 1 140px' }}
          >
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="visitorPhone" label={s.visitorPhone} style={{ flex: '1 1 160px' }}>
            <Input maxLength={20} inputMode="tel" />
          </Form.Item>
          <Form.Item
            name="receivedAt"
            label={s.receivedAt}
            rules={[requiredRule(s.receivedAt)]}
            style={{ flex: '1 1 180px' }}
          >
            <DateTimeInput label={s.receivedAt} />
          </Form.Item>
        </Flex>
        <Form.Item name="matter" label={s.matter} rules={requiredText(s.matter, 5, 2000)}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item
            name="staffName"
            label={s.staffName}
            rules={[{ ...requiredRule(s.staffName), whitespace: true }]}
            style={{ flex: '1 1 140px' }}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item
            name="grade"
            label={s.grade}
            tooltip={s.gradeHelp}
            style={{ flex: '1 1 140px' }}
          >
            <Select
              aria-label={s.grade}
              allowClear
              options={STUDIO_GRADES.map((g) => ({ value: g, label: L.grade[g] }))}
            />
          </Form.Item>
          <Form.Item name="outcome" label={s.outcome} style={{ flex: '1 1 220px' }}>
            <Radio.Group
              optionType="button"
              options={(['answered', 'ticket'] as const).map((o) => ({
                value: o,
                label: L.outcome[o],
              }))}
            />
          </Form.Item>
        </Flex>
        {outcome === 'ticket' ? (
          <StudioTicketFields />
        ) : (
          <Form.Item name="answer" label={s.answer} rules={requiredText(s.answer, 2, 2000)}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function RevealButton({ r }: { r: ReceptionView }) {
  const { modal } = App.useApp();
  const reveal = useMutation({
    mutationFn: () => api.post<RevealedVisitor>(`/api/studio-receptions/${r.id}/reveal`),
    onSuccess: (v) =>
      modal.info({
        title: s.revealTitle,
        content: (
          <div>
            {v.name}
            {v.phone && <div>{v.phone}</div>}
          </div>
        ),
      }),
    onError: (e) => modal.error({ title: errorMessage(e) }),
  });
  return (
    <Button size="small" type="link" onClick={() => reveal.mutate()} loading={reveal.isPending}>
      {s.reveal}
    </Button>
  );
}

function GradeSelect({ r, studioId }: { r: ReceptionView; studioId: string }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const grade = useMutation({
    mutationFn: (g: StudioGrade | null) =>
      api.post<ReceptionView>(`/api/studio-receptions/${r.id}/grade`, { grade: g }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: studioKeys.receptions(studioId) });
      void qc.invalidateQueries({ queryKey: ['studio-stats'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Select
      size="small"
      aria-label={s.grade}
      allowClear
      placeholder={s.ungraded}
      style={{ width: 96 }}
      value={r.grade}
      loading={grade.isPending}
      onChange={(g: StudioGrade | undefined) => grade.mutate(g ?? null)}
      options={STUDIO_GRADES.map((g) => ({ value: g, label: L.grade[g] }))}
    />
  );
}

export function ReceptionsTab({
  studio,
  month,
  setMonth,
}: {
  studio: StudioView;
  month: string;
  setMonth: (m: string) => void;
}) {
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const list = useQuery({
    queryKey: [...studioKeys.receptions(studio.id), month, page],
    queryFn: () =>
      api.get<ReceptionList>(`/api/studios/${studio.id}/receptions`, {
        month,
        page,
        pageSize: 20,
      }),
    placeholderData: keepPreviousData,
  });
  const columns: TableProps<ReceptionView>['columns'] = [
    {
      title: s.receivedAt,
      dataIndex: 'receivedAt',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: s.visitor,
      width: 150,
      render: (_, r) => (
        <Space size={0} direction="vertical">
          <span>
            {r.visitorName}
            {studio.canEdit && <RevealButton r={r} />}
          </span>
          {r.visitorPhone && <Typography.Text type="secondary">{r.visitorPhone}</Typography.Text>}
        </Space>
      ),
    },
    { title: s.matter, dataIndex: 'matter' },
    { title: s.staffName, dataIndex: 'staffName', width: 90 },
    {
      title: s.outcome,
      width: 220,
      render: (_, r) =>
        r.outcome === 'answered' ? (
          <Space size={2} direction="vertical">
            <Tag color="green">{L.outcome.answered}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.answer}
            </Typography.Text>
          </Space>
        ) : (
          <Space size={2} direction="vertical">
            <Tag color="blue">{L.outcome.ticket}</Tag>
            <TicketCell ticket={r.ticket} />
          </Space>
        ),
    },
    {
      title: s.grade,
      width: 160,
      render: (_, r) => (
        <Space size={2} direction="vertical">
          {studio.canEdit ? (
            <GradeSelect r={r} studioId={studio.id} />
          ) : r.grade ? (
            <Tag color={GRADE_COLOURS[r.grade]}>{L.grade[r.grade]}</Tag>
          ) : (
            <Typography.Text type="secondary">{s.ungraded}</Typography.Text>
          )}
          <GradeHint r={r} />
        </Space>
      ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center">
        <MonthPicker
          value={month}
          onChange={(m) => {
            setPage(1);
            setMonth(m);
          }}
        />
        {studio.canEdit && (
          <Button type="primary" onClick={() => setAdding(true)}>
            {s.receive}
          </Button>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {s.gradeHelp}
        </Typography.Text>
      </Flex>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<ReceptionView>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          columns={columns}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: s.noReceptions }}
          scroll={{ x: 900 }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showTotal: (n) => fmt(s.totalReceptions, { n }),
          }}
        />
      )}
      {adding && <ReceiveModal studio={studio} onClose={() => setAdding(false)} />}
    </Flex>
  );
}

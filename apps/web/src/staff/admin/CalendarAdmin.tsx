import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import type { CalendarChangeResult, CalendarDayView } from '@jiesu/contracts';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import { ErrorState } from '../../lib/states';
import { nowMs } from '../../lib/time';
import { fmt, t } from '../../i18n';
import { AdminPage, DeleteButton, useWrite } from './common';
import { tAdmin } from '../../i18n/admin';

interface CalendarYear {
  year: number;
  days: CalendarDayView[];
  missingYears: number[];
}

export default function CalendarAdmin() {
  const thisYear = dayjs(nowMs()).year();
  const [year, setYear] = useState(thisYear);
  const [form] = Form.useForm<{ date: Dayjs; kind: CalendarDayView['kind']; name: string }>();
  const cal = useQuery({
    queryKey: ['calendar', year],
    queryFn: () => api.get<CalendarYear>(`/api/calendar/${year}`),
  });
  // Running deadlines across the day are counted again on the server: say how many moved.
  const recalculated = (r: CalendarChangeResult) =>
    fmt(tAdmin.deadlinesRecalculated, { n: r.recalculated });
  const put = useWrite(
    (v: { date: string; kind: string; name: string }) =>
      api.put<CalendarChangeResult>(`/api/calendar/days/${v.date}`, { kind: v.kind, name: v.name }),
    [['calendar'], ['tickets']],
    () => form.resetFields(['date']),
    recalculated,
  );
  const del = useWrite(
    (date: string) => api.del<CalendarChangeResult>(`/api/calendar/days/${date}`),
    [['calendar'], ['tickets']],
    undefined,
    recalculated,
  );

  return (
    <AdminPage
      title={tAdmin.calendar}
      extra={
        <Select
          aria-label={tAdmin.year}
          value={year}
          onChange={setYear}
          options={[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => ({
            value: y,
            label: String(y),
          }))}
        />
      }
    >
      {cal.data && cal.data.missingYears.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={fmt(tAdmin.missingYears, { years: cal.data.missingYears.join('、') })}
        />
      )}
      <Card size="small" title={tAdmin.addDay}>
        <Alert type="info" showIcon title={tAdmin.calendarHint} style={{ marginBottom: 12 }} />
        <Form
          form={form}
          layout="inline"
          name="calendar-day"
          initialValues={{ kind: 'holiday' }}
          onFinish={(v) =>
            put.mutate({ date: v.date.format('YYYY-MM-DD'), kind: v.kind, name: v.name.trim() })
          }
        >
          <Form.Item
            name="date"
            label={tAdmin.date}
            rules={[{ required: true, message: fmt(t.web.form.required, { field: tAdmin.date }) }]}
          >
            <DatePicker />
          </Form.Item>
          <Form.Item name="kind" label={tAdmin.dayKind}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'holiday', label: tAdmin.holiday },
                { value: 'workday', label: tAdmin.workday },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={tAdmin.dayName}
            rules={[
              { required: true, message: fmt(t.web.form.required, { field: tAdmin.dayName }) },
            ]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={put.isPending}>
            {t.web.common.save}
          </Button>
        </Form>
      </Card>
      {cal.isError ? (
        <ErrorState error={cal.error} onRetry={() => void cal.refetch()} />
      ) : (
        <Table<CalendarDayView>
          rowKey="date"
          size="small"
          loading={cal.isPending}
          dataSource={cal.data?.days ?? []}
          pagination={false}
          columns={[
            {
              title: tAdmin.date,
              dataIndex: 'date',
              render: (d: string) => `${d} ${dayjs(d).format('ddd')}`,
            },
            {
              title: tAdmin.dayKind,
              dataIndex: 'kind',
              render: (k: CalendarDayView['kind']) =>
                k === 'holiday' ? (
                  <Tag color="red">{tAdmin.holiday}</Tag>
                ) : (
                  <Tag color="blue">{tAdmin.workday}</Tag>
                ),
            },
            { title: tAdmin.dayName, dataIndex: 'name' },
            {
              title: t.web.common.actions,
              key: 'actions',
              render: (_: unknown, r) => (
                <Space>
                  <DeleteButton onConfirm={() => del.mutate(r.date)} />
                </Space>
              ),
            },
          ]}
        />
      )}
    </AdminPage>
  );
}

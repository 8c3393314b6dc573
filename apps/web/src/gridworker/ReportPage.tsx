import { useState } from 'react';
import { Link } from 'react-router';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Radio, Result, Select, Typography } from 'antd';
import {
  PATROL_REPORT_KINDS,
  PATROL_REPORT_KIND_GROUP,
  dutiesZhCN,
  type CreatePatrolReportBody,
  type PatrolReportKind,
  type PatrolReportOutcome,
  type PatrolReportView,
} from '@jiesu/contracts';
import { api, errorMessage } from '../api/client';
import { fmt } from '../i18n';
import { tDuties } from '../i18n/duties';
import { useLeafCategoryOptions } from '../lib/ticketFields';
import { LocationField, todayKey, useDutyToday, usePhotos, type LngLat } from './parts';

const R = tDuties.report;

interface Values {
  kind: PatrolReportKind;
  description: string;
  address?: string;
  arrivedAt?: string;
  outcome: PatrolReportOutcome;
  categoryId?: string;
  title?: string;
  evidence?: string;
}

/** A local 'YYYY-MM-DDTHH:mm' for <input type="datetime-local">. */
const localNow = () => dayjs().format('YYYY-MM-DDTHH:mm');

/** 上报: a 三必到 or 四必报 report that becomes a ticket or is closed on the spot. */
export default function ReportPage() {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const today = useDutyToday();
  const { options } = useLeafCategoryOptions();
  const photos = usePhotos();
  const [point, setPoint] = useState<LngLat>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<PatrolReportView | null>(null);
  const kind = Form.useWatch('kind', form);
  const outcome = Form.useWatch('outcome', form);
  const attend = kind ? PATROL_REPORT_KIND_GROUP[kind] === 'must_attend' : false;

  async function submit(v: Values) {
    if (photos.pending) return setError(tDuties.patrol.waitUpload);
    setBusy(true);
    setError(null);
    const body: CreatePatrolReportBody = {
      kind: v.kind,
      description: v.description.trim(),
      address: v.address?.trim() || undefined,
      ...(point ? { point } : {}),
      photos: photos.ids,
      ...(attend && v.arrivedAt ? { arrivedAt: new Date(v.arrivedAt).toISOString() } : {}),
      outcome: v.outcome,
      ...(today.data?.patrol.open ? { patrolId: today.data.patrol.open.id } : {}),
      ...(v.outcome === 'ticket'
        ? { categoryId: v.categoryId, title: v.title?.trim() || undefined }
        : { evidence: v.evidence?.trim() }),
    };
    try {
      setDone(await api.post<PatrolReportView>('/api/duties/reports', body));
      void qc.invalidateQueries({ queryKey: todayKey });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  if (done)
    return (
      <div className="gw-card">
        <Result
          status="success"
          title={done.outcome === 'ticket' ? R.ticketCreated : R.closed}
          subTitle={
            <span data-testid="report-result">
              {dutiesZhCN.group[done.group]} · {dutiesZhCN.kind[done.kind]}
              {done.ticket && (
                <>
                  <br />
                  <strong data-testid="report-ticket-code">
                    {fmt(R.ticketCode, { code: done.ticket.code })}
                  </strong>
                </>
              )}
            </span>
          }
          extra={[
            <Button
              key="again"
              type="primary"
              onClick={() => {
                setDone(null);
                form.resetFields();
                photos.reset();
                setPoint(undefined);
              }}
            >
              {R.again}
            </Button>,
            <Link key="today" to="/g">
              <Button>{R.backToday}</Button>
            </Link>,
          ]}
        />
      </div>
    );

  const kindOptions = (group: 'must_attend' | 'must_report') =>
    PATROL_REPORT_KINDS.filter((k) => PATROL_REPORT_KIND_GROUP[k] === group).map((k) => (
      <Radio.Button key={k} value={k}>
        {dutiesZhCN.kind[k]}
      </Radio.Button>
    ));

  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 18, margin: '0 0 12px' }}>
        {R.heading}
      </Typography.Title>
      <div className="gw-card">
        {error && (
          <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} role="alert" />
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ outcome: 'ticket', arrivedAt: localNow() }}
          onFinish={(v) => void submit(v)}
        >
          <Form.Item name="kind" label={R.kind} rules={[{ required: true, message: R.kind }]}>
            <Radio.Group style={{ display: 'block' }}>
              <div style={{ fontSize: 13, color: '#595959', margin: '4px 0' }}>{R.mustAttend}</div>
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
                {kindOptions('must_attend')}
              </div>
              <div style={{ fontSize: 13, color: '#595959', margin: '8px 0 4px' }}>
                {R.mustReport}
              </div>
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
                {kindOptions('must_report')}
              </div>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="description"
            label={R.description}
            rules={[{ required: true, min: 5, message: R.descriptionPlaceholder }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 3 }}
              maxLength={2000}
              placeholder={R.descriptionPlaceholder}
            />
          </Form.Item>
          <Form.Item name="address" label={R.address}>
            <Input maxLength={200} placeholder={R.addressPlaceholder} />
          </Form.Item>
          <Form.Item label={R.location}>
            <LocationField value={point} onChange={setPoint} />
          </Form.Item>
          <Form.Item label={R.photos}>{photos.control}</Form.Item>
          {attend && (
            <Form.Item
              name="arrivedAt"
              label={R.arrivedAt}
              extra={R.arrivedHelp}
              rules={[{ required: true, message: R.arrivedHelp }]}
            >
              <Input type="datetime-local" />
            </Form.Item>
          )}
          <Form.Item name="outcome" label={R.outcome}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={(['ticket', 'closed_on_spot'] as const).map((o) => ({
                value: o,
                label: dutiesZhCN.outcome[o],
              }))}
            />
          </Form.Item>
          {outcome === 'closed_on_spot' ? (
            <Form.Item
              name="evidence"
              label={R.evidence}
              rules={[{ required: true, message: R.evidencePlaceholder }]}
            >
              <Input.TextArea
                autoSize={{ minRows: 3 }}
                maxLength={2000}
                placeholder={R.evidencePlaceholder}
              />
            </Form.Item>
          ) : (
            <>
              <Form.Item
                name="categoryId"
                label={R.category}
                rules={[{ required: true, message: R.categoryPlaceholder }]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  options={options}
                  placeholder={R.categoryPlaceholder}
                  data-testid="report-category"
                />
              </Form.Item>
              <Form.Item name="title" label={R.title}>
                <Input maxLength={100} />
              </Form.Item>
            </>
          )}
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {R.submit}
          </Button>
        </Form>
      </div>
    </>
  );
}

// The handler's form controls: the date an extension asks for (延期) and the bound of a
// suspension (挂起至) are picked as local date and time; a site visit (现场查看) starts at
// now and takes the phone's position with one tap.
import { useState } from 'react';
import { Button, Form, InputNumber, Space, Typography } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import type { TicketAction } from '@jiesu/contracts';
import { DateTimeInput, type ControlProps } from '../../lib/formControls';
import type { Widgets } from '../../lib/schemaForm';
import { t } from '../../i18n';
import { tHandling as h } from '../../i18n/handling';

/** The longitude, with a button that fills it and the latitude from the device's position. */
function LngWithLocate({ id, value, onChange }: ControlProps<number>) {
  const form = Form.useFormInstance();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const locate = () => {
    if (!('geolocation' in navigator)) return setError(h.locateUnavailable);
    setBusy(true);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setBusy(false);
        setError(null);
        onChange?.(Number(p.coords.longitude.toFixed(6)));
        form.setFieldValue('lat', Number(p.coords.latitude.toFixed(6)));
      },
      () => {
        setBusy(false);
        setError(h.locateUnavailable);
      },
      { timeout: 10_000 },
    );
  };
  return (
    <Space direction="vertical" size={2} style={{ width: '100%' }}>
      <Space.Compact style={{ width: '100%' }}>
        <InputNumber
          id={id}
          value={value}
          onChange={(v) => onChange?.(v ?? undefined)}
          min={73}
          max={136}
          step={0.000001}
          style={{ width: '100%' }}
        />
        <Button icon={<EnvironmentOutlined />} loading={busy} onClick={locate}>
          {h.locate}
        </Button>
      </Space.Compact>
      {error && <Typography.Text type="warning">{error}</Typography.Text>}
    </Space>
  );
}

export function handlingWidgets(action: TicketAction): Widgets {
  if (action === 'request_extension')
    return { proposedDueAt: () => <DateTimeInput label={t.web.field.proposedDueAt} /> };
  if (action === 'request_suspension')
    return { until: () => <DateTimeInput label={t.web.field.until} /> };
  if (action === 'record_site_visit')
    return {
      visitedAt: () => <DateTimeInput label={t.web.field.visitedAt} defaultNow />,
      lng: () => <LngWithLocate />,
    };
  return {};
}

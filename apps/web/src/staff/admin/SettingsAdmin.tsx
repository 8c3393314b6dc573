import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Checkbox,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Space,
  Typography,
} from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  EXTENSION_REVIEWERS,
  type TenantSettingsView,
  type UpdateTenantSettingsBody,
} from '@jiesu/contracts';
import { api } from '../../api/client';
import { QueryState } from '../../lib/states';
import { requiredRule } from '../../lib/formRules';
import { fmt, t } from '../../i18n';
import { AdminPage, useWrite } from './common';
import { tSettings } from '../../i18n/settings';

const s = tSettings;
const TIME = /^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;
const KEY = ['admin', 'settings'];

/** The district's dispatch settings: the objection window and the working calendar's basis. */
export default function SettingsAdmin() {
  const settings = useQuery({
    queryKey: KEY,
    queryFn: () => api.get<TenantSettingsView>('/api/admin/settings'),
  });
  // Deadlines counted from now on use the new calendar: ticket views refresh too.
  const save = useWrite(
    (v: UpdateTenantSettingsBody) => api.patch<TenantSettingsView>('/api/admin/settings', v),
    [KEY, ['calendar'], ['tickets']],
  );

  return (
    <AdminPage title={s.title}>
      <Alert type="info" showIcon title={s.hint} />
      <QueryState query={settings}>
        {(data) => (
          <Form<TenantSettingsView>
            name="tenant-settings"
            layout="vertical"
            initialValues={data}
            style={{ maxWidth: 640 }}
            onFinish={(v) => save.mutate({ ...v, weekend: [...v.weekend].sort((a, b) => a - b) })}
          >
            <Form.Item
              name="objectionWindowHours"
              label={s.objectionWindowHours}
              extra={s.objectionWindowHelp}
              rules={[requiredRule(s.objectionWindowHours)]}
            >
              <InputNumber
                min={1}
                max={720}
                precision={0}
                suffix={s.hours}
                style={{ width: 200 }}
              />
            </Form.Item>
            <Form.Item
              name="utcOffsetMinutes"
              label={s.utcOffsetMinutes}
              extra={s.utcOffsetHelp}
              rules={[requiredRule(s.utcOffsetMinutes)]}
            >
              <InputNumber
                min={-840}
                max={840}
                step={60}
                precision={0}
                suffix={s.minutes}
                style={{ width: 200 }}
              />
            </Form.Item>
            <Form.Item label={s.workingHours} extra={s.workingHoursHelp} required>
              <Form.List name="workingHours">
                {(fields, { add, remove }) => (
                  <Flex vertical gap={8}>
                    {fields.map((f, i) => (
                      <Space key={f.key} align="baseline" wrap>
                        <Form.Item
                          name={[f.name, 'start']}
                          noStyle
                          rules={[
                            requiredRule(fmt(s.periodStart, { n: i + 1 })),
                            { pattern: TIME, message: s.timeFormat },
                          ]}
                        >
                          <Input
                            aria-label={fmt(s.periodStart, { n: i + 1 })}
                            placeholder="09:00"
                            maxLength={5}
                            style={{ width: 96 }}
                          />
                        </Form.Item>
                        <Typography.Text>{s.periodTo}</Typography.Text>
                        <Form.Item
                          name={[f.name, 'end']}
                          noStyle
                          dependencies={[['workingHours', f.name, 'start']]}
                          rules={[
                            requiredRule(fmt(s.periodEnd, { n: i + 1 })),
                            { pattern: TIME, message: s.timeFormat },
                            ({ getFieldValue }) => ({
                              validator: (_, end?: string) => {
                                const start = getFieldValue(['workingHours', f.name, 'start']) as
                                  string | undefined;
                                return start && end && TIME.test(start) && TIME.test(end)
                                  ? end > start
                                    ? Promise.resolve()
                                    : Promise.reject(new Error(s.endAfterStart))
                                  : Promise.resolve();
                              },
                            }),
                          ]}
                        >
                          <Input
                            aria-label={fmt(s.periodEnd, { n: i + 1 })}
                            placeholder="12:00"
                            maxLength={5}
                            style={{ width: 96 }}
                          />
                        </Form.Item>
                        {fields.length > 1 && (
                          <Button
                            type="text"
                            aria-label={fmt(s.removePeriod, { n: i + 1 })}
                            icon={<MinusCircleOutlined />}
                            onClick={() => remove(f.name)}
                          />
                        )}
                      </Space>
                    ))}
                    {fields.length < 8 && (
                      <Button
                        type="dashed"
                        icon={<PlusOutlined />}
                        onClick={() => add({ start: '', end: '' })}
                        style={{ alignSelf: 'flex-start' }}
                      >
                        {s.addPeriod}
                      </Button>
                    )}
                  </Flex>
                )}
              </Form.List>
            </Form.Item>
            <Form.Item
              name="weekend"
              label={s.weekend}
              extra={s.weekendHelp}
              rules={[
                {
                  validator: (_, v?: number[]) =>
                    (v?.length ?? 0) >= 7
                      ? Promise.reject(new Error(s.weekendTooMany))
                      : Promise.resolve(),
                },
              ]}
            >
              <Checkbox.Group options={s.weekdays.map((label, value) => ({ value, label }))} />
            </Form.Item>
            <Typography.Title level={5}>{s.deliberationSection}</Typography.Title>
            {(
              [
                ['noticeDays', s.noticeDays, s.noticeDaysHelp, 1, 60, s.days],
                ['repeatThreshold', s.repeatThreshold, s.repeatThresholdHelp, 2, 50, s.times],
                ['repeatWindowDays', s.repeatWindowDays, s.repeatWindowHelp, 7, 730, s.days],
                ['backlogDays', s.backlogDays, s.backlogDaysHelp, 7, 3650, s.days],
                ['backlogReopens', s.backlogReopens, s.backlogReopensHelp, 1, 20, s.times],
              ] as const
            ).map(([name, label, help, min, max, suffix]) => (
              <Form.Item
                key={name}
                name={name}
                label={label}
                extra={help}
                rules={[requiredRule(label)]}
              >
                <InputNumber
                  min={min}
                  max={max}
                  precision={0}
                  suffix={suffix}
                  style={{ width: 200 }}
                />
              </Form.Item>
            ))}
            <Typography.Title level={5}>{s.handlingSection}</Typography.Title>
            {(
              [
                ['suspensionMaxDays', s.suspensionMaxDays, s.suspensionMaxDaysHelp, 1, 90, s.days],
                ['noContactAttempts', s.noContactAttempts, s.noContactAttemptsHelp, 1, 10, s.times],
              ] as const
            ).map(([name, label, help, min, max, suffix]) => (
              <Form.Item
                key={name}
                name={name}
                label={label}
                extra={help}
                rules={[requiredRule(label)]}
              >
                <InputNumber
                  min={min}
                  max={max}
                  precision={0}
                  suffix={suffix}
                  style={{ width: 200 }}
                />
              </Form.Item>
            ))}
            <Form.Item
              name="extensionReviewer"
              label={s.extensionReviewer}
              extra={s.extensionReviewerHelp}
            >
              <Radio.Group
                options={EXTENSION_REVIEWERS.map((value) => ({
                  value,
                  label: s.extensionReviewers[value],
                }))}
              />
            </Form.Item>
            <Space align="center" wrap>
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                {t.web.common.save}
              </Button>
              <Typography.Text type="secondary">{s.saveHint}</Typography.Text>
            </Space>
          </Form>
        )}
      </QueryState>
    </AdminPage>
  );
}

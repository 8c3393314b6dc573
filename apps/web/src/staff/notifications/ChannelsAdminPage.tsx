// 通知渠道设置 (administrators): the district's SMS gateway, WeChat official account and SMTP
// server. Secrets are write-only: the page shows whether one is set; an empty field keeps it.
import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import {
  CONFIGURABLE_CHANNELS,
  NOTIFICATION_KINDS,
  type ChannelConfigView,
  type ConfigurableChannel,
} from '@jiesu/contracts';
import { errorMessage } from '../../api/client';
import { tNotifications } from '../../i18n/notifications';
import { ErrorState, PageLoading } from '../../lib/states';
import { useChannels, usePutChannel } from './queries';

const a = tNotifications.admin;
type Values = Record<string, unknown>;

const SECRET: Record<ConfigurableChannel, { key: string; label: string }> = {
  sms: { key: 'authValue', label: a.sms.authValue },
  wechat: { key: 'appSecret', label: a.wechat.appSecret },
  email: { key: 'password', label: a.email.password },
};

function ChannelCard({ view }: { view: ChannelConfigView }) {
  const { message } = App.useApp();
  const put = usePutChannel();
  const [form] = Form.useForm<Values>();
  const ch = view.channel;
  const secret = SECRET[ch];
  const s = view.settings as Values;
  const initial: Values = {
    enabled: view.enabled,
    ...s,
    ...(ch === 'wechat' ? { templateIds: (s.templateIds as Record<string, string>) ?? {} } : {}),
  };

  function submit(v: Values) {
    const { enabled, [secret.key]: secretValue, ...rest } = v;
    const settings: Values = {};
    for (const [k, val] of Object.entries(rest)) {
      if (val === undefined || val === null || val === '') continue;
      if (k === 'templateIds') {
        settings[k] = Object.fromEntries(
          Object.entries(val as Record<string, string>).filter(([, x]) => !!x),
        );
      } else settings[k] = val;
    }
    put.mutate(
      {
        channel: ch,
        body: {
          enabled: !!enabled,
          settings: settings as never,
          ...(secretValue ? { secrets: { [secret.key]: secretValue as string } } : {}),
        },
      },
      {
        onSuccess: () => {
          void message.success(a.saved);
          form.setFieldValue(secret.key, '');
        },
        onError: (e) => void message.error(errorMessage(e)),
      },
    );
  }

  return (
    <Card
      title={a.channel[ch]}
      extra={<Tag>{view.configured ? a.configured : a.notConfigured}</Tag>}
      data-testid={`channel-${ch}`}
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Form.Item name="enabled" label={a.enabled} valuePropName="checked">
          <Switch />
        </Form.Item>
        {ch === 'sms' && (
          <>
            <Form.Item name="url" label={a.sms.url} rules={[{ required: true }]}>
              <Input placeholder="https://" />
            </Form.Item>
            <Space wrap>
              <Form.Item name="method" label={a.sms.method}>
                <Select
                  style={{ width: 120 }}
                  allowClear
                  options={[{ value: 'POST' }, { value: 'PUT' }]}
                />
              </Form.Item>
              <Form.Item name="contentType" label={a.sms.contentType}>
                <Input placeholder="application/json" />
              </Form.Item>
              <Form.Item name="authHeader" label={a.sms.authHeader}>
                <Input placeholder="Authorization" />
              </Form.Item>
            </Space>
            <Form.Item
              name="bodyTemplate"
              label={a.sms.bodyTemplate}
              extra={a.sms.bodyHelp}
              rules={[{ required: true }]}
            >
              <Input.TextArea rows={3} placeholder='{"mobile":"{phone}","content":"{text}"}' />
            </Form.Item>
          </>
        )}
        {ch === 'wechat' && (
          <>
            <Form.Item name="appId" label={a.wechat.appId} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="apiBase" label={a.wechat.apiBase}>
              <Input placeholder="https://api.weixin.qq.com" />
            </Form.Item>
            <Typography.Text strong>{a.wechat.templateIds}</Typography.Text>
            {NOTIFICATION_KINDS.map((k) => (
              <Form.Item key={k} name={['templateIds', k]} label={tNotifications.kind[k]}>
                <Input />
              </Form.Item>
            ))}
          </>
        )}
        {ch === 'email' && (
          <>
            <Space wrap>
              <Form.Item name="host" label={a.email.host} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
              <Form.Item name="port" label={a.email.port} rules={[{ required: true }]}>
                <InputNumber min={1} max={65535} />
              </Form.Item>
              <Form.Item name="secure" label={a.email.secure} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Space>
            <Form.Item name="user" label={a.email.user}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="from" label={a.email.from} rules={[{ required: true }]}>
              <Input placeholder="noreply@example.gov.cn" />
            </Form.Item>
          </>
        )}
        <Form.Item
          name={secret.key}
          label={secret.label}
          extra={view.secretsSet.includes(secret.key) ? a.secretSet : a.secretEmpty}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={put.isPending}>
          {a.save}
        </Button>
      </Form>
    </Card>
  );
}

export default function ChannelsAdminPage() {
  const q = useChannels();
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {a.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{a.help}</Typography.Paragraph>
      {CONFIGURABLE_CHANNELS.map((ch) => {
        const view = q.data.items.find((x) => x.channel === ch);
        return view ? <ChannelCard key={`${ch}-${view.updatedAt ?? ''}`} view={view} /> : null;
      })}
    </Space>
  );
}

// [Interop] API tokens: the list (scopes, user, issued, last use, revoked), issuing one
// (the token shown once, with a copy button) and revoking with a confirmation.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import {
  API_TOKEN_SCOPES,
  type ApiTokenScope,
  type ApiTokenView,
  type CreatedApiToken,
} from '@jiesu/contracts';
import { api } from '../../api/client';
import type { UserView } from '../../api/types';
import { ErrorState } from '../../lib/states';
import { formatDateTime, useNow } from '../../lib/time';
import { fmt, t } from '../../i18n';
import { tTokens } from '../../i18n/tokens';
import { AdminPage, useWrite } from './common';

interface IssueForm {
  name: string;
  userId: string;
  scopes: ApiTokenScope[];
  expiresAt?: Dayjs;
}

export default function TokensAdmin() {
  const { message } = App.useApp();
  const tokens = useQuery({
    queryKey: ['admin-tokens'],
    queryFn: () => api.get<ApiTokenView[]>('/api/admin/tokens'),
  });
  const users = useQuery({
    queryKey: ['admin-users'],
    queryFn: () => api.get<UserView[]>('/api/admin/users'),
  });
  const [issuing, setIssuing] = useState(false);
  const [issued, setIssued] = useState<string | null>(null);
  const [form] = Form.useForm<IssueForm>();
  const issue = useWrite(
    (b: IssueForm) =>
      api.post<CreatedApiToken>('/api/admin/tokens', {
        name: b.name,
        userId: b.userId,
        scopes: b.scopes,
        ...(b.expiresAt ? { expiresAt: b.expiresAt.toISOString() } : {}),
      }),
    [['admin-tokens']],
    (r) => {
      setIssuing(false);
      form.resetFields();
      setIssued(r.token);
    },
  );
  const revoke = useWrite(
    (id: string) => api.del(`/api/admin/tokens/${id}`),
    [['admin-tokens']],
    undefined,
    () => tTokens.revokedDone,
  );
  const req = (field: string) => ({ required: true, message: fmt(t.web.form.required, { field }) });
  const now = useNow();

  return (
    <AdminPage
      title={tTokens.title}
      extra={
        <Button type="primary" onClick={() => setIssuing(true)}>
          {tTokens.issue}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{tTokens.help}</Typography.Paragraph>
      {tokens.isError ? (
        <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : (
        <Table<ApiTokenView>
          rowKey="id"
          size="small"
          loading={tokens.isPending}
          dataSource={tokens.data ?? []}
          scroll={{ x: 1000 }}
          columns={[
            { title: tTokens.name, dataIndex: 'name' },
            {
              title: tTokens.user,
              dataIndex: 'user',
              render: (u: ApiTokenView['user']) => `${u.displayName}(${u.username})`,
            },
            {
              title: tTokens.scopes,
              dataIndex: 'scopes',
              render: (scopes: ApiTokenScope[]) => (
                <Space wrap size={4}>
                  {scopes.map((s) => (
                    <Tag key={s}>{tTokens.scope[s]}</Tag>
                  ))}
                </Space>
              ),
            },
            {
              title: tTokens.createdAt,
              dataIndex: 'createdAt',
              render: (v: string) => formatDateTime(v),
            },
            {
              title: tTokens.expiresAt,
              dataIndex: 'expiresAt',
              render: (v: string | null) => (v ? formatDateTime(v) : tTokens.never),
            },
            {
              title: tTokens.lastUsed,
              key: 'lastUsed',
              render: (_: unknown, r) =>
                r.lastUsedAt
                  ? `${formatDateTime(r.lastUsedAt)}${r.lastUsedIp ? ` · ${r.lastUsedIp}` : ''}`
                  : tTokens.neverUsed,
            },
            {
              title: tTokens.state,
              key: 'state',
              render: (_: unknown, r) =>
                r.revokedAt ? (
                  <Tag color="red">{`${tTokens.revoked} ${formatDateTime(r.revokedAt)}`}</Tag>
                ) : r.expiresAt && Date.parse(r.expiresAt) <= now ? (
                  <Tag>{tTokens.expired}</Tag>
                ) : (
                  <Tag color="green">{tTokens.live}</Tag>
                ),
            },
            {
              title: t.web.common.actions,
              key: 'actions',
              render: (_: unknown, r) =>
                r.revokedAt ? null : (
                  <Popconfirm title={tTokens.revokeConfirm} onConfirm={() => revoke.mutate(r.id)}>
                    <Button size="small" danger>
                      {tTokens.revoke}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      )}

      <Modal
        open={issuing}
        title={tTokens.issue}
        onCancel={() => setIssuing(false)}
        onOk={() => void form.validateFields().then((v) => issue.mutate(v))}
        confirmLoading={issue.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="name" label={tTokens.name} rules={[req(tTokens.name)]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="userId" label={tTokens.user} rules={[req(tTokens.user)]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={users.isPending}
              options={(users.data ?? [])
                .filter((u) => u.active)
                .map((u) => ({ value: u.id, label: `${u.displayName}(${u.username})` }))}
            />
          </Form.Item>
          <Form.Item name="scopes" label={tTokens.scopes} rules={[req(tTokens.scopes)]}>
            <Select
              mode="multiple"
              options={API_TOKEN_SCOPES.map((s) => ({ value: s, label: tTokens.scope[s] }))}
            />
          </Form.Item>
          <Form.Item name="expiresAt" label={tTokens.expiresAt}>
            <DatePicker showTime placeholder={tTokens.never} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={issued !== null}
        title={tTokens.issuedTitle}
        closable={false}
        maskClosable={false}
        footer={
          <Button type="primary" onClick={() => setIssued(null)}>
            {tTokens.close}
          </Button>
        }
      >
        <Typography.Paragraph>{tTokens.issuedHelp}</Typography.Paragraph>
        <Space.Compact style={{ width: '100%' }}>
          <Input readOnly value={issued ?? ''} data-testid="issued-token" />
          <Button
            onClick={() =>
              void navigator.clipboard
                .writeText(issued ?? '')
                .then(() => message.success(tTokens.copied))
            }
          >
            {tTokens.copy}
          </Button>
        </Space.Compact>
      </Modal>
    </AdminPage>
  );
}

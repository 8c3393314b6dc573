import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, InputNumber, Modal, Select, Space, Table, TreeSelect } from 'antd';
import {
  LIMIT_UNITS,
  URGENCIES,
  type PolicyBody,
  type PolicyView,
  type TimeLimit,
} from '@jiesu/contracts';
import { api } from '../../api/client';
import { useCategories } from '../../api/hooks';
import { ErrorState } from '../../lib/states';
import { buildTree, pathName } from '../../lib/tree';
import { fmt, t } from '../../i18n';
import { AdminPage, DeleteButton, useWrite } from './common';
import { tAdmin } from '../../i18n/admin';

const limitText = (l: TimeLimit) => `${l.amount} ${t.limitUnit[l.unit]}`;

function LimitField({ name, label }: { name: 'response' | 'completion'; label: string }) {
  return (
    <Form.Item label={label} required>
      <Space.Compact>
        <Form.Item
          name={[name, 'amount']}
          noStyle
          rules={[{ required: true, message: fmt(t.web.form.required, { field: label }) }]}
        >
          <InputNumber min={0.1} max={10000} aria-label={`${label} ${tAdmin.amount}`} />
        </Form.Item>
        <Form.Item name={[name, 'unit']} noStyle rules={[{ required: true }]}>
          <Select
            aria-label={`${label} ${tAdmin.limitUnit}`}
            style={{ width: 120 }}
            options={LIMIT_UNITS.map((u) => ({ value: u, label: t.limitUnit[u] }))}
          />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );
}

export default function PoliciesAdmin() {
  const policies = useQuery({
    queryKey: ['policies'],
    queryFn: () => api.get<PolicyView[]>('/api/time-limit-policies'),
  });
  const cats = useCategories();
  const tree = useMemo(() => buildTree(cats.data ?? []), [cats.data]);
  const [editing, setEditing] = useState<Partial<PolicyBody> | null>(null);
  const [form] = Form.useForm<PolicyBody>();
  const save = useWrite(
    (b: PolicyBody) => api.put('/api/time-limit-policies', b),
    [['policies']],
    () => setEditing(null),
  );
  const del = useWrite((id: string) => api.del(`/api/time-limit-policies/${id}`), [['policies']]);

  return (
    <AdminPage
      title={tAdmin.policies}
      extra={
        <Button
          type="primary"
          onClick={() =>
            setEditing({
              categoryId: null,
              urgency: null,
              response: { amount: 2, unit: 'working_hours' },
              completion: { amount: 5, unit: 'working_days' },
            })
          }
        >
          {tAdmin.addPolicy}
        </Button>
      }
    >
      {policies.isError ? (
        <ErrorState error={policies.error} onRetry={() => void policies.refetch()} />
      ) : (
        <Table<PolicyView>
          rowKey="id"
          size="small"
          loading={policies.isPending}
          dataSource={policies.data ?? []}
          pagination={false}
          columns={[
            {
              title: tAdmin.policyCategory,
              dataIndex: 'categoryId',
              render: (id: string | null) =>
                id ? pathName(cats.data ?? [], id) : tAdmin.anyCategory,
            },
            {
              title: tAdmin.policyUrgency,
              dataIndex: 'urgency',
              render: (u: PolicyView['urgency']) => (u ? t.urgency[u] : tAdmin.anyUrgency),
            },
            { title: tAdmin.response, dataIndex: 'response', render: limitText },
            { title: tAdmin.completion, dataIndex: 'completion', render: limitText },
            {
              title: t.web.common.actions,
              key: 'a',
              render: (_: unknown, r) => (
                <Space>
                  <Button size="small" onClick={() => setEditing(r)}>
                    {t.web.common.edit}
                  </Button>
                  <DeleteButton onConfirm={() => del.mutate(r.id)} />
                </Space>
              ),
            },
          ]}
        />
      )}
      <Modal
        open={editing !== null}
        title={tAdmin.addPolicy}
        okText={t.web.common.save}
        confirmLoading={save.isPending}
        onCancel={() => setEditing(null)}
        onOk={() =>
          void form
            .validateFields()
            .then((v) =>
              save.mutate({ ...v, categoryId: v.categoryId ?? null, urgency: v.urgency ?? null }),
            )
        }
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          name="policy"
          initialValues={editing ?? undefined}
          preserve={false}
        >
          <Form.Item name="categoryId" label={tAdmin.policyCategory}>
            <TreeSelect
              allowClear
              showSearch
              treeNodeFilterProp="title"
              treeData={tree}
              placeholder={tAdmin.anyCategory}
            />
          </Form.Item>
          <Form.Item name="urgency" label={tAdmin.policyUrgency}>
            <Select
              allowClear
              placeholder={tAdmin.anyUrgency}
              options={URGENCIES.map((u) => ({ value: u, label: t.urgency[u] }))}
            />
          </Form.Item>
          <LimitField name="response" label={tAdmin.response} />
          <LimitField name="completion" label={tAdmin.completion} />
        </Form>
      </Modal>
    </AdminPage>
  );
}

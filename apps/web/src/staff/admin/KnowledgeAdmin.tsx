// 系统管理 · 知识库: the service catalogue items (五公开) agents answer from.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { KnowledgeItemBody } from '@jiesu/contracts';
import { api } from '../../api/client';
import type { KnowledgeItem } from '../../api/types';
import { ErrorState } from '../../lib/states';
import { maxLengthRule, requiredText } from '../../lib/formRules';
import { useLeafCategoryOptions } from '../../lib/ticketFields';
import { formatDateTime } from '../../lib/time';
import { fmt, t } from '../../i18n';
import { AdminPage, DeleteButton, useWrite } from './common';
import { tKnowledge } from '../../i18n/knowledge';

type KnowledgeForm = Omit<KnowledgeItemBody, 'categoryId'> & { categoryId?: string | null };

const KEY = ['knowledge', 'admin'];

/** One of an item's optional texts, at most `max` characters; `rows` (min, max) make it an area. */
function OptionalText(props: {
  name: keyof KnowledgeForm;
  label: string;
  max: number;
  rows?: [number, number];
  minWidth?: number;
  extra?: string;
}) {
  const { label, max, rows } = props;
  return (
    <Form.Item
      name={props.name}
      label={label}
      extra={props.extra}
      rules={[maxLengthRule(label, max)]}
      style={props.minWidth ? { minWidth: props.minWidth } : undefined}
    >
      {rows ? (
        <Input.TextArea autoSize={{ minRows: rows[0], maxRows: rows[1] }} maxLength={max} />
      ) : (
        <Input maxLength={max} />
      )}
    </Form.Item>
  );
}

export default function KnowledgeAdmin() {
  const [q, setQ] = useState('');
  const items = useQuery({
    queryKey: [...KEY, q],
    queryFn: () => api.get<KnowledgeItem[]>('/api/knowledge', { q, all: true, limit: 200 }),
  });
  const { options: categoryOptions } = useLeafCategoryOptions();
  const [editing, setEditing] = useState<KnowledgeItem | 'new' | null>(null);
  const [form] = Form.useForm<KnowledgeForm>();
  const close = () => setEditing(null);
  const create = useWrite(
    (b: KnowledgeItemBody) => api.post('/api/knowledge', b),
    [KEY, ['knowledge']],
    close,
  );
  const update = useWrite(
    (v: { id: string; body: KnowledgeItemBody }) => api.put(`/api/knowledge/${v.id}`, v.body),
    [KEY, ['knowledge']],
    close,
  );
  const remove = useWrite(
    (id: string) => api.del(`/api/knowledge/${id}`),
    [KEY, ['knowledge']],
    undefined,
    () => t.web.common.deleted,
  );

  const bodyOf = (k: KnowledgeItem): KnowledgeItemBody => ({
    title: k.title,
    body: k.body,
    procedure: k.procedure,
    policyBasis: k.policyBasis,
    phone: k.phone,
    staff: k.staff,
    keywords: k.keywords,
    categoryId: k.categoryId,
    active: k.active,
  });

  function submit() {
    void form.validateFields().then((v) => {
      const body: KnowledgeItemBody = { ...v, categoryId: v.categoryId ?? null };
      if (editing === 'new') create.mutate(body);
      else if (editing) update.mutate({ id: editing.id, body });
    });
  }

  return (
    <AdminPage
      title={tKnowledge.title}
      extra={
        <Space wrap>
          <Button icon={<DownloadOutlined />} href="/api/knowledge/export" download>
            {tKnowledge.export}
          </Button>
          <Button type="primary" onClick={() => setEditing('new')}>
            {tKnowledge.add}
          </Button>
        </Space>
      }
    >
      <Input.Search
        allowClear
        aria-label={tKnowledge.search}
        placeholder={tKnowledge.search}
        onSearch={(v) => setQ(v.trim())}
        style={{ maxWidth: 420 }}
      />
      {items.isError ? (
        <ErrorState error={items.error} onRetry={() => void items.refetch()} />
      ) : (
        <Table<KnowledgeItem>
          rowKey="id"
          size="small"
          loading={items.isPending}
          dataSource={items.data ?? []}
          locale={{ emptyText: tKnowledge.empty }}
          scroll={{ x: 900 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          expandable={{
            expandedRowRender: (k) => (
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                  {k.body}
                </Typography.Paragraph>
                {k.procedure && (
                  <Typography.Text>
                    {tKnowledge.procedure}:{k.procedure}
                  </Typography.Text>
                )}
                {k.policyBasis && (
                  <Typography.Text>
                    {tKnowledge.policyBasis}:{k.policyBasis}
                  </Typography.Text>
                )}
              </Space>
            ),
          }}
          columns={[
            { title: tKnowledge.itemTitle, dataIndex: 'title' },
            {
              title: tKnowledge.category,
              dataIndex: 'categoryName',
              render: (v: string | null) => v ?? t.web.common.none,
            },
            {
              title: tKnowledge.keywords,
              dataIndex: 'keywords',
              render: (v: string) =>
                v
                  .split(/[\s,，、]+/)
                  .filter(Boolean)
                  .map((w) => <Tag key={w}>{w}</Tag>),
            },
            { title: tKnowledge.phone, dataIndex: 'phone' },
            { title: tKnowledge.staff, dataIndex: 'staff' },
            { title: tKnowledge.useCount, dataIndex: 'useCount', width: 90 },
            {
              title: t.web.common.status,
              dataIndex: 'active',
              width: 90,
              render: (active: boolean, k) => (
                <Switch
                  checked={active}
                  aria-label={`${k.title} ${t.web.common.active}`}
                  onChange={(v) => update.mutate({ id: k.id, body: { ...bodyOf(k), active: v } })}
                />
              ),
            },
            {
              title: tKnowledge.updatedAt,
              dataIndex: 'updatedAt',
              render: (v: string) => formatDateTime(v),
            },
            {
              title: t.web.common.actions,
              key: 'a',
              render: (_: unknown, k) => (
                <Space>
                  <Button size="small" onClick={() => setEditing(k)}>
                    {t.web.common.edit}
                  </Button>
                  <DeleteButton
                    confirm={fmt(tKnowledge.deleteOf, { title: k.title })}
                    okText={t.web.common.delete}
                    cancelText={t.web.common.cancel}
                    onConfirm={() => remove.mutate(k.id)}
                  />
                </Space>
              ),
            },
          ]}
        />
      )}
      <Modal
        open={editing !== null}
        title={editing === 'new' ? tKnowledge.add : tKnowledge.edit}
        okText={t.web.common.save}
        cancelText={t.web.common.cancel}
        confirmLoading={create.isPending || update.isPending}
        onCancel={close}
        onOk={submit}
        destroyOnHidden
        width={720}
      >
        <Form<KnowledgeForm>
          form={form}
          layout="vertical"
          name="knowledge"
          preserve={false}
          initialValues={
            editing && editing !== 'new'
              ? bodyOf(editing)
              : { active: true, procedure: '', policyBasis: '', phone: '', staff: '' }
          }
        >
          <Form.Item
            name="title"
            label={tKnowledge.itemTitle}
            rules={requiredText(tKnowledge.itemTitle, 2, 100)}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Space wrap style={{ width: '100%' }} align="start">
            <Form.Item name="categoryId" label={tKnowledge.category} style={{ minWidth: 280 }}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={tKnowledge.noCategory}
                options={categoryOptions}
                notFoundContent={t.web.common.noMatch}
              />
            </Form.Item>
            <OptionalText
              name="keywords"
              label={tKnowledge.keywords}
              extra={tKnowledge.keywordsHelp}
              max={200}
              minWidth={280}
            />
          </Space>
          <Form.Item
            name="body"
            label={tKnowledge.body}
            rules={requiredText(tKnowledge.body, 2, 4000)}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} />
          </Form.Item>
          <OptionalText name="procedure" label={tKnowledge.procedure} max={4000} rows={[2, 6]} />
          <OptionalText
            name="policyBasis"
            label={tKnowledge.policyBasis}
            max={2000}
            rows={[1, 4]}
          />
          <Space wrap style={{ width: '100%' }} align="start">
            <OptionalText name="phone" label={tKnowledge.phone} max={50} minWidth={200} />
            <OptionalText name="staff" label={tKnowledge.staff} max={200} minWidth={360} />
          </Space>
          <Form.Item name="active" label={t.web.common.status} valuePropName="checked">
            <Switch
              checkedChildren={t.web.common.active}
              unCheckedChildren={t.web.common.inactive}
            />
          </Form.Item>
        </Form>
      </Modal>
    </AdminPage>
  );
}

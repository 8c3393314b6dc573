// 答复口径: the templates the actor keeps or reads (its unit's and the district-wide
// ones), with filters and paging in the address; a modal creates or edits one, with
// buttons that insert a placeholder at the cursor and a live preview on sample values.
import { useMemo, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import {
  REPLY_PLACEHOLDERS,
  REPLY_TEMPLATE_SORTS,
  renderReplyTemplate,
  type ReplyTemplateQuery,
  type ReplyTemplateView,
} from '@jiesu/contracts';
import { api, errorMessage } from '../../api/client';
import { useCategories, useMe } from '../../api/hooks';
import { buildTree } from '../../lib/tree';
import { formatDateTime } from '../../lib/time';
import { UrlPagedTable, UrlSearch, pageOf, useUrlFilters } from '../../lib/urlFilters';
import { fmt, t } from '../../i18n';
import { tReplyTemplates as r } from '../../i18n/reply-templates';
import { hasAny } from '../roles';
import { useReplyTemplates } from './queries';

function readQuery(sp: URLSearchParams): ReplyTemplateQuery {
  const q: ReplyTemplateQuery = pageOf(sp);
  const v = (k: string) => sp.get(k) ?? undefined;
  if (v('q')) q.q = v('q');
  if (v('categoryId')) q.categoryId = v('categoryId');
  if (sp.get('includeInactive') === 'true') q.includeInactive = true;
  const sort = v('sort');
  if (sort && (REPLY_TEMPLATE_SORTS as readonly string[]).includes(sort))
    q.sort = sort as ReplyTemplateQuery['sort'];
  return q;
}

interface FormValues {
  title: string;
  body: string;
  categoryId?: string | null;
}

function TemplateModal({
  template,
  ownUnit,
  onClose,
}: {
  template: ReplyTemplateView | null;
  ownUnit: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const area = useRef<TextAreaRef>(null);
  const cats = useCategories();
  const catTree = useMemo(() => buildTree(cats.data ?? []), [cats.data]);
  const body = (Form.useWatch('body', form) as string | undefined) ?? '';
  const qc = useQueryClient();
  const { message } = App.useApp();

  /** Inserts `{name}` at the cursor (or replaces the selection) and puts the cursor after it. */
  function insert(name: string) {
    const el = area.current?.resizableTextArea?.textArea;
    const current = (form.getFieldValue('body') as string | undefined) ?? '';
    const start = el?.selectionStart ?? current.length;
    const end = el?.selectionEnd ?? current.length;
    const token = `{${name}}`;
    form.setFieldValue('body', current.slice(0, start) + token + current.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  }

  async function submit() {
    let v: FormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const payload = { title: v.title, body: v.body, categoryId: v.categoryId ?? null };
      if (template) await api.patch(`/api/reply-templates/${template.id}`, payload);
      else
        await api.post('/api/reply-templates', {
          ...payload,
          ...(ownUnit ? {} : { unitId: null }),
        });
      message.success(r.saved);
      await qc.invalidateQueries({ queryKey: ['reply-templates'] });
      await qc.invalidateQueries({ queryKey: ['tickets', 'reply-templates'] });
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={template ? r.edit : r.create}
      okText={t.web.action.submit}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      width={640}
    >
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />
      )}
      <Form
        form={form}
        layout="vertical"
        name="reply-template"
        initialValues={{
          title: template?.title ?? '',
          body: template?.body ?? '',
          categoryId: template?.category?.id ?? null,
        }}
      >
        <Form.Item
          name="title"
          label={r.fieldTitle}
          rules={[
            { required: true, message: fmt(t.web.form.required, { field: r.fieldTitle }) },
            { max: 100 },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="categoryId" label={r.fieldCategory}>
          <TreeSelect
            allowClear
            showSearch
            treeNodeFilterProp="title"
            treeData={catTree}
            placeholder={r.anyCategory}
          />
        </Form.Item>
        <Space wrap size={4} style={{ marginBottom: 8 }} aria-label={r.placeholders}>
          <Typography.Text type="secondary">{r.placeholders}:</Typography.Text>
          {REPLY_PLACEHOLDERS.map((p) => (
            <Button key={p} size="small" onClick={() => insert(p)} data-testid={`insert-${p}`}>
              {`{${p}}`}
            </Button>
          ))}
        </Space>
        <Form.Item
          name="body"
          label={r.fieldBody}
          rules={[
            { required: true, message: fmt(t.web.form.required, { field: r.fieldBody }) },
            { min: 2, message: fmt(t.web.form.minLength, { field: r.fieldBody, n: 2 }) },
          ]}
        >
          <Input.TextArea ref={area} autoSize={{ minRows: 4 }} maxLength={4000} />
        </Form.Item>
        <Typography.Text type="secondary">{r.preview}</Typography.Text>
        <div
          data-testid="template-preview"
          style={{ whiteSpace: 'pre-wrap', background: '#fafafa', padding: 8, borderRadius: 4 }}
        >
          {renderReplyTemplate(body, r.sample)}
        </div>
      </Form>
    </Modal>
  );
}

export default function ReplyTemplatesPage() {
  const me = useMe();
  const ownUnit = hasAny(me.data, 'handler', 'unit_leader');
  const [sp, update] = useUrlFilters();
  const query = useMemo(() => readQuery(sp), [sp]);
  const list = useReplyTemplates(query);
  const cats = useCategories();
  const catTree = useMemo(() => buildTree(cats.data ?? []), [cats.data]);
  const [editing, setEditing] = useState<ReplyTemplateView | 'new' | null>(null);
  const qc = useQueryClient();
  const { message } = App.useApp();

  async function disable(tpl: ReplyTemplateView) {
    try {
      await api.del(`/api/reply-templates/${tpl.id}`);
      message.success(r.disabled);
      await qc.invalidateQueries({ queryKey: ['reply-templates'] });
    } catch (e) {
      message.error(errorMessage(e));
    }
  }

  const actions = (tpl: ReplyTemplateView) =>
    tpl.canEdit ? (
      <Space size={4}>
        <Button size="small" onClick={() => setEditing(tpl)}>
          {r.edit}
        </Button>
        {tpl.active && (
          <Popconfirm title={r.disableConfirm} onConfirm={() => void disable(tpl)}>
            <Button size="small" danger>
              {r.disable}
            </Button>
          </Popconfirm>
        )}
      </Space>
    ) : null;
  const unitTag = (tpl: ReplyTemplateView) =>
    tpl.unit ? <span>{tpl.unit.name}</span> : <Tag color="blue">{r.districtWide}</Tag>;

  const columns: TableProps<ReplyTemplateView>['columns'] = [
    { title: r.fieldTitle, dataIndex: 'title', width: 180 },
    {
      title: r.fieldCategory,
      key: 'cat',
      width: 130,
      render: (_: unknown, x) => x.category?.name ?? r.anyCategory,
    },
    { title: r.fieldUnit, key: 'unit', width: 150, render: (_: unknown, x) => unitTag(x) },
    { title: r.fieldBody, dataIndex: 'body', ellipsis: true },
    {
      title: r.fieldActive,
      key: 'active',
      width: 80,
      render: (_: unknown, x) =>
        x.active ? <Tag color="green">{r.active}</Tag> : <Tag>{r.inactive}</Tag>,
    },
    {
      title: r.fieldUpdatedAt,
      key: 'at',
      width: 150,
      render: (_: unknown, x) => formatDateTime(x.updatedAt),
    },
    { title: '', key: 'actions', width: 140, render: (_: unknown, x) => actions(x) },
  ];
  const narrowColumns: TableProps<ReplyTemplateView>['columns'] = [
    {
      title: r.fieldTitle,
      key: 'all',
      render: (_: unknown, x) => (
        <Flex vertical gap={4}>
          <Space size={4} wrap>
            <Typography.Text strong>{x.title}</Typography.Text>
            {unitTag(x)}
            {!x.active && <Tag>{r.inactive}</Tag>}
          </Space>
          <Typography.Text type="secondary">{x.body}</Typography.Text>
          {actions(x)}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {r.title}
        </Typography.Title>
        <Button type="primary" onClick={() => setEditing('new')}>
          {r.create}
        </Button>
      </Flex>
      <Typography.Text type="secondary">{r.help}</Typography.Text>
      <Space wrap>
        <UrlSearch label={r.search} value={query.q} update={update} />
        <TreeSelect
          aria-label={r.filterCategory}
          style={{ width: 200 }}
          allowClear
          showSearch
          treeNodeFilterProp="title"
          treeData={catTree}
          placeholder={r.filterCategory}
          value={query.categoryId}
          onChange={(v?: string) => update({ categoryId: v || undefined })}
        />
        <Select
          aria-label={r.sort}
          style={{ width: 120 }}
          value={query.sort ?? '-updatedAt'}
          onChange={(v: string) => update({ sort: v })}
          options={[
            { value: '-updatedAt', label: r.sortUpdated },
            { value: 'title', label: r.sortTitle },
          ]}
        />
        <Checkbox
          checked={query.includeInactive ?? false}
          onChange={(e) => update({ includeInactive: e.target.checked ? 'true' : undefined })}
        >
          {r.includeInactive}
        </Checkbox>
      </Space>
      <UrlPagedTable<ReplyTemplateView>
        list={list}
        query={query}
        update={update}
        columns={columns}
        narrowColumns={narrowColumns}
        width={1000}
        empty={r.empty}
        totalText={r.total}
        rowTestId="reply-template-row"
      />
      {editing && (
        <TemplateModal
          template={editing === 'new' ? null : editing}
          ownUnit={ownUnit}
          onClose={() => setEditing(null)}
        />
      )}
    </Flex>
  );
}

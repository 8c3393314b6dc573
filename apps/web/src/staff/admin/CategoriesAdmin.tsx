import { useMemo, useState } from 'react';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Modal, Space, Switch, Tag, Tree } from 'antd';
import type { CategoryView } from '@jiesu/contracts';
import { api } from '../../api/client';
import { useCategories } from '../../api/hooks';
import { ErrorState, PageLoading } from '../../lib/states';
import { buildTree } from '../../lib/tree';
import { fmt, t } from '../../i18n';
import { AdminPage, useWrite } from './common';
import { tAdmin } from '../../i18n/admin';

type Editing =
  { mode: 'create'; parent: CategoryView | null } | { mode: 'rename'; item: CategoryView };

export default function CategoriesAdmin() {
  const cats = useCategories();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [form] = Form.useForm<{ code?: string; name: string }>();
  const keys = [['categories'], ['policies']];
  const create = useWrite(
    (b: { parentId: string | null; code: string; name: string }) =>
      api.post('/api/admin/categories', b),
    keys,
    () => setEditing(null),
  );
  const update = useWrite(
    (v: { id: string; body: { name?: string; active?: boolean } }) =>
      api.patch(`/api/admin/categories/${v.id}`, v.body),
    keys,
    () => setEditing(null),
  );
  const tree = useMemo(() => buildTree(cats.data ?? []), [cats.data]);
  // Each category's siblings (itself included) in the server's order: sort, then code.
  const siblingsById = useMemo(() => {
    const rows = cats.data ?? [];
    const ids = new Set(rows.map((c) => c.id));
    const parentOf = (c: CategoryView) => (c.parentId && ids.has(c.parentId) ? c.parentId : null);
    const byParent = new Map<string | null, CategoryView[]>();
    for (const c of rows) {
      const list = byParent.get(parentOf(c));
      if (list) list.push(c);
      else byParent.set(parentOf(c), [c]);
    }
    return new Map(rows.map((c) => [c.id, byParent.get(parentOf(c)) ?? []]));
  }, [cats.data]);
  const siblingsOf = (c: CategoryView) => siblingsById.get(c.id) ?? [];
  // Swap with the neighbour, then number the siblings 1..n; only changed rows are written.
  const move = useWrite(async ({ item, by }: { item: CategoryView; by: -1 | 1 }) => {
    const order = [...siblingsOf(item)];
    const i = order.findIndex((c) => c.id === item.id);
    const j = i + by;
    const other = order[j];
    if (i < 0 || !other) return;
    order[j] = item;
    order[i] = other;
    for (const [k, c] of order.entries()) {
      if (c.sort !== k + 1) await api.patch(`/api/admin/categories/${c.id}`, { sort: k + 1 });
    }
  }, keys);

  function submit() {
    void form.validateFields().then((v) => {
      if (!editing) return;
      if (editing.mode === 'create')
        create.mutate({
          parentId: editing.parent?.id ?? null,
          code: (v.code ?? '').trim(),
          name: v.name.trim(),
        });
      else update.mutate({ id: editing.item.id, body: { name: v.name.trim() } });
    });
  }

  return (
    <AdminPage
      title={tAdmin.categories}
      extra={
        <Button type="primary" onClick={() => setEditing({ mode: 'create', parent: null })}>
          {tAdmin.addCategory}
        </Button>
      }
    >
      <Card size="small">
        {cats.isPending ? (
          <PageLoading />
        ) : cats.isError ? (
          <ErrorState error={cats.error} onRetry={() => void cats.refetch()} />
        ) : (
          <Tree
            blockNode
            selectable={false}
            treeData={tree}
            titleRender={(n) => {
              const c = n.item;
              const sibs = siblingsOf(c);
              const at = sibs.findIndex((x) => x.id === c.id);
              return (
                <Space wrap size={4}>
                  <span>
                    {c.code} {c.name}
                  </span>
                  {!c.active && <Tag>{t.web.common.inactive}</Tag>}
                  <Button
                    size="small"
                    type="text"
                    icon={<ArrowUpOutlined />}
                    title={tAdmin.moveUp}
                    aria-label={fmt(tAdmin.moveUpOf, { name: c.name })}
                    disabled={at <= 0 || move.isPending}
                    onClick={() => move.mutate({ item: c, by: -1 })}
                  />
                  <Button
                    size="small"
                    type="text"
                    icon={<ArrowDownOutlined />}
                    title={tAdmin.moveDown}
                    aria-label={fmt(tAdmin.moveDownOf, { name: c.name })}
                    disabled={at < 0 || at >= sibs.length - 1 || move.isPending}
                    onClick={() => move.mutate({ item: c, by: 1 })}
                  />
                  <Button
                    size="small"
                    type="link"
                    onClick={() => setEditing({ mode: 'create', parent: c })}
                  >
                    {tAdmin.addChild}
                  </Button>
                  <Button
                    size="small"
                    type="link"
                    onClick={() => setEditing({ mode: 'rename', item: c })}
                  >
                    {tAdmin.rename}
                  </Button>
                  <Switch
                    size="small"
                    checked={c.active}
                    aria-label={`${c.name} ${t.web.common.active}`}
                    onChange={(active) => update.mutate({ id: c.id, body: { active } })}
                  />
                </Space>
              );
            }}
          />
        )}
      </Card>
      <Modal
        open={editing !== null}
        title={
          editing?.mode === 'rename'
            ? tAdmin.rename
            : editing?.parent
              ? `${tAdmin.addChild} · ${editing.parent.name}`
              : tAdmin.addCategory
        }
        okText={t.web.common.save}
        confirmLoading={create.isPending || update.isPending}
        onCancel={() => setEditing(null)}
        onOk={submit}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          name="category"
          preserve={false}
          initialValues={
            editing?.mode === 'rename'
              ? { name: editing.item.name }
              : { code: editing?.parent?.code ?? '' }
          }
        >
          {editing?.mode === 'create' && (
            <Form.Item
              name="code"
              label={tAdmin.categoryCode}
              rules={[
                {
                  required: true,
                  pattern: /^[0-9A-Za-z]{1,20}$/,
                  message: fmt(t.web.form.required, { field: tAdmin.categoryCode }),
                },
              ]}
            >
              <Input maxLength={20} />
            </Form.Item>
          )}
          <Form.Item
            name="name"
            label={tAdmin.categoryName}
            rules={[
              {
                required: true,
                max: 40,
                message: fmt(t.web.form.required, { field: tAdmin.categoryName }),
              },
            ]}
          >
            <Input maxLength={40} />
          </Form.Item>
        </Form>
      </Modal>
    </AdminPage>
  );
}

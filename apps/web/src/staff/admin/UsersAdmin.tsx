import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { ROLES, type Role } from '@jiesu/contracts';
import { api } from '../../api/client';
import { useUnits } from '../../api/hooks';
import type { UserView } from '../../api/types';
import { ErrorState } from '../../lib/states';
import { fmt, t } from '../../i18n';
import { AdminPage, useWrite } from './common';
import { tAdmin } from '../../i18n/admin';

interface UserForm {
  username?: string;
  displayName: string;
  password?: string;
  roles: { unitId: string; role: Role }[];
}

export default function UsersAdmin() {
  const users = useQuery({
    queryKey: ['admin-users'],
    queryFn: () => api.get<UserView[]>('/api/admin/users'),
  });
  const units = useUnits();
  const [editing, setEditing] = useState<UserView | 'new' | null>(null);
  const [form] = Form.useForm<UserForm>();
  const close = () => setEditing(null);
  const create = useWrite(
    (b: UserForm) => api.post('/api/admin/users', b),
    [['admin-users']],
    close,
  );
  const update = useWrite(
    (v: { id: string; body: Partial<UserForm> & { active?: boolean } }) =>
      api.patch(`/api/admin/users/${v.id}`, v.body),
    [['admin-users']],
    close,
  );
  const unitOptions = (units.data ?? []).map((u) => ({ value: u.id, label: u.name }));
  const req = (field: string) => ({ required: true, message: fmt(t.web.form.required, { field }) });

  function submit() {
    void form.validateFields().then((v) => {
      const roles = v.roles.map((r) => ({ unitId: r.unitId, role: r.role }));
      if (editing === 'new') create.mutate({ ...v, roles });
      else if (editing)
        update.mutate({ id: editing.id, body: { displayName: v.displayName, roles } });
    });
  }

  return (
    <AdminPage
      title={tAdmin.users}
      extra={
        <Button type="primary" onClick={() => setEditing('new')}>
          {tAdmin.addUser}
        </Button>
      }
    >
      {users.isError ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Table<UserView>
          rowKey="id"
          size="small"
          loading={users.isPending}
          dataSource={users.data ?? []}
          scroll={{ x: 800 }}
          columns={[
            { title: tAdmin.username, dataIndex: 'username' },
            { title: tAdmin.displayName, dataIndex: 'displayName' },
            {
              title: tAdmin.roles,
              dataIndex: 'roles',
              render: (roles: UserView['roles']) => (
                <Space wrap size={4}>
                  {roles.map((r) => (
                    <Tag key={`${r.unitId}-${r.role}`}>
                      {t.role[r.role]} · {r.unitName}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            {
              title: t.web.common.status,
              dataIndex: 'active',
              render: (active: boolean, r) => (
                <Switch
                  checked={active}
                  aria-label={`${r.username} ${t.web.common.active}`}
                  onChange={(v) => update.mutate({ id: r.id, body: { active: v } })}
                />
              ),
            },
            {
              title: t.web.common.actions,
              key: 'a',
              render: (_: unknown, r) => (
                <Button size="small" onClick={() => setEditing(r)}>
                  {t.web.common.edit}
                </Button>
              ),
            },
          ]}
        />
      )}
      <Modal
        open={editing !== null}
        title={editing === 'new' ? tAdmin.addUser : tAdmin.editUser}
        okText={t.web.common.save}
        confirmLoading={create.isPending || update.isPending}
        onCancel={close}
        onOk={submit}
        destroyOnHidden
        width={600}
      >
        <Form<UserForm>
          form={form}
          layout="vertical"
          name="user"
          preserve={false}
          initialValues={
            editing && editing !== 'new'
              ? { displayName: editing.displayName, roles: editing.roles }
              : { roles: [{}] }
          }
        >
          {editing === 'new' && (
            <>
              <Form.Item
                name="username"
                label={tAdmin.username}
                rules={[
                  req(tAdmin.username),
                  { pattern: /^[a-zA-Z0-9_.-]{3,40}$/, message: tAdmin.usernameRule },
                ]}
              >
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item
                name="password"
                label={tAdmin.password}
                rules={[
                  req(tAdmin.password),
                  {
                    min: 8,
                    message: fmt(t.web.form.minLength, { field: tAdmin.password, n: 8 }),
                  },
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </>
          )}
          <Form.Item
            name="displayName"
            label={tAdmin.displayName}
            rules={[req(tAdmin.displayName)]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.List name="roles">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'unitId']} rules={[req(tAdmin.unit)]}>
                      <Select
                        aria-label={tAdmin.unit}
                        placeholder={tAdmin.unit}
                        style={{ width: 260 }}
                        showSearch={{ optionFilterProp: 'label' }}
                        options={unitOptions}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'role']} rules={[req(tAdmin.role)]}>
                      <Select
                        aria-label={tAdmin.role}
                        placeholder={tAdmin.role}
                        style={{ width: 140 }}
                        options={ROLES.map((r) => ({ value: r, label: t.role[r] }))}
                      />
                    </Form.Item>
                    {fields.length > 1 && (
                      <MinusCircleOutlined
                        aria-label={t.web.common.delete}
                        onClick={() => remove(f.name)}
                      />
                    )}
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />}>
                  {tAdmin.addRole}
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </AdminPage>
  );
}

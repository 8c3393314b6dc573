import { useMemo, useState } from 'react';
import {
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Switch,
  Table,
  Tree,
  TreeSelect,
} from 'antd';
import {
  JURISDICTION_LEVELS,
  UNIT_KINDS,
  type CreateJurisdictionBody,
  type CreateUnitBody,
  type JurisdictionView,
  type UnitView,
} from '@jiesu/contracts';
import { api } from '../../api/client';
import { useJurisdictions, useUnits } from '../../api/hooks';
import { ErrorState, PageLoading } from '../../lib/states';
import { buildTree } from '../../lib/tree';
import { fmt, t } from '../../i18n';
import { AdminPage, useWrite } from './common';

type UnitEditing = { mode: 'create' } | { mode: 'edit'; unit: UnitView };

export default function OrgAdmin() {
  const places = useJurisdictions();
  const units = useUnits();
  const [selected, setSelected] = useState<JurisdictionView | null>(null);
  const [unitEditing, setUnitEditing] = useState<UnitEditing | null>(null);
  const [addingPlace, setAddingPlace] = useState(false);
  const [unitForm] = Form.useForm<CreateUnitBody & { active?: boolean }>();
  const [placeForm] = Form.useForm<CreateJurisdictionBody>();
  const tree = useMemo(() => buildTree(places.data ?? []), [places.data]);
  const placeName = new Map((places.data ?? []).map((p) => [p.id, p.name]));
  const shownUnits = (units.data ?? []).filter(
    (u) => !selected || u.jurisdictionId === selected.id,
  );
  const saveUnit = useWrite(
    (v: CreateUnitBody & { active?: boolean }) =>
      unitEditing?.mode === 'edit'
        ? api.patch(`/api/admin/units/${unitEditing.unit.id}`, {
            name: v.name,
            phone: v.phone || null,
            active: v.active,
          })
        : api.post('/api/admin/units', {
            kind: v.kind,
            name: v.name,
            jurisdictionId: v.jurisdictionId,
            phone: v.phone || undefined,
          }),
    [['units']],
    () => setUnitEditing(null),
  );
  const addPlace = useWrite(
    (b: CreateJurisdictionBody) => api.post('/api/admin/jurisdictions', b),
    [['jurisdictions']],
    () => setAddingPlace(false),
  );
  const req = (field: string) => ({ required: true, message: fmt(t.web.form.required, { field }) });
  const nextLevel = selected
    ? JURISDICTION_LEVELS[JURISDICTION_LEVELS.indexOf(selected.level) + 1]
    : undefined;

  return (
    <AdminPage title={t.web.admin.org}>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={8}>
          <Card
            size="small"
            title={t.web.admin.jurisdictions}
            extra={
              <Button
                size="small"
                disabled={!selected || !nextLevel}
                onClick={() => setAddingPlace(true)}
              >
                {t.web.admin.addJurisdiction}
              </Button>
            }
          >
            {places.isPending ? (
              <PageLoading />
            ) : places.isError ? (
              <ErrorState error={places.error} onRetry={() => void places.refetch()} />
            ) : (
              <Tree
                treeData={tree}
                defaultExpandedKeys={tree.map((n) => n.key)}
                selectedKeys={selected ? [selected.id] : []}
                onSelect={(_k, info) => setSelected(info.selected ? info.node.item : null)}
                titleRender={(n) => `${n.item.name}(${t.jurisdictionLevel[n.item.level]})`}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card
            size="small"
            title={selected ? `${t.web.admin.units} · ${selected.name}` : t.web.admin.units}
            extra={
              <Button
                type="primary"
                size="small"
                onClick={() => setUnitEditing({ mode: 'create' })}
              >
                {t.web.admin.addUnit}
              </Button>
            }
          >
            {units.isError ? (
              <ErrorState error={units.error} onRetry={() => void units.refetch()} />
            ) : (
              <Table<UnitView>
                rowKey="id"
                size="small"
                loading={units.isPending}
                dataSource={shownUnits}
                scroll={{ x: 640 }}
                columns={[
                  { title: t.web.common.name, dataIndex: 'name' },
                  {
                    title: t.web.admin.unitKind,
                    dataIndex: 'kind',
                    render: (k: UnitView['kind']) => t.unitKind[k],
                  },
                  {
                    title: t.web.admin.jurisdiction,
                    dataIndex: 'jurisdictionId',
                    render: (id: string) => placeName.get(id) ?? id,
                  },
                  {
                    title: t.web.admin.phone,
                    dataIndex: 'phone',
                    render: (p: string | null) => p ?? t.web.common.none,
                  },
                  {
                    title: t.web.common.status,
                    dataIndex: 'active',
                    render: (a: boolean) => (a ? t.web.common.active : t.web.common.inactive),
                  },
                  {
                    title: t.web.common.actions,
                    key: 'a',
                    render: (_: unknown, u) => (
                      <Button
                        size="small"
                        onClick={() => setUnitEditing({ mode: 'edit', unit: u })}
                      >
                        {t.web.common.edit}
                      </Button>
                    ),
                  },
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Modal
        open={unitEditing !== null}
        title={unitEditing?.mode === 'edit' ? t.web.admin.editUnit : t.web.admin.addUnit}
        okText={t.web.common.save}
        confirmLoading={saveUnit.isPending}
        onCancel={() => setUnitEditing(null)}
        onOk={() => void unitForm.validateFields().then((v) => saveUnit.mutate(v))}
        destroyOnHidden
      >
        <Form
          form={unitForm}
          layout="vertical"
          name="unit"
          preserve={false}
          initialValues={
            unitEditing?.mode === 'edit'
              ? { ...unitEditing.unit, phone: unitEditing.unit.phone ?? '' }
              : { kind: 'government', jurisdictionId: selected?.id }
          }
        >
          <Form.Item name="kind" label={t.web.admin.unitKind} rules={[req(t.web.admin.unitKind)]}>
            <Select
              disabled={unitEditing?.mode === 'edit'}
              options={UNIT_KINDS.map((k) => ({ value: k, label: t.unitKind[k] }))}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t.web.common.name}
            rules={[
              req(t.web.common.name),
              {
                min: 2,
                max: 60,
                message: fmt(t.web.form.minLength, { field: t.web.common.name, n: 2 }),
              },
            ]}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item
            name="jurisdictionId"
            label={t.web.admin.jurisdiction}
            rules={[req(t.web.admin.jurisdiction)]}
          >
            <TreeSelect
              disabled={unitEditing?.mode === 'edit'}
              showSearch
              treeNodeFilterProp="title"
              treeData={tree}
            />
          </Form.Item>
          <Form.Item name="phone" label={t.web.admin.phone}>
            <Input maxLength={30} />
          </Form.Item>
          {unitEditing?.mode === 'edit' && (
            <Form.Item name="active" label={t.web.common.active} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Modal
        open={addingPlace}
        title={
          selected
            ? `${t.web.admin.addJurisdiction} · ${selected.name}`
            : t.web.admin.addJurisdiction
        }
        okText={t.web.common.save}
        confirmLoading={addPlace.isPending}
        onCancel={() => setAddingPlace(false)}
        onOk={() =>
          void placeForm
            .validateFields()
            .then((v) => selected && addPlace.mutate({ ...v, parentId: selected.id }))
        }
        destroyOnHidden
      >
        <Form
          form={placeForm}
          layout="vertical"
          name="jurisdiction"
          preserve={false}
          initialValues={{ level: nextLevel, population: 0 }}
        >
          <Form.Item name="level" label={t.web.admin.level} rules={[req(t.web.admin.level)]}>
            <Select
              options={JURISDICTION_LEVELS.map((l) => ({
                value: l,
                label: t.jurisdictionLevel[l],
              }))}
            />
          </Form.Item>
          <Form.Item
            name="code"
            label={t.web.common.code}
            rules={[
              req(t.web.common.code),
              { pattern: /^[0-9A-Za-z-]{2,20}$/, message: t.web.admin.codeRule },
            ]}
          >
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="name" label={t.web.common.name} rules={[req(t.web.common.name)]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="population" label={t.web.admin.population}>
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </AdminPage>
  );
}

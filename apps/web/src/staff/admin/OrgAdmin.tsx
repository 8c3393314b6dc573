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
  Space,
  Switch,
  Table,
  Tree,
  TreeSelect,
  Typography,
} from 'antd';
import {
  JURISDICTION_LEVELS,
  UNIT_KINDS,
  type CreateJurisdictionBody,
  type CreateUnitBody,
  type JurisdictionView,
  type UnitView,
} from '@jiesu/contracts';
import { api, ApiError } from '../../api/client';
import { useJurisdictions, useUnits } from '../../api/hooks';
import { maxLengthRule } from '../../lib/formRules';
import { ErrorState, PageLoading } from '../../lib/states';
import { buildTree } from '../../lib/tree';
import { fmt, t } from '../../i18n';
import { AdminPage, useWrite } from './common';
import { tAdmin } from '../../i18n/admin';

type UnitEditing = { mode: 'create' } | { mode: 'edit'; unit: UnitView };

/** The edit form's values: the centre point as two plain numbers, both or neither. */
interface PlaceValues {
  name: string;
  code: string;
  population: number | null;
  lng: number | null;
  lat: number | null;
}

/** Server field paths → form fields, so a refusal shows beside the field it concerns. */
const PLACE_FIELD: Record<string, keyof PlaceValues> = {
  '/name': 'name',
  '/code': 'code',
  '/population': 'population',
  '/centre': 'lng',
  '/centre/lng': 'lng',
  '/centre/lat': 'lat',
};

const CODE_PATTERN = /^[0-9A-Za-z-]{2,20}$/;

const req = (field: string) => ({ required: true, message: fmt(t.web.form.required, { field }) });

/** A jurisdiction's code, as adding and editing one ask for it. */
const codeItem = (
  <Form.Item
    name="code"
    label={t.web.common.code}
    rules={[req(t.web.common.code), { pattern: CODE_PATTERN, message: tAdmin.codeRule }]}
  >
    <Input maxLength={20} />
  </Form.Item>
);

export default function OrgAdmin() {
  const places = useJurisdictions();
  const units = useUnits();
  // The id, not a copy: after an edit the refreshed row is shown.
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [unitEditing, setUnitEditing] = useState<UnitEditing | null>(null);
  const [addingPlace, setAddingPlace] = useState(false);
  const [editingPlace, setEditingPlace] = useState(false);
  const [unitForm] = Form.useForm<CreateUnitBody & { active?: boolean }>();
  const [placeForm] = Form.useForm<CreateJurisdictionBody>();
  const tree = useMemo(() => buildTree(places.data ?? []), [places.data]);
  const placeName = new Map((places.data ?? []).map((p) => [p.id, p.name]));
  const selected = (places.data ?? []).find((p) => p.id === selectedId) ?? null;
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
  const nextLevel = selected
    ? JURISDICTION_LEVELS[JURISDICTION_LEVELS.indexOf(selected.level) + 1]
    : undefined;

  return (
    <AdminPage title={tAdmin.org}>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={8}>
          <Card
            size="small"
            title={tAdmin.jurisdictions}
            extra={
              <Space size={4} wrap>
                <Button size="small" disabled={!selected} onClick={() => setEditingPlace(true)}>
                  {tAdmin.editJurisdiction}
                </Button>
                <Button
                  size="small"
                  disabled={!selected || !nextLevel}
                  onClick={() => setAddingPlace(true)}
                >
                  {tAdmin.addJurisdiction}
                </Button>
              </Space>
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
                onSelect={(_k, info) => setSelectedId(info.selected ? info.node.item.id : null)}
                titleRender={(n) => `${n.item.name}(${t.jurisdictionLevel[n.item.level]})`}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card
            size="small"
            title={selected ? `${tAdmin.units} · ${selected.name}` : tAdmin.units}
            extra={
              <Button
                type="primary"
                size="small"
                onClick={() => setUnitEditing({ mode: 'create' })}
              >
                {tAdmin.addUnit}
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
                    title: tAdmin.unitKind,
                    dataIndex: 'kind',
                    render: (k: UnitView['kind']) => t.unitKind[k],
                  },
                  {
                    title: tAdmin.jurisdiction,
                    dataIndex: 'jurisdictionId',
                    render: (id: string) => placeName.get(id) ?? id,
                  },
                  {
                    title: tAdmin.phone,
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
        title={unitEditing?.mode === 'edit' ? tAdmin.editUnit : tAdmin.addUnit}
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
          <Form.Item name="kind" label={tAdmin.unitKind} rules={[req(tAdmin.unitKind)]}>
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
            label={tAdmin.jurisdiction}
            rules={[req(tAdmin.jurisdiction)]}
          >
            <TreeSelect
              disabled={unitEditing?.mode === 'edit'}
              showSearch
              treeNodeFilterProp="title"
              treeData={tree}
            />
          </Form.Item>
          <Form.Item name="phone" label={tAdmin.phone}>
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
        title={selected ? `${tAdmin.addJurisdiction} · ${selected.name}` : tAdmin.addJurisdiction}
        okText={t.web.common.save}
        confirmLoading={addPlace.isPending}
        onCancel={() => setAddingPlace(false)}
        onOk={() => placeForm.submit()}
        destroyOnHidden
      >
        <Form
          form={placeForm}
          layout="vertical"
          name="jurisdiction"
          preserve={false}
          initialValues={{ level: nextLevel, population: 0 }}
          onFinish={(v) => selected && addPlace.mutate({ ...v, parentId: selected.id })}
        >
          {/* Enter in any field submits, as the OK button does. */}
          <button type="submit" hidden />
          <Form.Item name="level" label={tAdmin.level} rules={[req(tAdmin.level)]}>
            <Select
              options={JURISDICTION_LEVELS.map((l) => ({
                value: l,
                label: t.jurisdictionLevel[l],
              }))}
            />
          </Form.Item>
          {codeItem}
          <Form.Item name="name" label={t.web.common.name} rules={[req(t.web.common.name)]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="population" label={tAdmin.population}>
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
      <EditJurisdiction
        place={editingPlace ? selected : null}
        parentName={selected?.parentId ? (placeName.get(selected.parentId) ?? '') : ''}
        onClose={() => setEditingPlace(false)}
      />
    </AdminPage>
  );
}

/** Edits a jurisdiction's own fields; its level and parent stay as they are. */
function EditJurisdiction({
  place,
  parentName,
  onClose,
}: {
  place: JurisdictionView | null;
  parentName: string;
  onClose: () => void;
}) {
  const [form] = Form.useForm<PlaceValues>();
  const save = useWrite(
    ({ id, v }: { id: string; v: PlaceValues }) =>
      api.patch(`/api/admin/jurisdictions/${id}`, {
        name: v.name.trim(),
        code: v.code.trim(),
        population: v.population ?? 0,
        centre: v.lng !== null && v.lat !== null ? { lng: v.lng, lat: v.lat } : null,
      }),
    [['jurisdictions']],
    onClose,
  );
  const showFieldErrors = (e: unknown) => {
    if (!(e instanceof ApiError)) return;
    form.setFields(
      e.details.flatMap((d) => {
        const name = PLACE_FIELD[d.path];
        return name ? [{ name, errors: [d.message] }] : [];
      }),
    );
  };
  // Both halves of the centre point, or neither: the empty one is marked.
  const pairRule = (other: keyof PlaceValues) => ({
    validator: (_: unknown, value: number | null | undefined) =>
      (value ?? null) === null && (form.getFieldValue(other) ?? null) !== null
        ? Promise.reject(new Error(tAdmin.centrePair))
        : Promise.resolve(),
  });
  const nameField = t.web.common.name;

  return (
    <Modal
      open={place !== null}
      title={place ? `${tAdmin.editJurisdiction} · ${place.name}` : tAdmin.editJurisdiction}
      okText={t.web.common.save}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {place && (
        <Form
          form={form}
          layout="vertical"
          name="editJurisdiction"
          preserve={false}
          disabled={save.isPending}
          initialValues={{
            name: place.name,
            code: place.code,
            population: place.population,
            lng: place.centre?.lng ?? null,
            lat: place.centre?.lat ?? null,
          }}
          onFinish={(v) => save.mutate({ id: place.id, v }, { onError: showFieldErrors })}
        >
          {/* Enter in any field submits, as the OK button does. */}
          <button type="submit" hidden />
          <Typography.Paragraph type="secondary">
            {fmt(tAdmin.jurisdictionFacts, {
              level: t.jurisdictionLevel[place.level],
              parent: parentName || t.web.common.none,
            })}
          </Typography.Paragraph>
          <Form.Item
            name="name"
            label={nameField}
            rules={[
              req(nameField),
              { whitespace: true, message: fmt(t.web.form.required, { field: nameField }) },
              { min: 2, message: fmt(t.web.form.minLength, { field: nameField, n: 2 }) },
              maxLengthRule(nameField, 40),
            ]}
          >
            <Input maxLength={40} autoFocus />
          </Form.Item>
          {codeItem}
          <Form.Item name="population" label={tAdmin.population}>
            <InputNumber min={0} max={100_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Row gutter={8}>
            <Col span={12}>
              <Form.Item
                name="lng"
                label={tAdmin.centreLng}
                dependencies={['lat']}
                rules={[pairRule('lat')]}
              >
                <InputNumber min={-180} max={180} step={0.001} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="lat"
                label={tAdmin.centreLat}
                dependencies={['lng']}
                rules={[pairRule('lng')]}
              >
                <InputNumber min={-90} max={90} step={0.001} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text type="secondary">{tAdmin.centreHelp}</Typography.Text>
        </Form>
      )}
    </Modal>
  );
}

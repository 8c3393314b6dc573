// The ledger's two forms: a household (new, or its address, grid and note
// changed) and a resident (registered into a household, or edited). Editing a
// resident never shows the stored phone or ID number in clear: the fields start
// blank with the masked value as a hint, a blank field is left out of the body
// (the API keeps the stored value), and 删除原有… sends null to clear it. The
// form checks what it can as the server does (phone format, ID number shape);
// the server's 400 field errors (e.g. a wrong ID check digit, a duplicate) land
// on their field. Enter submits.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, DatePicker, Flex, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type {
  HouseholdBody,
  HouseholdView,
  ResidentBody,
  ResidentKindList,
  ResidentView,
} from '@jiesu/contracts';
import { ApiError, api, errorMessage } from '../../api/client';
import { fmt, t } from '../../i18n';
import { tResidents } from '../../i18n/residents';
import { useLedgerGrids } from './shared';

const r = tResidents;

/** Invisible, so Enter in a text field submits the form (implicit submission). */
const EnterSubmits = () => (
  <button
    type="submit"
    tabIndex={-1}
    aria-hidden
    style={{ position: 'absolute', width: 1, height: 1, opacity: 0, pointerEvents: 'none' }}
  />
);

/** Puts the server's field errors (details with a body path) on their fields; the rest above. */
function useServerErrors<K extends string>(fields: Record<string, K>) {
  const [error, setError] = useState<string | null>(null);
  function show(e: unknown, setFields: (f: { name: K; errors: string[] }[]) => void) {
    if (e instanceof ApiError) {
      const placed = e.details.filter((d) => fields[d.path]);
      if (placed.length) {
        setFields(placed.map((d) => ({ name: fields[d.path]!, errors: [d.message] })));
        setError(placed.length < e.details.length ? errorMessage(e) : null);
        return;
      }
    }
    setError(errorMessage(e));
  }
  return { error, setError, show };
}

/** Mirrors the server's phone parsing (shared/phone.ts): mobiles and fixed lines with area code. */
export function phoneLooksValid(raw: string): boolean {
  let s = raw.replace(/[\s\-()（）]/g, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  return /^1[3-9]\d{9}$/.test(s) || /^0\d{2,3}\d{7,8}$/.test(s);
}

const phoneRule = {
  validator: (_: unknown, v?: string) =>
    !v?.trim() || phoneLooksValid(v)
      ? Promise.resolve()
      : Promise.reject(new Error(r.phoneInvalid)),
};
// The check digit is the server's (its helper is not shared with the web): a wrong one
// comes back as a 400 on /idNumber and is shown on the field.
const idRule = {
  validator: (_: unknown, v?: string) =>
    !v?.trim() || /^[1-9]\d{16}[\dX]$/.test(v.replace(/\s+/g, '').toUpperCase())
      ? Promise.resolve()
      : Promise.reject(new Error(r.idInvalid)),
};

interface HouseholdValues {
  gridId: string;
  address: string;
  note?: string;
}

const HOUSEHOLD_FIELDS: Record<string, keyof HouseholdValues> = {
  '/gridId': 'gridId',
  '/address': 'address',
  '/note': 'note',
};

/** A new household, or `household`'s address, grid and note changed. */
export function HouseholdForm({
  household,
  onClose,
}: {
  household?: HouseholdView;
  onClose: () => void;
}) {
  const grids = useLedgerGrids();
  const [form] = Form.useForm<HouseholdValues>();
  const errors = useServerErrors(HOUSEHOLD_FIELDS);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (b: HouseholdBody) =>
      household
        ? api.put<HouseholdView>(`/api/households/${household.id}`, b)
        : api.post<HouseholdView>('/api/households', b),
    onSuccess: async (h) => {
      message.success(r.saved);
      qc.setQueryData(['household', h.id], h);
      await qc.invalidateQueries({ queryKey: ['households'] });
      await qc.invalidateQueries({ queryKey: ['residents'] });
      onClose();
    },
    onError: (e) => errors.show(e, (f) => form.setFields(f)),
  });
  const submit = (v: HouseholdValues) => {
    errors.setError(null);
    // The body is the whole household: an emptied note clears it.
    save.mutate({ gridId: v.gridId, address: v.address.trim(), note: v.note?.trim() || null });
  };
  return (
    <Modal
      open
      title={household ? `${r.editHousehold} · ${household.address}` : r.addHousehold}
      onCancel={onClose}
      okText={r.save}
      cancelText={t.web.common.cancel}
      okButtonProps={{ loading: save.isPending }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {errors.error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={errors.error}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        name={household ? 'household-edit' : 'household'}
        initialValues={
          household
            ? { gridId: household.grid.id, address: household.address, note: household.note ?? '' }
            : undefined
        }
        onFinish={submit}
      >
        <Form.Item
          name="gridId"
          label={r.grid}
          rules={[{ required: true, message: `请选择${r.grid}` }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={(grids.data?.items ?? []).map((g) => ({
              value: g.grid.id,
              label: `${g.village.name} · ${g.grid.name}`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="address"
          label={r.address}
          rules={[{ required: true, whitespace: true, message: `${r.address}不能为空` }]}
        >
          <Input maxLength={200} autoFocus />
        </Form.Item>
        <Form.Item name="note" label={r.note}>
          <Input maxLength={500} />
        </Form.Item>
        <EnterSubmits />
      </Form>
    </Modal>
  );
}

interface ResidentValues {
  name: string;
  gender?: 'male' | 'female' | null;
  birthDate?: Dayjs | null;
  relation?: string;
  phone?: string;
  clearPhone?: boolean;
  idNumber?: string;
  clearIdNumber?: boolean;
  kinds?: string[];
  careNeeds?: string;
  note?: string;
}

const RESIDENT_FIELDS: Record<string, keyof ResidentValues> = {
  '/name': 'name',
  '/gender': 'gender',
  '/birthDate': 'birthDate',
  '/relation': 'relation',
  '/phone': 'phone',
  '/idNumber': 'idNumber',
  '/kinds': 'kinds',
  '/careNeeds': 'careNeeds',
  '/note': 'note',
};

/**
 * A resident registered into `household`, or `resident` edited (its household
 * kept). On save, `onSaved` gets the server's (masked) view.
 */
export function ResidentForm({
  household,
  resident,
  kinds,
  onClose,
  onSaved,
}: {
  household: { id: string; address: string };
  resident?: ResidentView;
  kinds: ResidentKindList | undefined;
  onClose: () => void;
  onSaved?: (v: ResidentView) => void;
}) {
  const [form] = Form.useForm<ResidentValues>();
  const errors = useServerErrors(RESIDENT_FIELDS);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const clearPhone = Form.useWatch('clearPhone', form);
  const clearId = Form.useWatch('clearIdNumber', form);
  const save = useMutation({
    mutationFn: (b: ResidentBody) =>
      resident
        ? api.put<ResidentView>(`/api/residents/${resident.id}`, b)
        : api.post<ResidentView>('/api/residents', b),
    onSuccess: async (v) => {
      message.success(r.saved);
      onSaved?.(v);
      await qc.invalidateQueries({ queryKey: ['households'] });
      await qc.invalidateQueries({ queryKey: ['household', household.id] });
      await qc.invalidateQueries({ queryKey: ['residents'] });
      onClose();
    },
    onError: (e) => errors.show(e, (f) => form.setFields(f)),
  });

  function submit(v: ResidentValues) {
    errors.setError(null);
    const text = (x?: string) => x?.trim() || null;
    const b: ResidentBody = {
      householdId: household.id,
      name: v.name.trim(),
      gender: v.gender ?? null,
      birthDate: v.birthDate ? v.birthDate.format('YYYY-MM-DD') : null,
      relation: text(v.relation),
      kinds: v.kinds ?? [],
      careNeeds: text(v.careNeeds),
      note: text(v.note),
    };
    // Phone and ID number: a value replaces, blank keeps (left out), 删除原有 clears (null).
    if (v.clearPhone) b.phone = null;
    else if (v.phone?.trim()) b.phone = v.phone.trim();
    if (v.clearIdNumber) b.idNumber = null;
    else if (v.idNumber?.trim()) b.idNumber = v.idNumber.replace(/\s+/g, '').toUpperCase();
    save.mutate(b);
  }

  const initial: Partial<ResidentValues> | undefined = resident
    ? {
        name: resident.name,
        gender: resident.gender,
        birthDate: resident.birthDate ? dayjs(resident.birthDate) : null,
        relation: resident.relation ?? '',
        kinds: resident.kinds,
        careNeeds: resident.careNeeds ?? '',
        note: resident.note ?? '',
      }
    : undefined;
  // The masked stored values as hints; never the clear ones, even after 查看完整信息.
  const phoneHint = resident?.phone ? fmt(r.keepBlank, { value: resident.phone }) : undefined;
  const idHint = resident?.idNumber ? fmt(r.keepBlank, { value: resident.idNumber }) : undefined;

  return (
    <Modal
      open
      title={
        resident
          ? `${r.editResident} · ${resident.name}`
          : `${r.addResident} · ${household.address}`
      }
      onCancel={onClose}
      okText={r.save}
      cancelText={t.web.common.cancel}
      okButtonProps={{ loading: save.isPending }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {errors.error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={errors.error}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        name={resident ? 'resident-edit' : 'resident'}
        initialValues={initial}
        onFinish={submit}
      >
        <Form.Item label={r.household}>
          <Input value={household.address} disabled aria-label={r.household} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item
            name="name"
            label={r.name}
            style={{ flex: '1 1 140px' }}
            rules={[{ required: true, whitespace: true, message: `${r.name}不能为空` }]}
          >
            <Input maxLength={40} autoComplete="off" autoFocus />
          </Form.Item>
          <Form.Item name="relation" label={r.relation} style={{ flex: '1 1 140px' }}>
            <Input maxLength={20} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="gender" label={r.gender} style={{ flex: '1 1 140px' }}>
            <Select
              allowClear
              options={[
                { value: 'male', label: r.male },
                { value: 'female', label: r.female },
              ]}
            />
          </Form.Item>
          <Form.Item name="birthDate" label={r.birthDate} style={{ flex: '1 1 140px' }}>
            <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
          </Form.Item>
        </Flex>
        <Form.Item name="phone" label={r.phone} rules={[phoneRule]} extra={phoneHint}>
          <Input maxLength={20} inputMode="tel" autoComplete="off" disabled={Boolean(clearPhone)} />
        </Form.Item>
        {resident?.phone && (
          <Form.Item name="clearPhone" valuePropName="checked" style={{ marginTop: -12 }}>
            <Checkbox>{r.clearPhone}</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="idNumber" label={r.idNumber} rules={[idRule]} extra={idHint}>
          <Input maxLength={18} autoComplete="off" disabled={Boolean(clearId)} />
        </Form.Item>
        {resident?.idNumber && (
          <Form.Item name="clearIdNumber" valuePropName="checked" style={{ marginTop: -12 }}>
            <Checkbox>{r.clearIdNumber}</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="kinds" label={r.kinds}>
          <Select
            mode="multiple"
            options={(kinds?.items ?? [])
              .filter((k) => k.active || resident?.kinds.includes(k.code))
              .map((k) => ({ value: k.code, label: k.label }))}
          />
        </Form.Item>
        <Form.Item name="careNeeds" label={r.careNeeds}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="note" label={r.note}>
          <Input maxLength={500} />
        </Form.Item>
        <EnterSubmits />
      </Form>
    </Modal>
  );
}

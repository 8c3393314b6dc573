// The controls of the hearing and consultation actions' forms, which the generic
// schema form cannot build: instants, the invited experts and the signatures
// (lists of objects, each row its own fields through Form.List), the optional
// commitment (息诉罢访承诺书, a sub-form), and the pick of a scheduled hearing.
// Each is rendered inside the schema form's Form.Item of its field: the rows'
// own Form.Items write into the same form under that field's name.
import { useEffect, useState } from 'react';
import { Button, Checkbox, Flex, Form, Input, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { EXPERT_KINDS, type HearingView } from '@jiesu/contracts';
import type { Widgets } from '../../lib/schemaForm';
import { fieldLabel } from '../../lib/schemaForm';
import { formatDateTime } from '../../lib/time';
import { fmt, t } from '../../i18n';
import { AttachmentsInput } from '../tickets/AttachmentsInput';
import { useTicketHearings } from './queries';
import {
  DateTimeInput,
  SignaturesList,
  maxLengthText as maxLength,
  requiredText as required,
  type ControlProps,
} from '../../lib/formControls';
import { tHearings } from '../../i18n/hearings';

const h = tHearings;
/** Invited experts (人大代表、律师、心理咨询师、乡贤): name, kind, affiliation per row. */
function ExpertsEditor(_: ControlProps<unknown>) {
  return (
    <Form.List name="experts" initialValue={[{ kind: 'deputy' }]}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.map((f, i) => (
            <Flex key={f.key} gap={8} wrap align="start" data-testid="expert-row">
              <Form.Item
                name={[f.name, 'name']}
                rules={[required(h.expertName), maxLength(h.expertName, 50)]}
                style={{ flex: '1 1 120px', marginBottom: 0 }}
              >
                <Input
                  aria-label={`${h.expertName} ${i + 1}`}
                  placeholder={h.expertName}
                  maxLength={50}
                />
              </Form.Item>
              <Form.Item
                name={[f.name, 'kind']}
                rules={[
                  { required: true, message: fmt(t.web.form.required, { field: h.expertKind }) },
                ]}
                style={{ flex: '0 0 150px', marginBottom: 0 }}
              >
                <Select
                  aria-label={`${h.expertKind} ${i + 1}`}
                  options={EXPERT_KINDS.map((k) => ({ value: k, label: t.expertKind[k] }))}
                />
              </Form.Item>
              <Form.Item
                name={[f.name, 'affiliation']}
                rules={[maxLength(h.expertAffiliation, 100)]}
                style={{ flex: '1 1 120px', marginBottom: 0 }}
              >
                <Input
                  aria-label={`${h.expertAffiliation} ${i + 1}`}
                  placeholder={h.expertAffiliation}
                  maxLength={100}
                />
              </Form.Item>
              <Button
                icon={<DeleteOutlined />}
                aria-label={`${h.removeRow} ${i + 1}`}
                disabled={fields.length <= 1}
                onClick={() => remove(f.name)}
              />
            </Flex>
          ))}
          {fields.length < 30 && (
            <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'lawyer' })}>
              {h.addExpert}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}

/** Who signed the record and when; the experts of the hearing picked above can be added at once. */
function SignaturesEditor({ ticketId }: ControlProps<unknown> & { ticketId?: string }) {
  const form = Form.useFormInstance();
  const hearingId = Form.useWatch('hearingId', form) as string | undefined;
  const heldAt = Form.useWatch('heldAt', form) as string | undefined;
  const hearings = useTicketHearings(hearingId ? ticketId : undefined);
  const hearing = hearings.data?.hearings.find((x) => x.id === hearingId);
  return (
    <SignaturesList
      signedAt={() => heldAt}
      people={(hearing?.experts ?? []).map((e) => e.name)}
      peopleLabel={h.signExperts}
    />
  );
}

/** 息诉罢访承诺书, where one was reached: who signed, when, what, and its scan. */
function CommitmentEditor(_: ControlProps<unknown>) {
  const form = Form.useFormInstance();
  const [on, setOn] = useState(false);
  return (
    <Flex vertical gap={4}>
      <Checkbox
        checked={on}
        onChange={(e) => {
          setOn(e.target.checked);
          if (!e.target.checked) form.setFieldValue('commitment', undefined);
        }}
      >
        {h.hasCommitment}
      </Checkbox>
      {on && (
        <div data-testid="commitment-form">
          <Form.Item
            name={['commitment', 'signerName']}
            label={fieldLabel('signerName')}
            rules={[required(fieldLabel('signerName')), maxLength(fieldLabel('signerName'), 50)]}
          >
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            name={['commitment', 'signedAt']}
            label={fieldLabel('signedAt')}
            rules={[
              {
                required: true,
                message: fmt(t.web.form.required, { field: fieldLabel('signedAt') }),
              },
            ]}
          >
            <DateTimeInput />
          </Form.Item>
          <Form.Item
            name={['commitment', 'text']}
            label={h.commitmentText}
            rules={[
              required(h.commitmentText),
              { min: 2, message: fmt(t.web.form.minLength, { field: h.commitmentText, n: 2 }) },
              maxLength(h.commitmentText, 4000),
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} showCount />
          </Form.Item>
          <Form.Item name={['commitment', 'attachmentIds']} label={h.commitmentFiles}>
            <AttachmentsInput max={10} />
          </Form.Item>
        </div>
      )}
    </Flex>
  );
}

const hearingLabel = (x: HearingView) =>
  fmt(h.scheduledFor, { at: formatDateTime(x.scheduledAt), place: x.place });

/** The ticket's scheduled hearings; the only one is picked, and its time offered as the held time. */
function HearingSelect({
  ticketId,
  id,
  value,
  onChange,
}: ControlProps<string> & { ticketId: string }) {
  const form = Form.useFormInstance();
  const q = useTicketHearings(ticketId);
  const scheduled = (q.data?.hearings ?? []).filter((x) => x.state === 'scheduled');
  const only = scheduled.length === 1 ? scheduled[0] : undefined;
  const pick = (hid: string | undefined) => {
    onChange?.(hid);
    const picked = scheduled.find((x) => x.id === hid);
    if (picked && !form.getFieldValue('heldAt')) form.setFieldValue('heldAt', picked.scheduledAt);
  };
  useEffect(() => {
    if (!value && only) pick(only.id);
  }, [only?.id]); // once, when the list arrives
  return (
    <Select
      id={id}
      style={{ width: '100%' }}
      value={value}
      onChange={pick}
      loading={q.isPending}
      placeholder={h.pickHearing}
      notFoundContent={q.isPending ? undefined : h.noScheduled}
      options={scheduled.map((x) => ({ value: x.id, label: hearingLabel(x) }))}
    />
  );
}

/** The widgets of the hearing and consultation fields; the hearing pick needs one ticket. */
export function hearingWidgets(ticketIds: string[]): Widgets {
  const id = ticketIds.length === 1 ? ticketIds[0] : undefined;
  return {
    scheduledAt: () => <DateTimeInput />,
    heldAt: () => <DateTimeInput />,
    experts: () => <ExpertsEditor />,
    signatures: () => <SignaturesEditor ticketId={id} />,
    commitment: () => <CommitmentEditor />,
    ...(id ? { hearingId: () => <HearingSelect ticketId={id} /> } : {}),
  };
}

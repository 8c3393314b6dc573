// Controls that the actions' forms share where the generic schema form cannot
// build a field: an instant picked to the minute, and the list of signatures
// (name and time per row) that sessions and hearings record. Each is rendered
// inside the schema form's Form.Item of its field.
import { useEffect } from 'react';
import { Button, DatePicker, Flex, Form, Input } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { nowMs } from './time';
import { fmt, t } from '../i18n';

const f = t.web.form;

/** The props the schema form's Form.Item gives its control; list editors keep their value themselves. */
export interface ControlProps<V> {
  id?: string;
  value?: V;
  onChange?: (v: V | undefined) => void;
}

export const requiredText = (field: string) => ({
  required: true,
  whitespace: true,
  message: fmt(f.required, { field }),
});

export const maxLengthText = (field: string, n: number) => ({
  max: n,
  message: fmt(f.maxLength, { field, n }),
});

/** The current minute, as the API takes instants. */
export const thisMinute = () => dayjs(nowMs()).second(0).millisecond(0).toISOString();

/** An instant (ISO 8601), picked as a local date and time to the minute; `defaultNow` starts at now. */
export function DateTimeInput({
  id,
  value,
  onChange,
  label,
  defaultNow,
}: ControlProps<string> & { label?: string; defaultNow?: boolean }) {
  useEffect(() => {
    if (defaultNow && !value) onChange?.(thisMinute());
  }, []); // once: a new form starts at now
  return (
    <DatePicker
      id={id}
      aria-label={label}
      showTime={{ format: 'HH:mm' }}
      format="YYYY-MM-DD HH:mm"
      style={{ width: '100%' }}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.second(0).millisecond(0).toISOString() : undefined)}
      placeholder={f.pickTime}
    />
  );
}

/** Most rows a record takes (the action schemas' `signatures` maxItems). */
const MAX_SIGNATURES = 250;

/**
 * Who signed a record and when, a row each (field `signatures`). New rows start at
 * `signedAt()`; `people` (the elders present, the invited experts) can be added at once.
 */
export function SignaturesList({
  signedAt,
  people,
  peopleLabel,
}: {
  signedAt: () => string | undefined;
  people: readonly string[];
  peopleLabel: string;
}) {
  const form = Form.useFormInstance();
  return (
    <Form.List name="signatures" initialValue={[]}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.map((row, i) => (
            <Flex key={row.key} gap={8} wrap align="start" data-testid="signature-row">
              <Form.Item
                name={[row.name, 'name']}
                rules={[requiredText(f.signatureName), maxLengthText(f.signatureName, 50)]}
                style={{ flex: '1 1 140px', marginBottom: 0 }}
              >
                <Input
                  aria-label={`${f.signatureName} ${i + 1}`}
                  placeholder={f.signatureName}
                  maxLength={50}
                />
              </Form.Item>
              <Form.Item
                name={[row.name, 'signedAt']}
                rules={[{ required: true, message: fmt(f.required, { field: f.signatureAt }) }]}
                style={{ flex: '1 1 180px', marginBottom: 0 }}
              >
                <DateTimeInput label={`${f.signatureAt} ${i + 1}`} />
              </Form.Item>
              <Button
                icon={<DeleteOutlined />}
                aria-label={`${f.removeRow} ${i + 1}`}
                onClick={() => remove(row.name)}
              />
            </Flex>
          ))}
          <Flex gap={8} wrap>
            {fields.length < MAX_SIGNATURES && (
              <Button icon={<PlusOutlined />} onClick={() => add({ signedAt: signedAt() })}>
                {f.addSignature}
              </Button>
            )}
            {people.length > 0 && (
              <Button
                onClick={() => {
                  const rows = (form.getFieldValue('signatures') ?? []) as { name?: string }[];
                  const have = new Set(rows.map((r) => r?.name));
                  for (const name of people)
                    if (!have.has(name)) add({ name, signedAt: signedAt() });
                }}
              >
                {peopleLabel}
              </Button>
            )}
          </Flex>
        </Flex>
      )}
    </Form.List>
  );
}

// Form fields built from an action's input schema (ACTION_INPUTS in @jiesu/contracts):
// the same JSON Schema validates the request on the server and lays out the form here.
import type { ReactNode } from 'react';
import { Checkbox, Form, Input, InputNumber, Radio, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import { fmt, t } from '../i18n';

export interface JsonSchema {
  type?: string;
  enum?: string[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
}

/** Labels for enum values, by field name; the catalogue has one map per enum. */
const ENUM_LABELS: Record<string, Record<string, string>> = {
  urgency: t.urgency,
  colour: t.colour,
  channel: t.replyChannel,
  satisfaction: t.satisfaction,
  type: t.type,
  reason: t.objectionReason,
  verdict: t.verdict,
  route: t.specialRoute,
  basis: t.deliberationBasis,
  finding: t.deliberationFinding,
  contactChannel: t.contactChannel,
  contactOutcome: t.contactOutcome,
  decision: t.handlingDecision,
  suspensionKind: t.suspensionKind,
  terminationKind: t.terminationKind,
};

const FIELD_LABELS: Record<string, string> = t.web.field;

export function fieldLabel(name: string): string {
  return FIELD_LABELS[name] ?? name;
}

export type Widgets = Record<string, (props: { required: boolean }) => ReactNode>;

function rulesFor(name: string, s: JsonSchema, required: boolean): Rule[] {
  const label = fieldLabel(name);
  const rules: Rule[] = [];
  if (required) rules.push({ required: true, message: fmt(t.web.form.required, { field: label }) });
  if (s.type === 'string' && !s.enum && !s.format) {
    if (s.minLength && s.minLength > 0)
      rules.push({
        min: s.minLength,
        message: fmt(t.web.form.minLength, { field: label, n: s.minLength }),
      });
    if (s.maxLength)
      rules.push({
        max: s.maxLength,
        message: fmt(t.web.form.maxLength, { field: label, n: s.maxLength }),
      });
  }
  return rules;
}

function control(name: string, s: JsonSchema, required: boolean): ReactNode {
  if (s.enum) {
    const labels = ENUM_LABELS[name] ?? {};
    const options = s.enum.map((v) => ({ value: v, label: labels[v] ?? v }));
    return options.length <= 4 ? (
      <Radio.Group optionType="button" options={options} />
    ) : (
      <Select options={options} allowClear={!required} />
    );
  }
  if (s.type === 'boolean') {
    if (!required) return <Checkbox>{fieldLabel(name)}</Checkbox>;
    return (
      <Radio.Group
        optionType="button"
        options={[
          { value: true, label: t.web.common.yes },
          { value: false, label: t.web.common.no },
        ]}
      />
    );
  }
  if (s.type === 'integer' || s.type === 'number')
    return <InputNumber min={s.minimum} max={s.maximum} style={{ width: '100%' }} />;
  if (s.type === 'string') {
    if ((s.maxLength ?? 0) > 200)
      return (
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} showCount maxLength={s.maxLength} />
      );
    return <Input maxLength={s.maxLength} />;
  }
  return <Input />;
}

/** One Form.Item per property; `widgets` replaces the control for ids and other special fields. */
export function SchemaFields({
  schema,
  widgets = {},
  hidden = [],
}: {
  schema: JsonSchema;
  widgets?: Widgets;
  hidden?: string[];
}) {
  const required = new Set(schema.required ?? []);
  return (
    <>
      {Object.entries(schema.properties ?? {})
        .filter(([name]) => !hidden.includes(name))
        .map(([name, s]) => {
          const req = required.has(name);
          const widget = widgets[name];
          const optionalBool = s.type === 'boolean' && !req;
          return (
            <Form.Item
              key={name}
              name={name}
              label={optionalBool ? undefined : fieldLabel(name)}
              rules={rulesFor(name, s, req)}
              valuePropName={optionalBool ? 'checked' : 'value'}
            >
              {widget ? widget({ required: req }) : control(name, s, req)}
            </Form.Item>
          );
        })}
    </>
  );
}

/** Form values → the action input: empty optional strings and unset fields are left out. */
export function cleanInput(
  schema: JsonSchema,
  values: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const required = new Set(schema.required ?? []);
  for (const [name, s] of Object.entries(schema.properties ?? {})) {
    let v = values[name];
    if (typeof v === 'string') v = v.trim();
    if (v === undefined || v === null) continue;
    if (!required.has(name) && (v === '' || (Array.isArray(v) && v.length === 0))) continue;
    if (s.type === 'boolean' && !required.has(name) && v === false) continue;
    out[name] = v;
  }
  return out;
}

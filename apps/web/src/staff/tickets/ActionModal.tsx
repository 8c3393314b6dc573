import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Tag } from 'antd';
import { ACTION_INPUTS, transitionFor, type TicketAction } from '@jiesu/contracts';
import { api, errorMessage } from '../../api/client';
import type { BulkResult, UnitSuggestion } from '../../api/types';
import { SchemaFields, cleanInput, type JsonSchema } from '../../lib/schemaForm';
import { fmt, t } from '../../i18n';
import { UnitSelect } from './UnitSelect';
import { AttachmentsInput } from './AttachmentsInput';
import { REPLY_FIELDS, ReplyHints } from './ReplyHints';
import { coordinationWidgets } from '../coordination/widgets';
import { intakeWidgets } from '../intake/widgets';
import { projectWidgets } from '../projects/widgets';
import { hearingWidgets } from '../hearings/widgets';
import { deliberationWidgets } from '../deliberation/widgets';
import { oversightWidgets } from '../oversight/widgets';
import { volunteerWidgets } from '../volunteers/widgets';
import { handlingWidgets } from '../handling/widgets';
import { replyTemplateWidgets } from '../reply-templates/widgets';

/** The form of one workflow action, for one ticket or (bulk) many. */
export function ActionModal({
  action,
  ticketIds,
  version,
  suggestions,
  onClose,
  onDone,
  onBulkResult,
}: {
  action: TicketAction;
  ticketIds: string[];
  version?: number;
  suggestions?: UnitSuggestion[];
  onClose: () => void;
  onDone?: () => void;
  /** Called with the per-ticket outcome of a bulk action, before onDone. */
  onBulkResult?: (results: BulkResult['results']) => void;
}) {
  const [form] = Form.useForm<Record<string, unknown>>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const schema = ACTION_INPUTS[action] as unknown as JsonSchema;
  const def = transitionFor(action);
  const inputHasReason = Boolean(schema.properties?.reason);
  const bulk = ticketIds.length > 1;
  const replyFields = REPLY_FIELDS.filter((f) => schema.properties?.[f]);
  // Dispatch starts from the catalogue's answer: its lead and co-units, ready to submit.
  const catalogue =
    action === 'dispatch' ? suggestions?.find((x) => x.source === 'catalogue') : undefined;
  const initialValues = catalogue
    ? { leadUnitId: catalogue.unit.id, coUnitIds: catalogue.coUnits.map((u) => u.id) }
    : undefined;

  async function submit() {
    let values: Record<string, unknown>;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    const input = cleanInput(schema, values);
    const reasonValue = inputHasReason ? input.reason : values.__reason;
    const reason =
      typeof reasonValue === 'string' && reasonValue.trim() ? reasonValue.trim() : undefined;
    try {
      if (bulk) {
        const res = await api.post<BulkResult>(`/api/tickets/bulk/${action}`, {
          ids: ticketIds,
          input,
          reason,
        });
        const ok = res.results.filter((r) => r.ok).length;
        const failed = res.results.length - ok;
        if (failed) message.warning(fmt(t.web.action.bulkPartial, { ok, failed }));
        else message.success(fmt(t.web.action.bulkDone, { ok }));
        onBulkResult?.(res.results);
      } else {
        await api.post(`/api/tickets/${ticketIds[0]}/actions/${action}`, {
          input,
          reason,
          expectedVersion: version,
        });
        message.success(fmt(t.web.action.done, { action: t.action[action] }));
      }
      await qc.invalidateQueries({ queryKey: ['tickets'] });
      onDone?.();
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
      title={
        bulk
          ? fmt(t.web.action.bulkTitle, { action: t.action[action], n: ticketIds.length })
          : t.action[action]
      }
      okText={t.web.action.submit}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      width={560}
    >
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />
      )}
      {catalogue && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            <span>
              <Tag color="blue">{t.web.dispatch.byCatalogue}</Tag>
              {fmt(t.web.dispatch.catalogueBasis, {
                category: catalogue.rule?.category.name ?? '',
                area: catalogue.rule?.jurisdiction.name ?? '',
              })}
            </span>
          }
        />
      )}
      <Form
        form={form}
        layout="vertical"
        name={`action-${action}`}
        preserve={false}
        initialValues={initialValues}
      >
        <SchemaFields
          schema={schema}
          hidden={['knowledgeItemId']}
          widgets={{
            leadUnitId: () => <UnitSelect suggestions={suggestions} />,
            coUnitIds: () => <UnitSelect multiple />,
            newLeadUnitId: () => <UnitSelect />,
            attachmentIds: () => <AttachmentsInput />,
            ...coordinationWidgets(ticketIds),
            ...intakeWidgets(ticketIds),
            ...projectWidgets(ticketIds),
            ...hearingWidgets(ticketIds),
            ...deliberationWidgets(ticketIds, action),
            ...oversightWidgets(ticketIds, action),
            ...volunteerWidgets(action),
            ...handlingWidgets(action),
            ...replyTemplateWidgets(ticketIds, action),
          }}
        />
        {/* What the requester will read: hints while it is empty of substance. */}
        {replyFields.map((f) => (
          <ReplyHints key={f} form={form} field={f} />
        ))}
        {def.reasonRequired && !inputHasReason && (
          <Form.Item
            name="__reason"
            label={t.web.field.reason}
            rules={[
              { required: true, message: fmt(t.web.form.required, { field: t.web.field.reason }) },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import { ACTION_INPUTS, transitionFor, type TicketAction } from '@jiesu/contracts';
import { api, errorMessage } from '../../api/client';
import type { BulkResult, UnitSuggestion } from '../../api/types';
import { SchemaFields, cleanInput, type JsonSchema } from '../../lib/schemaForm';
import { fmt, t } from '../../i18n';
import { UnitSelect } from './UnitSelect';

/** The form of one workflow action, for one ticket or (bulk) many. */
export function ActionModal({
  action,
  ticketIds,
  version,
  suggestions,
  onClose,
  onDone,
}: {
  action: TicketAction;
  ticketIds: string[];
  version?: number;
  suggestions?: UnitSuggestion[];
  onClose: () => void;
  onDone?: () => void;
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
      <Form form={form} layout="vertical" name={`action-${action}`} preserve={false}>
        <SchemaFields
          schema={schema}
          hidden={['knowledgeItemId']}
          widgets={{
            leadUnitId: () => <UnitSelect suggestions={suggestions} />,
            coUnitIds: () => <UnitSelect multiple />,
          }}
        />
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

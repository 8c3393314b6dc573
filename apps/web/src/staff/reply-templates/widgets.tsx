// The reply forms' 从答复口径开始 select (give_feedback, send_reply): picking a template
// fills the reply text with its text rendered for this ticket, asking first when text
// was already typed; the template's id goes with the action. And the 转交 picker
// (hand_over): the holding unit's colleagues and the grid workers of its area.
import { App, Form, Select } from 'antd';
import type { TicketAction } from '@jiesu/contracts';
import type { Widgets } from '../../lib/schemaForm';
import { tReplyTemplates as r } from '../../i18n/reply-templates';
import { useHandoverCandidates, useTicketReplyTemplates } from './queries';

interface PickerProps {
  ticketId: string;
  id?: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
}

function TemplateSelect({ ticketId, id, value, onChange }: PickerProps) {
  const form = Form.useFormInstance();
  const { modal } = App.useApp();
  const q = useTicketReplyTemplates(ticketId);
  const items = q.data?.items ?? [];
  function pick(v: string | undefined) {
    const tpl = items.find((i) => i.id === v);
    if (!tpl) {
      onChange?.(undefined);
      return;
    }
    const typed = form.getFieldValue('replyText') as string | undefined;
    const fill = () => {
      onChange?.(tpl.id);
      form.setFieldValue('replyText', tpl.rendered);
      void form.validateFields(['replyText']).catch(() => undefined);
    };
    if (typed?.trim() && typed.trim() !== tpl.rendered) {
      modal.confirm({
        title: r.overwriteTitle,
        content: r.overwriteBody,
        okText: r.overwriteOk,
        onOk: fill,
      });
    } else fill();
  }
  return (
    <Select
      id={id}
      data-testid="reply-template-select"
      style={{ width: '100%' }}
      value={value}
      onChange={pick}
      loading={q.isPending}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={r.startFromPlaceholder}
      notFoundContent={q.isPending ? undefined : r.noTemplates}
      options={items.map((i) => ({
        value: i.id,
        label: i.unit ? i.title : `${i.title}(${r.districtWide})`,
      }))}
    />
  );
}

function HandoverSelect({ ticketId, id, value, onChange }: PickerProps) {
  const q = useHandoverCandidates(ticketId);
  const users = q.data?.users ?? [];
  return (
    <Select
      id={id}
      data-testid="handover-select"
      style={{ width: '100%' }}
      value={value}
      onChange={onChange}
      loading={q.isPending}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={r.pickColleague}
      notFoundContent={q.isPending ? undefined : r.noCandidates}
      options={(['colleague', 'grid_worker'] as const)
        .map((kind) => ({
          label: r.handoverKind[kind],
          options: users
            .filter((u) => u.kind === kind)
            .map((u) => ({
              value: u.id,
              label: kind === 'colleague' ? u.name : `${u.name}(${u.unit.name})`,
            })),
        }))
        .filter((g) => g.options.length)}
    />
  );
}

/** The widgets of the reply and handover fields, for one ticket (none in bulk). */
export function replyTemplateWidgets(ticketIds: string[], action: TicketAction): Widgets {
  const id = ticketIds.length === 1 ? ticketIds[0] : undefined;
  if (!id) return {};
  if (action === 'give_feedback' || action === 'send_reply')
    return { templateId: () => <TemplateSelect ticketId={id} /> };
  if (action === 'hand_over') return { toUserId: () => <HandoverSelect ticketId={id} /> };
  return {};
}

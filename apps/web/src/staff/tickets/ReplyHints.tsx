// Reply quality hints in an action's form: as the handler types a feedback or a
// reply, what it lacks (substance, an action, a result, a date) is shown beneath
// the form. Advice only: the text is still sent as written.
import { Alert, Form, type FormInstance } from 'antd';
import { checkReply } from '@jiesu/contracts';
import { tInsight } from '../../i18n/insight';
import { fmt } from '../../i18n';
import { fieldLabel } from '../../lib/schemaForm';

const h = tInsight.replyHints;

/** The fields of the action's input that the requester reads (result, reply, answer). */
export const REPLY_FIELDS = ['result', 'replyText', 'answer'] as const;

export function ReplyHints({
  form,
  field,
}: {
  form: FormInstance<Record<string, unknown>>;
  field: (typeof REPLY_FIELDS)[number];
}) {
  const value = Form.useWatch(field, form);
  const text = typeof value === 'string' ? value : '';
  if (text.trim().length === 0) return null;
  const { hints } = checkReply(text);
  if (!hints.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid={`reply-hints-${field}`}
      style={{ marginBottom: 12 }}
      title={fmt(h.title, { field: fieldLabel(field) })}
      description={
        <>
          <div>{h.intro}</div>
          <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
            {hints.map((x) => (
              <li key={x}>{h.hint[x]}</li>
            ))}
          </ul>
        </>
      }
    />
  );
}

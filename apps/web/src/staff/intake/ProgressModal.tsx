import { useEffect, useState } from 'react';
import { Form, Input, Modal, Typography } from 'antd';
import type { TicketSummary } from '@jiesu/contracts';
import { fmt, t } from '../../i18n';
import { StateTag } from '../tickets/parts';
import { tIntake } from '../../i18n/intake';

/**
 * 重复诉求: the new call is answered with the earlier ticket's progress and
 * closed at intake, instead of being dispatched again.
 */
export function ProgressModal({
  related,
  busy,
  onCancel,
  onSubmit,
}: {
  related: TicketSummary | null;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (answer: string) => void;
}) {
  const [answer, setAnswer] = useState('');
  useEffect(() => {
    if (related)
      setAnswer(fmt(tIntake.progressText, { code: related.code, state: t.state[related.state] }));
  }, [related]);
  const valid = answer.trim().length >= 2;
  return (
    <Modal
      open={related !== null}
      title={tIntake.progressTitle}
      okText={tIntake.progressSubmit}
      okButtonProps={{ disabled: !valid }}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => onSubmit(answer.trim())}
      destroyOnHidden
      width={560}
    >
      {related && (
        <Form layout="vertical">
          <Typography.Paragraph>
            {fmt(tIntake.progressOf, { code: related.code, title: related.title })}{' '}
            <StateTag state={related.state} />
          </Typography.Paragraph>
          <Form.Item label={tIntake.progressAnswer} required>
            <Input.TextArea
              value={answer}
              onChange={(e) => setAnswer(e.target.value)}
              autoSize={{ minRows: 3, maxRows: 8 }}
              maxLength={4000}
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

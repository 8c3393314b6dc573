import { Tag, Tooltip, Typography } from 'antd';
import {
  HANDLING_STATES,
  type ObjectionState,
  type ObjectionView,
  type TaskState,
  type TaskView,
} from '@jiesu/contracts';
import { formatDateTime, formatSpan, timeLeft, useNow } from '../../lib/time';
import { fmt, t } from '../../i18n';
import { tCollab } from '../../i18n/collab';

const TASK_COLOURS: Record<TaskState, string> = {
  open: 'blue',
  accepted: 'processing',
  reported: 'green',
  cancelled: 'default',
};

const OBJECTION_COLOURS: Record<ObjectionState, string> = {
  open: 'orange',
  upheld: 'green',
  rejected: 'red',
};

export function TaskStateTag({ state }: { state: TaskState }) {
  return <Tag color={TASK_COLOURS[state]}>{t.taskState[state]}</Tag>;
}

export function ObjectionStateTag({ state }: { state: ObjectionState }) {
  return <Tag color={OBJECTION_COLOURS[state]}>{t.objectionState[state]}</Tag>;
}

/**
 * What came of an objection: the new lead unit when upheld, and a dispatch found
 * at fault. A fragment, so that a surrounding `Space` spaces each item.
 */
export function objectionOutcome(o: ObjectionView) {
  return (
    <>
      {o.newUnit && (
        <span>
          {tCollab.newUnit} {o.newUnit.name}
        </span>
      )}
      {o.dispatchFault && <Tag color="volcano">{tCollab.dispatchFault}</Tag>}
    </>
  );
}

/** How long an objection has waited for its review (or waited, once reviewed). */
export function ObjectionWaiting({ o }: { o: ObjectionView }) {
  const open = o.state === 'open';
  return (
    <Typography.Text type={open ? 'warning' : 'secondary'}>
      {fmt(open ? tCollab.waiting : tCollab.waited, {
        span: formatSpan(o.waitingMinutes * 60_000),
      })}
    </Typography.Text>
  );
}

/** A task's running limit: the response one until it is accepted, then the completion one. */
export function TaskCountdown({ task }: { task: TaskView }) {
  const now = useNow();
  const unfinished = task.state === 'open' || task.state === 'accepted';
  const at = task.state === 'open' ? task.responseDueAt : task.completionDueAt;
  if (!unfinished || !HANDLING_STATES.includes(task.ticket.state) || !at)
    return <span>{t.web.common.none}</span>;
  const left = timeLeft(at, now);
  const label = task.state === 'open' ? t.web.time.responseDue : t.web.time.completionDue;
  return (
    <Tooltip title={`${label} ${formatDateTime(at)}`}>
      <span
        style={{
          color: left.overdue ? '#cf1322' : left.soon ? '#ad6800' : undefined,
          fontWeight: left.overdue ? 600 : undefined,
        }}
        data-overdue={left.overdue || undefined}
      >
        {left.text}
      </span>
    </Tooltip>
  );
}

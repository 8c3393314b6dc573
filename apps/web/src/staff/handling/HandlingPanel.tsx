// The ticket page's 联系记录与延期、挂起、终止 card: the response clock (the limit, the
// first reached contact), the completion clock (running, or paused since … until …),
// the contact log with the contact that counted as the response, and the requests
// (延期, 挂起, 终止办理) with their decisions; the reviewer decides a pending one here.
import { Button, Card, Flex, List, Space, Tag, Typography } from 'antd';
import type {
  ContactView,
  HandlingRequestView,
  SuspensionKind,
  TerminationKind,
  TicketAction,
  TicketHandlingView,
  TicketView,
} from '@jiesu/contracts';
import { formatDateTime } from '../../lib/time';
import { fmt, t } from '../../i18n';
import { tHandling as h } from '../../i18n/handling';
import { useTicketHandling } from './queries';

function ContactItem({ c }: { c: ContactView }) {
  return (
    <Flex vertical gap={2} style={{ width: '100%' }} data-testid="contact-item">
      <Flex justify="space-between" wrap gap={4}>
        <Space size={4} wrap>
          <Tag>{t.contactChannel[c.channel]}</Tag>
          <Tag color={c.outcome === 'reached' ? 'green' : 'default'}>
            {t.contactOutcome[c.outcome]}
          </Tag>
          {c.countsAsResponse && (
            <Tag color="blue" data-testid="contact-response">
              {h.countsAsResponse}
            </Tag>
          )}
          {c.late && <Tag color="orange">{h.late}</Tag>}
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(c.at)}
        </Typography.Text>
      </Flex>
      {c.note && <Typography.Text>{c.note}</Typography.Text>}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {c.unit?.name} {c.by?.name}
      </Typography.Text>
    </Flex>
  );
}

/** What was asked: the date for an extension, the bound and the pause for a suspension, the case for a termination. */
function RequestDetail({ r }: { r: HandlingRequestView }) {
  const small = { fontSize: 13 };
  if (r.kind === 'extension')
    return (
      <Typography.Text style={small}>
        {h.proposedDue} {formatDateTime(r.proposedDueAt)}
        {r.previousDueAt && ` (${h.previousDue} ${formatDateTime(r.previousDueAt)})`}
      </Typography.Text>
    );
  if (r.kind === 'suspension')
    return (
      <Typography.Text style={small}>
        {t.suspensionKind[r.reasonKind as SuspensionKind] ?? ''} · {h.until}{' '}
        {formatDateTime(r.until)}
        {r.pausedAt && ` · ${h.pausedFrom} ${formatDateTime(r.pausedAt)}`}
        {r.resumedAt && ` · ${h.resumedAt} ${formatDateTime(r.resumedAt)}`}
      </Typography.Text>
    );
  return (
    <Typography.Text style={small}>
      {h.terminationKind}: {t.terminationKind[r.reasonKind as TerminationKind] ?? ''}
    </Typography.Text>
  );
}

/** 办结计时: paused since … until … (the bound), or running; ended pauses in total. */
function ClockState({ data }: { data: TicketHandlingView }) {
  return (
    <Space size={4} wrap data-testid="handling-clock">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {h.clock}
      </Typography.Text>
      {data.pause ? (
        <>
          <Tag color="orange" data-testid="clock-paused">
            {h.paused}
          </Tag>
          <Typography.Text style={{ fontSize: 12 }}>
            {fmt(h.pausedSpan, {
              since: formatDateTime(data.pause.since),
              until: formatDateTime(data.pause.until),
            })}{' '}
            · {t.suspensionKind[data.pause.kind]}
          </Typography.Text>
        </>
      ) : (
        <Tag color="green">{h.running}</Tag>
      )}
      {data.pausedMs > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {fmt(h.pausedTotal, { h: (data.pausedMs / 3_600_000).toFixed(1) })}
        </Typography.Text>
      )}
    </Space>
  );
}

function RequestItem({
  r,
  canReview,
  onReview,
}: {
  r: HandlingRequestView;
  canReview: boolean;
  onReview: () => void;
}) {
  return (
    <Flex vertical gap={2} style={{ width: '100%' }} data-testid="handling-request">
      <Flex justify="space-between" wrap gap={4}>
        <Space size={4}>
          <Tag>{t.handlingRequestKind[r.kind]}</Tag>
          <Tag color={h.statusColour[r.status]} data-testid="handling-request-status">
            {t.handlingRequestStatus[r.status]}
          </Tag>
        </Space>
        {r.status === 'pending' && canReview && (
          <Button size="small" type="primary" onClick={onReview} data-testid={`review-${r.kind}`}>
            {h.review}
          </Button>
        )}
      </Flex>
      <Typography.Text>
        {h.reason}: {r.reason}
      </Typography.Text>
      <RequestDetail r={r} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {h.requestedBy}: {r.unit?.name} {r.requestedBy?.name} · {formatDateTime(r.requestedAt)}
      </Typography.Text>
      {r.reviewedAt && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {h.reviewedBy}: {r.reviewedBy?.name} · {formatDateTime(r.reviewedAt)}
          {r.reviewNote && ` · ${r.reviewNote}`}
        </Typography.Text>
      )}
    </Flex>
  );
}

export function HandlingPanel({
  ticket,
  onAct,
}: {
  ticket: TicketView;
  onAct: (a: TicketAction) => void;
}) {
  const q = useTicketHandling(ticket.id);
  const data = q.data;
  // Nothing to show before dispatch, when nobody has contacted anyone or asked for time.
  if (!data || (!ticket.responseDueAt && !data.contacts.length && !data.requests.length))
    return null;
  const canReview = (r: HandlingRequestView) =>
    ticket.allowedActions.includes(h.reviewAction[r.kind] as TicketAction);
  return (
    <Card size="small" title={h.panel} data-testid="handling-panel">
      <Flex vertical gap={8}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {h.responseDue} {formatDateTime(data.responseDueAt)} · {h.firstContact}{' '}
          {data.firstContactAt ? formatDateTime(data.firstContactAt) : h.notYet}
        </Typography.Text>
        <ClockState data={data} />
        <Typography.Text strong>{h.contacts}</Typography.Text>
        {data.contacts.length === 0 ? (
          <Typography.Text type="secondary">{h.noContacts}</Typography.Text>
        ) : (
          <>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {fmt(h.attempts, { reached: data.reachedCount, failed: data.failedCount })}
            </Typography.Text>
            <List
              size="small"
              dataSource={data.contacts}
              renderItem={(c) => (
                <List.Item key={c.seq}>
                  <ContactItem c={c} />
                </List.Item>
              )}
            />
          </>
        )}
        <Flex justify="space-between">
          <Typography.Text strong>{h.requests}</Typography.Text>
          {data.extensions > 0 && (
            <Typography.Text type="secondary">
              {fmt(h.extensions, { n: data.extensions })}
            </Typography.Text>
          )}
        </Flex>
        {data.requests.length === 0 ? (
          <Typography.Text type="secondary">{h.noRequests}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={data.requests}
            renderItem={(r) => (
              <List.Item key={r.id}>
                <RequestItem
                  r={r}
                  canReview={canReview(r)}
                  onReview={() => onAct(h.reviewAction[r.kind] as TicketAction)}
                />
              </List.Item>
            )}
          />
        )}
      </Flex>
    </Card>
  );
}

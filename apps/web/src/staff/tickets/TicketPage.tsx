import { useState } from 'react';
import { useParams } from 'react-router';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Image,
  List,
  Row,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { EyeOutlined, PaperClipOutlined } from '@ant-design/icons';
import type {
  TicketAction,
  TicketEventView,
  TicketSummary,
  TicketView,
  UnitView,
} from '@jiesu/contracts';
import { api, errorMessage } from '../../api/client';
import { useRelated, useSuggestions, useTicket, useTicketEvents, useUnits } from '../../api/hooks';
import { ErrorState, EmptyState, PageLoading } from '../../lib/states';
import { fieldLabel } from '../../lib/schemaForm';
import { formatDateTime } from '../../lib/time';
import { fmt, t } from '../../i18n';
import { ActionModal } from './ActionModal';
import { UrgePanel } from '../oversight/UrgePanel';
import { ObjectionsPanel } from '../collaboration/ObjectionsPanel';
import { TasksPanel } from '../collaboration/TasksPanel';
import { WhistlePanel } from '../coordination/WhistlePanel';
import { DelegationPanel } from '../coordination/DelegationPanel';
import { MergePanel } from '../intake/MergePanel';
import { RepeatPanel } from '../hotspots/repeats';
import { ProjectsPanel } from '../projects/ProjectsPanel';
import { HearingsPanel } from '../hearings/HearingsPanel';
import { DeliberationPanel } from '../deliberation/DeliberationPanel';
import { VolunteerHelpPanel } from '../volunteers/HelpPanel';
import { HandlingPanel } from '../handling/HandlingPanel';
import { tHandling } from '../../i18n/handling';
import { tReplyTemplates } from '../../i18n/reply-templates';
import { ColourTag, Countdown, StateTag, TicketHead, UrgencyTag } from './parts';

const ENUM_LABELS: Record<string, Record<string, string>> = {
  urgency: t.urgency,
  colour: t.colour,
  channel: t.replyChannel,
  satisfaction: t.satisfaction,
  reason: t.objectionReason,
  verdict: t.verdict,
  route: t.specialRoute,
  relatedTicketState: t.state,
  masterTicketState: t.state,
  needs: t.escalationNeed,
  basis: t.deliberationBasis,
  finding: t.deliberationFinding,
  kind: { ...t.participantKind, ...t.elderKind, ...t.expertKind },
  contactChannel: t.contactChannel,
  contactOutcome: t.contactOutcome,
  decision: t.handlingDecision,
  suspensionKind: t.suspensionKind,
  terminationKind: t.terminationKind,
  countedIn: tHandling.countedIn,
  toKind: tReplyTemplates.handoverKind,
};

/** Ids of the action's own records (a session, a case, a notice…): the panels show them. */
const RECORD_IDS = new Set([
  'escalationId',
  'deliberationId',
  'sessionId',
  'panelId',
  'panelMemberIds',
  'noticeId',
  'hearingId',
  'urgeId',
  // [Volunteers]: the team's name is shown; the request and photos are in the panel.
  'teamId',
  'helpRequestId',
  'photoIds',
  'requestId',
  // [Handling] the pause's length: its start and end (pausedAt, resumedAt) are shown.
  'pausedMs',
]);

function payloadValue(key: string, v: unknown, units: Map<string, UnitView>): string {
  if (typeof v === 'boolean') return v ? t.web.common.yes : t.web.common.no;
  if (typeof v === 'string') {
    if (/(At|^deadline|^finishBy|^until)$/.test(key) && /^\d{4}-\d{2}-\d{2}T/.test(v))
      return formatDateTime(v);
    if (key.endsWith('UnitId') || /^(unit|section)Id$/.test(key)) return units.get(v)?.name ?? v;
    return ENUM_LABELS[key]?.[v] ?? v;
  }
  if (v && typeof v === 'object' && 'id' in v && 'name' in v) return String(v.name);
  if (key === 'attachmentIds' && Array.isArray(v))
    return fmt(t.web.ticket.attachments, { n: v.length });
  // A time limit of the policy applied (deadlines.response / .completion): "2 工作小时".
  if (v && typeof v === 'object' && 'amount' in v && 'unit' in v && isLimitUnit(v.unit))
    return `${String(v.amount)} ${t.limitUnit[v.unit]}`;
  if (v && typeof v === 'object' && !Array.isArray(v))
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${fieldLabel(k)} ${payloadValue(k, x, units)}`)
      .join(';');
  if (Array.isArray(v))
    return v.map((x) => payloadValue(key.replace(/Ids$/, 'Id'), x, units)).join('、');
  return JSON.stringify(v);
}

const isLimitUnit = (u: unknown): u is keyof typeof t.limitUnit =>
  typeof u === 'string' && u in t.limitUnit;

/** An id recorded beside its ticket's code or its item's title says nothing more. */
function shadowedId(key: string, payload: Record<string, unknown>): boolean {
  if (RECORD_IDS.has(key)) return true;
  if (key === 'projectId') return 'projectTitle' in payload;
  if (key === 'unitName') return 'unitId' in payload;
  if (key.endsWith('TicketId')) return `${key.slice(0, -2)}Code` in payload;
  // [Handling] the handover's person and the reply's template are shown by name.
  if (key === 'toUserId') return 'toUserName' in payload;
  if (key === 'templateId') return 'templateTitle' in payload;
  return key === 'knowledgeItemId' && 'knowledgeItemTitle' in payload;
}

function EventItem({ e, units }: { e: TicketEventView; units: Map<string, UnitView> }) {
  const label = (t.action as Record<string, string>)[e.action] ?? e.action;
  const who =
    e.actorKind === 'requester'
      ? t.web.ticket.requester
      : e.actorKind === 'system'
        ? t.web.ticket.system
        : e.actor?.name;
  // Nothing to say is not shown: an empty value, or an empty list (no missing parts).
  const entries = Object.entries(e.payload).filter(
    ([k, v]) =>
      v !== null &&
      v !== undefined &&
      v !== '' &&
      !(Array.isArray(v) && v.length === 0) &&
      !shadowedId(k, e.payload),
  );
  return (
    <div>
      <Space wrap size={4}>
        <Typography.Text strong>{label}</Typography.Text>
        {e.fromState !== e.toState && <StateTag state={e.toState} />}
        {e.visibility === 'internal' && <Tag>{t.web.ticket.internal}</Tag>}
      </Space>
      <div style={{ color: '#595959', fontSize: 13 }}>
        {formatDateTime(e.at)} · {[who, e.actorUnit?.name].filter(Boolean).join(' · ')}
      </div>
      {e.reason && e.payload.reason !== e.reason && (
        <div>
          {t.web.field.reason}: {e.reason}
        </div>
      )}
      {entries.map(([k, v]) => (
        <div key={k} style={{ whiteSpace: 'pre-wrap' }}>
          {fieldLabel(k)}: {payloadValue(k, v, units)}
        </div>
      ))}
    </div>
  );
}

function Requester({ ticket }: { ticket: TicketView }) {
  const [revealed, setRevealed] = useState<{ name: string | null; phone: string | null } | null>(
    null,
  );
  const { message } = App.useApp();
  const r = ticket.requester;
  const shown = revealed ?? r;
  async function reveal() {
    try {
      setRevealed(
        await api.post(`/api/tickets/${ticket.id}/requester/reveal`, {
          purpose: t.web.ticket.revealPurpose,
        }),
      );
    } catch (e) {
      message.error(errorMessage(e));
    }
  }
  return (
    <Space wrap>
      <span>{r.anonymous ? t.web.ticket.anonymous : (shown.name ?? t.web.common.none)}</span>
      <span>{shown.phone ?? t.web.common.none}</span>
      {r.confidential && <Tag color="red">{t.web.ticket.confidential}</Tag>}
      {r.masked && !revealed && (
        <Button size="small" icon={<EyeOutlined />} onClick={() => void reveal()}>
          {t.web.ticket.reveal}
        </Button>
      )}
    </Space>
  );
}

function RelatedList({ title, items }: { title: string; items: TicketSummary[] }) {
  return (
    <Card size="small" title={title}>
      {items.length === 0 ? (
        <EmptyState text={t.web.ticket.noRelated} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(r) => (
            <List.Item>
              <Flex vertical style={{ width: '100%' }}>
                <TicketHead ticket={r} />
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export default function TicketPage() {
  const { id } = useParams();
  const ticket = useTicket(id);
  const events = useTicketEvents(id);
  const related = useRelated(id);
  const units = useUnits();
  const canDispatch = ticket.data?.allowedActions.includes('dispatch') ?? false;
  const suggestions = useSuggestions(canDispatch ? id : undefined);
  const [action, setAction] = useState<TicketAction | null>(null);

  if (ticket.isPending) return <PageLoading />;
  if (ticket.isError)
    return <ErrorState error={ticket.error} onRetry={() => void ticket.refetch()} />;
  const tk = ticket.data;
  const unitMap = new Map((units.data ?? []).map((u) => [u.id, u]));
  const images = tk.attachments.filter((a) => a.mime.startsWith('image/'));
  const files = tk.attachments.filter((a) => !a.mime.startsWith('image/'));

  return (
    <Flex vertical gap={12}>
      <Card>
        <Flex justify="space-between" wrap gap={12} align="flex-start">
          <div>
            <Typography.Text type="secondary">{tk.code}</Typography.Text>
            <Typography.Title level={2} style={{ margin: '4px 0', fontSize: 20 }}>
              {tk.title}
            </Typography.Title>
            <Space wrap>
              <StateTag state={tk.state} />
              {tk.outcome && <Tag>{t.outcome[tk.outcome]}</Tag>}
              <ColourTag colour={tk.colour} />
              <UrgencyTag urgency={tk.urgency} />
              <span>
                {t.web.ticket.timeLeft}: <Countdown ticket={tk} />
              </span>
            </Space>
          </div>
          <Space wrap role="toolbar" aria-label={t.web.ticket.actions}>
            {tk.allowedActions.length === 0 && (
              <Typography.Text type="secondary">{t.web.ticket.noActions}</Typography.Text>
            )}
            {tk.allowedActions.map((a, i) => (
              <Button key={a} type={i === 0 ? 'primary' : 'default'} onClick={() => setAction(a)}>
                {t.action[a]}
              </Button>
            ))}
          </Space>
        </Flex>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={16}>
          <Flex vertical gap={12}>
            <Card title={t.web.ticket.details} size="small">
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2 }}
                items={[
                  { key: 'type', label: t.web.ticket.type, children: t.type[tk.type] },
                  { key: 'channel', label: t.web.ticket.channel, children: t.channel[tk.channel] },
                  { key: 'category', label: t.web.ticket.category, children: tk.category.name },
                  { key: 'place', label: t.web.ticket.place, children: tk.jurisdiction.name },
                  { key: 'address', label: t.web.ticket.address, children: tk.address, span: 2 },
                  {
                    key: 'requester',
                    label: t.web.ticket.requester,
                    children: <Requester ticket={tk} />,
                    span: 2,
                  },
                  {
                    key: 'lead',
                    label: t.web.ticket.leadUnit,
                    children: tk.leadUnit?.name ?? t.web.common.none,
                  },
                  {
                    key: 'holder',
                    label: t.web.ticket.holderUnit,
                    children: tk.holderUnit?.name ?? t.web.common.none,
                  },
                  {
                    key: 'assignee',
                    label: tReplyTemplates.assignee,
                    children: (
                      <span data-testid="ticket-assignee">
                        {tk.assignee?.name ?? tReplyTemplates.noAssignee}
                      </span>
                    ),
                  },
                  {
                    key: 'co',
                    label: t.web.ticket.coUnits,
                    children: tk.coUnits.map((u) => u.name).join('、') || t.web.common.none,
                  },
                  {
                    key: 'subject',
                    label: t.web.ticket.subjectUnit,
                    children: tk.subjectUnit?.name ?? t.web.common.none,
                  },
                  {
                    key: 'received',
                    label: t.web.ticket.receivedAt,
                    children: formatDateTime(tk.receivedAt),
                  },
                  {
                    key: 'dispatched',
                    label: t.web.ticket.dispatchedAt,
                    children: formatDateTime(tk.dispatchedAt),
                  },
                  {
                    key: 'responseDue',
                    label: t.web.ticket.responseDueAt,
                    children: (
                      <span data-testid="response-due">{formatDateTime(tk.responseDueAt)}</span>
                    ),
                  },
                  {
                    key: 'completionDue',
                    label: t.web.ticket.completionDueAt,
                    children: (
                      <span data-testid="completion-due">{formatDateTime(tk.completionDueAt)}</span>
                    ),
                  },
                  {
                    key: 'accepted',
                    label: t.web.ticket.acceptedAt,
                    children: formatDateTime(tk.acceptedAt),
                  },
                  {
                    key: 'feedback',
                    label: t.web.ticket.feedbackAt,
                    children: formatDateTime(tk.feedbackAt),
                  },
                  {
                    key: 'replied',
                    label: t.web.ticket.repliedAt,
                    children: formatDateTime(tk.repliedAt),
                  },
                  {
                    key: 'closed',
                    label: t.web.ticket.closedAt,
                    children: formatDateTime(tk.closedAt),
                  },
                  {
                    key: 'solved',
                    label: t.web.ticket.solved,
                    children:
                      tk.solved === null
                        ? t.web.common.none
                        : tk.solved
                          ? t.web.common.yes
                          : t.web.common.no,
                  },
                  {
                    key: 'satisfaction',
                    label: t.web.ticket.satisfaction,
                    children: tk.satisfaction ? t.satisfaction[tk.satisfaction] : t.web.common.none,
                  },
                  { key: 'reopen', label: t.web.ticket.reopenCount, children: tk.reopenCount },
                  { key: 'version', label: t.web.ticket.version, children: tk.version },
                ]}
              />
              <Typography.Title level={3} style={{ fontSize: 15, marginTop: 12 }}>
                {t.web.ticket.description}
              </Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                {tk.description}
              </Typography.Paragraph>
            </Card>
            <Card title={fmt(t.web.ticket.attachments, { n: tk.attachments.length })} size="small">
              {tk.attachments.length === 0 && <EmptyState text={t.web.ticket.noAttachments} />}
              <Image.PreviewGroup>
                <Space wrap>
                  {images.map((a) => (
                    <Image
                      key={a.id}
                      src={a.url}
                      width={96}
                      height={96}
                      style={{ objectFit: 'cover' }}
                      alt={a.filename}
                    />
                  ))}
                </Space>
              </Image.PreviewGroup>
              {files.map((a) => (
                <div key={a.id}>
                  <a href={a.url} target="_blank" rel="noreferrer">
                    <PaperClipOutlined /> {a.filename}
                  </a>
                </div>
              ))}
            </Card>
            <Card title={t.web.ticket.timeline} size="small">
              {events.isPending ? (
                <PageLoading />
              ) : events.isError ? (
                <ErrorState error={events.error} onRetry={() => void events.refetch()} />
              ) : events.data.length === 0 ? (
                <EmptyState />
              ) : (
                <Timeline
                  items={events.data.map((e) => ({
                    key: e.seq,
                    content: <EventItem e={e} units={unitMap} />,
                  }))}
                />
              )}
            </Card>
          </Flex>
        </Col>
        <Col xs={24} lg={8}>
          <Flex vertical gap={12}>
            <HandlingPanel ticket={tk} onAct={setAction} />
            <ObjectionsPanel ticketId={tk.id} />
            <TasksPanel ticketId={tk.id} />
            <WhistlePanel ticketId={tk.id} />
            <DelegationPanel ticketId={tk.id} />
            <DeliberationPanel ticketId={tk.id} />
            <MergePanel ticketId={tk.id} />
            <RepeatPanel ticketId={tk.id} />
            <ProjectsPanel ticketId={tk.id} />
            <HearingsPanel ticketId={tk.id} />
            <UrgePanel ticketId={tk.id} />
            <VolunteerHelpPanel ticketId={tk.id} />
            {related.isPending ? (
              <PageLoading />
            ) : related.isError ? (
              <Card size="small" title={t.web.ticket.related}>
                <ErrorState error={related.error} onRetry={() => void related.refetch()} />
              </Card>
            ) : (
              <>
                <RelatedList
                  title={t.web.ticket.sameRequester}
                  items={related.data.sameRequester}
                />
                <RelatedList title={t.web.ticket.samePlace} items={related.data.samePlace} />
              </>
            )}
          </Flex>
        </Col>
      </Row>
      {action && (
        <ActionModal
          action={action}
          ticketIds={[tk.id]}
          version={tk.version}
          suggestions={action === 'dispatch' ? (suggestions.data ?? []) : undefined}
          onClose={() => setAction(null)}
        />
      )}
    </Flex>
  );
}

// 上交与群评 on the ticket page: the ticket's escalations (from → to, why, what was
// tried and is needed, the review), and its deliberation cases on the ledger with
// their sessions (who sat, the finding, the settlement, the minutes, signatures,
// files sealed once archived) and the notices posted in the village.
import type { ReactNode } from 'react';
import { Collapse, Divider, Flex, Space, Tag, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import type { EscalationView, NoticeView, SessionView, TicketDeliberation } from '@jiesu/contracts';
import { TicketPanel } from '../tickets/TicketPanel';
import { formatDate, formatDateTime } from '../../lib/time';
import { fmt, t } from '../../i18n';
import {
  ArchivedTag,
  DeliberationStateTag,
  EscalationStateTag,
  FindingTag,
  needsText,
} from './parts';
import { useTicketDeliberation } from './queries';
import { tDeliberation } from '../../i18n/deliberation';

const c = tDeliberation;
type Case = TicketDeliberation['deliberations'][number];

/** A labelled line: "label: value", the value kept with its line breaks. */
function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ whiteSpace: 'pre-wrap' }}>
      <Typography.Text type="secondary">{label}:</Typography.Text>
      {children}
    </div>
  );
}

function Meta({ children }: { children: ReactNode }) {
  return (
    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
      {children}
    </Typography.Text>
  );
}

function Escalation({ e }: { e: EscalationView }) {
  return (
    <Flex vertical gap={2} data-testid="escalation-item">
      <Space wrap size={4}>
        <EscalationStateTag state={e.state} />
        <Typography.Text strong>
          {fmt(c.fromTo, { from: e.fromUnit.name, to: e.toUnit.name })}
        </Typography.Text>
      </Space>
      <Meta>
        {fmt(c.raisedBy, { at: formatDateTime(e.raisedAt), name: e.raisedBy?.name ?? '' })}
      </Meta>
      <Line label={c.reason}>{e.reason}</Line>
      <Line label={c.tried}>{e.tried}</Line>
      <Line label={c.needs}>{needsText(e.needs, e.needsNote)}</Line>
      {e.reviewedAt && (
        <>
          <Line label={c.reviewNote}>{e.reviewNote}</Line>
          <Meta>
            {fmt(c.reviewedBy, {
              at: formatDateTime(e.reviewedAt),
              name: e.reviewedBy?.name ?? '',
            })}
          </Meta>
        </>
      )}
    </Flex>
  );
}

function Session({ s }: { s: SessionView }) {
  return (
    <Flex
      vertical
      gap={2}
      data-testid="session-item"
      style={{ borderInlineStart: '3px solid #f0f0f0', paddingInlineStart: 8 }}
    >
      <Space wrap size={4}>
        <Typography.Text strong>
          {fmt(c.session, { at: formatDateTime(s.heldAt), place: s.place })}
        </Typography.Text>
        {s.archivedAt ? <ArchivedTag /> : <Tag>{c.notArchived}</Tag>}
      </Space>
      <Line label={c.convenor}>{s.convenor}</Line>
      <Line label={c.panelMembers}>
        {s.panelMembers.map((m) => `${m.name}(${t.elderKind[m.kind]})`).join('、') || c.none}
      </Line>
      <Line label={c.participants}>
        {s.participants.map((p) => `${p.name}(${t.participantKind[p.kind]})`).join('、') || c.none}
      </Line>
      <Line label={c.matter}>{s.matter}</Line>
      <div>
        <Typography.Text type="secondary">{c.finding}:</Typography.Text>
        <FindingTag finding={s.finding} />
      </div>
      <Line label={c.settlement}>{s.settlement}</Line>
      <Collapse
        size="small"
        ghost
        items={[
          {
            key: 'minutes',
            label: c.minutes,
            children: (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                {s.minutes}
              </Typography.Paragraph>
            ),
          },
        ]}
      />
      <Line label={c.signatures}>
        {s.signatures.map((x) => `${x.name} ${formatDateTime(x.signedAt)}`).join('、') || c.none}
      </Line>
      {s.attachments.length > 0 && (
        <div>
          <Space size={4}>
            <Typography.Text type="secondary">{c.attachments}:</Typography.Text>
            {s.archivedAt && <ArchivedTag />}
          </Space>
          {s.attachments.map((a) => (
            <div key={a.id}>
              <a href={a.url} target="_blank" rel="noreferrer">
                <PaperClipOutlined /> {a.filename}
              </a>
            </div>
          ))}
        </div>
      )}
      {s.archivedAt && (
        <Meta>
          {fmt(c.archivedBy, { at: formatDateTime(s.archivedAt), name: s.archivedBy?.name ?? '' })}
        </Meta>
      )}
    </Flex>
  );
}

function Notice({ n }: { n: NoticeView }) {
  return (
    <Flex vertical gap={2} data-testid="notice-item">
      <Space wrap size={4}>
        {n.active ? <Tag color="green">{c.noticeActive}</Tag> : <Tag>{c.noticeEnded}</Tag>}
        <FindingTag finding={n.finding} />
      </Space>
      <Typography.Text strong>{n.title}</Typography.Text>
      <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{n.text}</Typography.Text>
      <Meta>{fmt(c.noticePeriod, { from: formatDate(n.startsAt), to: formatDate(n.endsAt) })}</Meta>
    </Flex>
  );
}

function DeliberationCase({ d }: { d: Case }) {
  return (
    <Flex vertical gap={4} data-testid="deliberation-item">
      <Space wrap size={4}>
        <DeliberationStateTag state={d.state} />
        {d.ledgerDays !== null && <Tag>{fmt(c.ledgerDays, { n: d.ledgerDays })}</Tag>}
      </Space>
      <Line label={c.village}>{d.village.name}</Line>
      <Line label={c.signer}>{d.signer.name}</Line>
      <Line label={c.basis}>{t.deliberationBasis[d.basis]}</Line>
      <Line label={t.web.field.reason}>{d.reason}</Line>
      <Meta>
        {fmt(c.proposedBy, { at: formatDateTime(d.proposedAt), unit: d.proposedUnit.name })}
      </Meta>
      {d.signedAt && (
        <>
          <Line label={c.signNote}>{d.signNote}</Line>
          <Meta>
            {fmt(c.signedAt, { at: formatDateTime(d.signedAt) })}
            {d.signedBy && ` · ${d.signedBy.name}`}
          </Meta>
        </>
      )}
      {d.sessions.length > 0 && (
        <>
          <Typography.Text strong>{c.sessions}</Typography.Text>
          {d.sessions.map((s) => (
            <Session key={s.id} s={s} />
          ))}
        </>
      )}
      {d.notices.length > 0 && (
        <>
          <Typography.Text strong>{c.notices}</Typography.Text>
          {d.notices.map((n) => (
            <Notice key={n.id} n={n} />
          ))}
        </>
      )}
      {d.endNote && <Line label={c.endNote}>{d.endNote}</Line>}
    </Flex>
  );
}

export function DeliberationPanel({ ticketId }: { ticketId: string }) {
  const q = useTicketDeliberation(ticketId);
  return (
    <TicketPanel
      title={c.panel}
      testId="deliberation-panel"
      query={q}
      isEmpty={(d) => d.escalations.length === 0 && d.deliberations.length === 0}
    >
      {({ escalations, deliberations }) => (
        <Flex vertical gap={8}>
          {escalations.length > 0 && (
            <>
              <Typography.Text strong>{c.escalations}</Typography.Text>
              {escalations.map((e, i) => (
                <div key={e.id}>
                  {i > 0 && <Divider style={{ margin: '4px 0 8px' }} />}
                  <Escalation e={e} />
                </div>
              ))}
            </>
          )}
          {escalations.length > 0 && deliberations.length > 0 && (
            <Divider style={{ margin: '4px 0' }} />
          )}
          {deliberations.length > 0 && (
            <>
              <Typography.Text strong>{c.cases}</Typography.Text>
              {deliberations.map((d, i) => (
                <div key={d.id}>
                  {i > 0 && <Divider style={{ margin: '4px 0 8px' }} />}
                  <DeliberationCase d={d} />
                </div>
              ))}
            </>
          )}
        </Flex>
      )}
    </TicketPanel>
  );
}

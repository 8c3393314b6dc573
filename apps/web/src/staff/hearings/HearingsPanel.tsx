// 听证与会商 on the ticket page: the hearings scheduled and held, with their
// invited experts, record and the signed commitment to stop petitioning
// (息诉罢访承诺书) where one was reached; then the backlog consultations.
import { Descriptions, Flex, Tag, Typography } from 'antd';
import { PaperClipOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { AttachmentView, ConsultationView, HearingView } from '@jiesu/contracts';
import { TicketPanel } from '../tickets/TicketPanel';
import { formatDateTime } from '../../lib/time';
import { fmt, t } from '../../i18n';
import { useTicketHearings } from './queries';
import { tHearings } from '../../i18n/hearings';

const h = tHearings;

const STATE_COLOURS: Record<HearingView['state'], string> = {
  scheduled: 'blue',
  held: 'green',
  cancelled: 'default',
};

function Files({ files }: { files: AttachmentView[] }) {
  return (
    <Flex vertical>
      {files.map((a) => (
        <a key={a.id} href={a.url} target="_blank" rel="noreferrer">
          <PaperClipOutlined /> {a.filename}
        </a>
      ))}
    </Flex>
  );
}

function Hearing({ x }: { x: HearingView }) {
  const items = [
    { key: 'matter', label: h.matter, children: x.matter },
    {
      key: 'experts',
      label: h.experts,
      children: (
        <Flex vertical gap={2}>
          {x.experts.map((e, i) => (
            <span key={i} data-testid="hearing-expert">
              {e.name} <Tag>{t.expertKind[e.kind]}</Tag>
              {e.affiliation && <Typography.Text type="secondary">{e.affiliation}</Typography.Text>}
            </span>
          ))}
        </Flex>
      ),
    },
  ];
  if (x.heldAt)
    items.push(
      { key: 'heldAt', label: h.heldAt, children: <>{formatDateTime(x.heldAt)}</> },
      { key: 'outcome', label: h.outcome, children: <>{x.outcome}</> },
      {
        key: 'minutes',
        label: h.minutes,
        children: (
          <Typography.Paragraph
            style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
            ellipsis={{ rows: 3, expandable: 'collapsible' }}
          >
            {x.minutes}
          </Typography.Paragraph>
        ),
      },
      {
        key: 'signatures',
        label: h.signatures,
        children: (
          <span title={x.signatures.map((s) => s.name).join('、')}>
            {x.signatures.length
              ? `${x.signatures.map((s) => s.name).join('、')}(${fmt(h.signatureCount, { n: x.signatures.length })})`
              : t.web.common.none}
          </span>
        ),
      },
    );
  if (x.attachments.length)
    items.push({ key: 'files', label: h.attachments, children: <Files files={x.attachments} /> });
  return (
    <Flex vertical gap={4} data-testid="hearing" data-state={x.state}>
      <Flex justify="space-between" gap={8} wrap>
        <Typography.Text strong>
          {h.hearing} · {fmt(h.scheduledFor, { at: formatDateTime(x.scheduledAt), place: x.place })}
        </Typography.Text>
        <Tag color={STATE_COLOURS[x.state]}>{t.hearingState[x.state]}</Tag>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {fmt(h.scheduledBy, { name: x.scheduledBy?.name ?? '', unit: x.unit.name })}
        {x.recordedBy && ` · ${fmt(h.recordedBy, { name: x.recordedBy.name })}`}
      </Typography.Text>
      {x.commitment && (
        <Flex vertical gap={2} data-testid="hearing-commitment">
          <span>
            <Tag color="green" icon={<SafetyCertificateOutlined />}>
              {h.commitment}
            </Tag>
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {fmt(h.commitmentBy, {
              name: x.commitment.signerName,
              at: formatDateTime(x.commitment.signedAt),
            })}
          </Typography.Text>
          <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{x.commitment.text}</Typography.Text>
          {x.commitment.attachments.length > 0 && <Files files={x.commitment.attachments} />}
        </Flex>
      )}
      <Descriptions size="small" column={1} items={items} />
    </Flex>
  );
}

function Consultation({ c }: { c: ConsultationView }) {
  return (
    <Flex vertical gap={2} data-testid="consultation">
      <Typography.Text strong>
        {formatDateTime(c.heldAt)} · {c.unit.name}
      </Typography.Text>
      <span>
        {h.participants}: {c.participants}
      </span>
      <span style={{ whiteSpace: 'pre-wrap' }}>
        {h.notes}: {c.notes}
      </span>
      {c.nextSteps && (
        <span style={{ whiteSpace: 'pre-wrap' }}>
          {h.nextSteps}: {c.nextSteps}
        </span>
      )}
      {c.recordedBy && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {fmt(h.recordedBy, { name: c.recordedBy.name })}
        </Typography.Text>
      )}
    </Flex>
  );
}

export function HearingsPanel({ ticketId }: { ticketId: string }) {
  const q = useTicketHearings(ticketId);
  return (
    <TicketPanel
      title={h.panel}
      testId="hearings-panel"
      query={q}
      isEmpty={(d) => d.hearings.length === 0 && d.consultations.length === 0}
    >
      {({ hearings, consultations }) => (
        <Flex vertical gap={12}>
          {hearings.map((x) => (
            <Hearing key={x.id} x={x} />
          ))}
          {consultations.length > 0 && (
            <Flex vertical gap={8}>
              <Typography.Text strong>
                {h.consultations}({fmt(h.consultationCount, { n: consultations.length })})
              </Typography.Text>
              {consultations.map((c) => (
                <Consultation key={c.id} c={c} />
              ))}
            </Flex>
          )}
        </Flex>
      )}
    </TicketPanel>
  );
}

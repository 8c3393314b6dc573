// The controls of the escalation and deliberation actions' forms that the generic
// schema form cannot build: what an escalation needs (several of a list), the
// village to deliberate (one of the lead's township), the elders present (the
// village's current panel, all ticked at first), the other participants and the
// signatures (rows through Form.List), the session to archive or post, and
// instants. Each is rendered inside the schema form's Form.Item of its field.
// Field names shared with other actions' forms (heldAt, participants,
// signatures, text, days) are only taken over for this module's actions.
import { useEffect } from 'react';
import { Button, Checkbox, Flex, Form, Input, InputNumber, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  ESCALATION_NEEDS,
  PARTICIPANT_KINDS,
  type ElderPanelList,
  type TicketAction,
} from '@jiesu/contracts';
import { useTicket } from '../../api/hooks';
import {
  DateTimeInput,
  SignaturesList,
  requiredText as required,
  thisMinute,
  type ControlProps,
} from '../../lib/formControls';
import { fieldLabel, type Widgets } from '../../lib/schemaForm';
import { formatDateTime } from '../../lib/time';
import { fmt, t } from '../../i18n';
import { useElderPanels, useTicketDeliberation } from './queries';
import { tDeliberation } from '../../i18n/deliberation';

const c = tDeliberation;

/** 上交: what the upper level is needed for, several of a fixed list. */
function NeedsInput({ id, value, onChange }: ControlProps<string[]>) {
  return (
    <div id={id} role="group" aria-label={fieldLabel('needs')}>
      <Checkbox.Group
        value={value}
        onChange={(v) => onChange?.(v)}
        options={ESCALATION_NEEDS.map((n) => ({ value: n, label: t.escalationNeed[n] }))}
      />
    </div>
  );
}

/** The township a ticket's lead belongs to: the lead itself, or a village's township. */
function townshipOf(panels: ElderPanelList | undefined, leadId: string | undefined) {
  const asVillage = panels?.items.find((x) => x.unit.id === leadId);
  return asVillage ? asVillage.township?.id : leadId;
}

/** 下交群评: a village committee of the lead's township, with its panel's size. */
function VillageSelect({
  ticketId,
  id,
  value,
  onChange,
}: ControlProps<string> & { ticketId: string }) {
  const ticket = useTicket(ticketId);
  const panels = useElderPanels();
  const township = townshipOf(panels.data, ticket.data?.leadUnit?.id);
  const options = (panels.data?.items ?? [])
    .filter((x) => township && x.township?.id === township)
    .map((x) => ({
      value: x.unit.id,
      label: `${x.unit.name}(${
        x.panel ? fmt(c.panelSize, { n: x.panel.members.length }) : c.noPanel
      })`,
    }));
  const loading = panels.isPending || ticket.isPending;
  return (
    <Select
      id={id}
      style={{ width: '100%' }}
      value={value}
      onChange={onChange}
      loading={loading}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={c.pickVillage}
      notFoundContent={loading ? undefined : c.noVillages}
    />
  );
}

/** The elders present: the village's current panel, every member ticked at first. */
function PanelMembersInput({
  ticketId,
  id,
  value,
  onChange,
}: ControlProps<string[]> & { ticketId: string }) {
  const q = useTicketDeliberation(ticketId);
  const panel = q.data?.panel;
  useEffect(() => {
    if (panel && value === undefined) onChange?.(panel.members.map((m) => m.id));
  }, [panel?.id]); // once the panel arrives
  if (q.isPending) return null;
  if (!panel) return <div role="alert">{c.panelMissing}</div>;
  return (
    <div id={id} role="group" aria-label={c.pickMembers}>
      <Checkbox.Group
        value={value}
        onChange={(v) => onChange?.(v)}
        options={panel.members.map((m) => ({
          value: m.id,
          label: `${m.name}(${t.elderKind[m.kind]})`,
        }))}
      />
    </div>
  );
}

/** Others at the session (party members, villagers' representatives, the requester…). */
function ParticipantsEditor(_: ControlProps<unknown>) {
  return (
    <Form.List name="participants" initialValue={[]}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.map((f, i) => (
            <Flex key={f.key} gap={8} wrap align="start" data-testid="participant-row">
              <Form.Item
                name={[f.name, 'name']}
                rules={[required(c.participantName)]}
                style={{ flex: '1 1 140px', marginBottom: 0 }}
              >
                <Input
                  aria-label={`${c.participantName} ${i + 1}`}
                  placeholder={c.participantName}
                  maxLength={50}
                />
              </Form.Item>
              <Form.Item
                name={[f.name, 'kind']}
                rules={[
                  {
                    required: true,
                    message: fmt(t.web.form.required, { field: c.participantKind }),
                  },
                ]}
                style={{ flex: '0 0 160px', marginBottom: 0 }}
              >
                <Select
                  aria-label={`${c.participantKind} ${i + 1}`}
                  options={PARTICIPANT_KINDS.map((k) => ({
                    value: k,
                    label: t.participantKind[k],
                  }))}
                />
              </Form.Item>
              <Button
                icon={<DeleteOutlined />}
                aria-label={`${c.removeRow} ${i + 1}`}
                onClick={() => remove(f.name)}
              />
            </Flex>
          ))}
          {fields.length < 200 && (
            <Button
              icon={<PlusOutlined />}
              onClick={() => add({ kind: 'villager_representative' })}
              style={{ alignSelf: 'flex-start' }}
            >
              {c.addParticipant}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}

/** Who signed the session's record and when (now, by default); the elders present at once. */
function SignaturesEditor({ ticketId }: ControlProps<unknown> & { ticketId?: string }) {
  const form = Form.useFormInstance();
  const q = useTicketDeliberation(ticketId);
  const present = Form.useWatch('panelMemberIds', form) as string[] | undefined;
  const members = (q.data?.panel?.members ?? []).filter((m) => present?.includes(m.id));
  return (
    <SignaturesList
      signedAt={thisMinute}
      people={members.map((m) => m.name)}
      peopleLabel={c.signMembers}
    />
  );
}

/** A session of the open case: to archive, those not archived; to post, archived ones. */
function SessionSelect({
  ticketId,
  archived,
  id,
  value,
  onChange,
}: ControlProps<string> & { ticketId: string; archived: boolean }) {
  const q = useTicketDeliberation(ticketId);
  const open = q.data?.deliberations.find((d) => d.state === 'on_ledger');
  const sessions = (open?.sessions ?? []).filter((s) => Boolean(s.archivedAt) === archived);
  const only = sessions.length === 1 ? sessions[0] : undefined;
  useEffect(() => {
    if (!value && only) onChange?.(only.id);
  }, [only?.id]); // the only one is picked when the list arrives
  return (
    <Select
      id={id}
      style={{ width: '100%' }}
      value={value}
      onChange={onChange}
      loading={q.isPending}
      placeholder={c.pickSession}
      notFoundContent={q.isPending ? undefined : c.noSessions}
      options={sessions.map((s) => ({
        value: s.id,
        label: fmt(c.sessionOption, {
          at: formatDateTime(s.heldAt),
          place: s.place,
          finding: t.deliberationFinding[s.finding],
        }),
      }))}
    />
  );
}

/** The notice's text, with the reminder that it names nobody. */
function NoticeTextInput({ id, value, onChange }: ControlProps<string>) {
  return (
    <Flex vertical gap={4}>
      <Input.TextArea
        id={id}
        value={value}
        onChange={(e) => onChange?.(e.target.value)}
        autoSize={{ minRows: 3, maxRows: 10 }}
        showCount
        maxLength={4000}
      />
      <span style={{ color: '#8c8c8c', fontSize: 12 }}>{c.noticeHint}</span>
    </Flex>
  );
}

function DaysInput({ id, value, onChange }: ControlProps<number>) {
  return (
    <InputNumber
      id={id}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      min={1}
      max={60}
      precision={0}
      placeholder={c.defaultDays}
      style={{ width: '100%' }}
    />
  );
}

/** The widgets of the escalation and deliberation fields, for one ticket (needs also in bulk). */
export function deliberationWidgets(ticketIds: string[], action?: TicketAction): Widgets {
  const id = ticketIds.length === 1 ? ticketIds[0] : undefined;
  const widgets: Widgets = { needs: () => <NeedsInput /> };
  if (!id) return widgets;
  if (action === 'propose_deliberation')
    widgets.villageUnitId = () => <VillageSelect ticketId={id} />;
  if (action === 'hold_session') {
    widgets.heldAt = () => <DateTimeInput defaultNow />;
    widgets.panelMemberIds = () => <PanelMembersInput ticketId={id} />;
    widgets.participants = () => <ParticipantsEditor />;
    widgets.signatures = () => <SignaturesEditor ticketId={id} />;
  }
  if (action === 'archive_session' || action === 'publish_notice')
    widgets.sessionId = () => (
      <SessionSelect ticketId={id} archived={action === 'publish_notice'} />
    );
  if (action === 'publish_notice') {
    widgets.text = () => <NoticeTextInput />;
    widgets.days = () => <DaysInput />;
  }
  return widgets;
}

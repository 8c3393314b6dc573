import {
  HANDLING_STATES,
  type LinkedTicket,
  type TicketAction,
  type TicketState,
  type TicketSummary,
  type TicketView,
} from '@jiesu/contracts';
import type { Selectable } from 'kysely';
import type { AttachmentTable } from '../../db/schema.js';
import { maskName, maskPhone } from '../../shared/phone.js';
import type { TicketWithNames } from './repository.js';

/** An instant as the API writes it; null stays null. */
export const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** A named reference `{ id, name }` from a row's id and joined name; null without either. */
export const ref = (id: string | null, name: string | null) => (id && name ? { id, name } : null);

/** The columns a row referring to a ticket carries for it (see LINKED_TICKET in the repository). */
interface LinkedTicketRow {
  ticket_id: string;
  ticket_code: string;
  ticket_title: string;
  ticket_state: TicketState;
}

/** The ticket a row refers to, as lists show it; null where the row has none. */
export function linkedTicket(r: LinkedTicketRow): LinkedTicket;
export function linkedTicket(r: {
  [K in keyof LinkedTicketRow]: LinkedTicketRow[K] | null;
}): LinkedTicket | null;
export function linkedTicket(r: {
  [K in keyof LinkedTicketRow]: LinkedTicketRow[K] | null;
}): LinkedTicket | null {
  return r.ticket_id && r.ticket_code && r.ticket_title && r.ticket_state
    ? { id: r.ticket_id, code: r.ticket_code, title: r.ticket_title, state: r.ticket_state }
    : null;
}

/** Overdue is derived from the deadline and the clock, never stored; never while paused (挂起). */
export function isOverdue(
  t: Pick<TicketWithNames, 'state' | 'completion_due_at'> & { paused_at?: Date | null },
  now: Date,
): boolean {
  return (
    HANDLING_STATES.includes(t.state) &&
    !t.paused_at &&
    t.completion_due_at !== null &&
    t.completion_due_at < now
  );
}

export function isResponseOverdue(
  t: Pick<TicketWithNames, 'state' | 'response_due_at'>,
  now: Date,
): boolean {
  return t.state === 'dispatched' && t.response_due_at !== null && t.response_due_at < now;
}

export function toSummary(t: TicketWithNames, now: Date): TicketSummary {
  return {
    id: t.id,
    code: t.code,
    channel: t.channel,
    type: t.type,
    category: { id: t.category_id, name: t.category_name },
    title: t.title,
    address: t.address,
    jurisdiction: { id: t.jurisdiction_id, name: t.jurisdiction_name },
    urgency: t.urgency,
    colour: t.colour,
    state: t.state,
    outcome: t.outcome,
    leadUnit: ref(t.lead_unit_id, t.lead_unit_name),
    holderUnit: ref(t.holder_unit_id, t.holder_unit_name),
    assignee: ref(t.assignee_user_id, t.assignee_name),
    receivedAt: t.received_at.toISOString(),
    responseDueAt: iso(t.response_due_at),
    completionDueAt: iso(t.completion_due_at),
    overdue: isOverdue(t, now),
    responseOverdue: isResponseOverdue(t, now),
    version: t.version,
  };
}

export function attachmentUrl(id: string): string {
  return `/api/attachments/${id}`;
}

export function toView(
  t: TicketWithNames,
  extra: {
    now: Date;
    coUnits: Array<{ id: string; name: string }>;
    subjectUnit: { id: string; name: string } | null;
    attachments: Array<Selectable<AttachmentTable>>;
    allowedActions: TicketAction[];
  },
): TicketView {
  return {
    ...toSummary(t, extra.now),
    description: t.description,
    point: t.lng !== null && t.lat !== null ? { lng: t.lng, lat: t.lat } : null,
    // Masked by default for everyone; the reveal endpoint shows it and logs the read.
    requester: {
      name: t.requester_name ? maskName(t.requester_name) : null,
      phone: t.requester_phone ? maskPhone(t.requester_phone) : null,
      masked: true,
      anonymous: t.anonymous,
      confidential: t.confidential,
    },
    subjectUnit: extra.subjectUnit,
    coUnits: extra.coUnits,
    dispatchedAt: iso(t.dispatched_at),
    acceptedAt: iso(t.accepted_at),
    feedbackAt: iso(t.feedback_at),
    repliedAt: iso(t.replied_at),
    closedAt: iso(t.closed_at),
    solved: t.solved,
    satisfaction: t.satisfaction,
    reopenCount: t.reopen_count,
    attachments: extra.attachments.map((a) => ({
      id: a.id,
      filename: a.filename,
      mime: a.mime,
      size: a.size,
      url: attachmentUrl(a.id),
    })),
    allowedActions: extra.allowedActions,
  };
}

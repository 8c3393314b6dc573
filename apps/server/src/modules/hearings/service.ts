// Reads of hearings (听证), consultations (会商) and the backlog (积案): the ticket
// page's panel, the hearings list and the backlog list with its Excel export.
// Scheduling and recording change tickets, so they are ticket actions (see the
// hooks); this service only reads, scoped as the ticket list is.
import type { Kysely } from 'kysely';
import ExcelJS from 'exceljs';
import {
  zhCN,
  type BacklogItem,
  type BacklogList,
  type BacklogQuery,
  type BacklogReason,
  type HearingList,
  type HearingListQuery,
  type HearingView,
  type TicketHearings,
} from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import type { StaffActor } from '../../shared/actor.js';
import { maskName } from '../../shared/phone.js';
import { orgRepository } from '../org/repository.js';
import { effectiveSettings } from '../org/settings.js';
import { attachmentUrl, iso, linkedTicket, ref, toSummary } from '../tickets/presenter.js';
import { ticketRepository } from '../tickets/repository.js';
import { visibleTicket } from '../tickets/visible.js';
import {
  hearingsRepository,
  type BacklogRow,
  type BacklogRule,
  type ConsultationRow,
  type HearingRow,
} from './repository.js';

const DAY_MS = 86_400_000;
const EXPORT_LIMIT = 10_000;

type AttachmentRow = { id: string; filename: string; mime: string; size: number };

function attachmentViews(ids: readonly string[], rows: AttachmentRow[]) {
  return rows.filter((a) => ids.includes(a.id)).map((a) => ({ ...a, url: attachmentUrl(a.id) }));
}

function toHearingView(h: HearingRow, files: AttachmentRow[]): HearingView {
  const c = h.commitment;
  return {
    id: h.id,
    ticket: linkedTicket(h),
    unit: { id: h.unit_id, name: h.unit_name },
    state: h.state,
    scheduledAt: iso(h.scheduled_at)!,
    place: h.place,
    matter: h.matter,
    experts: h.experts.map((e) => ({
      name: e.name,
      kind: e.kind,
      affiliation: e.affiliation ?? null,
    })),
    scheduledBy: ref(h.scheduled_by, h.scheduled_by_name),
    createdAt: iso(h.created_at)!,
    heldAt: iso(h.held_at),
    minutes: h.minutes,
    outcome: h.outcome,
    signatures: (h.signatures ?? []).map((s) => ({ name: s.name, signedAt: iso(s.signedAt)! })),
    attachments: attachmentViews(h.attachment_ids, files),
    // The signer is the requester or someone for them: masked like the requester.
    commitment: c
      ? {
          signerName: maskName(c.signerName),
          signedAt: iso(c.signedAt)!,
          text: c.text,
          attachments: attachmentViews(c.attachmentIds ?? [], files),
        }
      : null,
    recordedBy: ref(h.recorded_by, h.recorded_by_name),
    recordedAt: iso(h.recorded_at),
  };
}

function toConsultationView(k: ConsultationRow) {
  return {
    id: k.id,
    ticket: linkedTicket(k),
    unit: { id: k.unit_id, name: k.unit_name },
    heldAt: iso(k.held_at)!,
    participants: k.participants,
    notes: k.notes,
    nextSteps: k.next_steps,
    recordedBy: ref(k.recorded_by, k.recorded_by_name),
    recordedAt: iso(k.recorded_at)!,
  };
}

function toBacklogItem(t: BacklogRow, rule: BacklogRule, now: Date): BacklogItem {
  const why: BacklogReason[] = [];
  if (t.received_at <= rule.receivedBefore) why.push('age');
  if (t.reopen_count >= rule.reopens) why.push('reopened');
  return {
    ...toSummary(t, now),
    ageDays: Math.max(0, Math.floor((now.getTime() - t.received_at.getTime()) / DAY_MS)),
    reopenCount: t.reopen_count,
    why,
    consultationCount: Number(t.consultation_count),
    lastConsultationAt: iso(t.last_consultation_at),
    hearingCount: Number(t.hearing_count),
    hasCommitment: Boolean(t.has_commitment),
  };
}

export function hearingsService(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;
  const repo = hearingsRepository(db);
  const ticketRepo = ticketRepository(db);
  const org = orgRepository(db);

  async function hearingViews(tenantId: string, rows: HearingRow[]): Promise<HearingView[]> {
    const ids = rows.flatMap((h) => [...h.attachment_ids, ...(h.commitment?.attachmentIds ?? [])]);
    const files = await repo.attachments(tenantId, [...new Set(ids)]);
    return rows.map((h) => toHearingView(h, files));
  }

  /** The district's rule now (as policy.isBacklog): received `backlogDays` ago or more, or reopened `backlogReopens` times. */
  async function ruleOf(tenantId: string, now: Date) {
    const tenant = await org.tenant(tenantId);
    const s = effectiveSettings(tenant?.settings);
    const rule: BacklogRule = {
      receivedBefore: new Date(now.getTime() - s.backlogDays * DAY_MS),
      reopens: s.backlogReopens,
    };
    return { rule, settings: s };
  }

  return {
    /** The ticket page's panel: what the ticket's readers may read. */
    async ofTicket(actor: StaffActor, ticketId: string): Promise<TicketHearings> {
      await visibleTicket(ticketRepo, actor, ticketId);
      const [hearings, consultations] = await Promise.all([
        repo.hearingsOfTicket(ticketId),
        repo.consultationsOfTicket(ticketId),
      ]);
      return {
        hearings: await hearingViews(actor.tenantId, hearings),
        consultations: consultations.map(toConsultationView),
      };
    },

    /** Hearings on the tickets the actor may see, latest scheduled first. */
    async list(actor: StaffActor, q: HearingListQuery): Promise<HearingList> {
      const page = await repo.hearingList(actor.tenantId, actor.scope, q);
      return { ...page, items: await hearingViews(actor.tenantId, page.items) };
    },

    async backlog(actor: StaffActor, q: BacklogQuery): Promise<BacklogList> {
      const now = clock.now();
      const { rule, settings } = await ruleOf(actor.tenantId, now);
      const page = await repo.backlog(actor.tenantId, actor.scope, rule, q);
      return {
        ...page,
        items: page.items.map((t) => toBacklogItem(t, rule, now)),
        now: now.toISOString(),
        backlogDays: settings.backlogDays,
        backlogReopens: settings.backlogReopens,
      };
    },

    /** The backlog as filtered and sorted, without the requester's personal data. */
    async exportBacklog(actor: StaffActor, q: BacklogQuery): Promise<Buffer> {
      const now = clock.now();
      const { rule, settings } = await ruleOf(actor.tenantId, now);
      const page = await repo.backlog(actor.tenantId, actor.scope, rule, q, EXPORT_LIMIT);
      const offsetMs = settings.utcOffsetMinutes * 60_000;
      const local = (d: string | null) =>
        d
          ? new Date(new Date(d).getTime() + offsetMs).toISOString().slice(0, 16).replace('T', ' ')
          : '';
      const e = zhCN.backlog.col;
      const m = zhCN.backlog;
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet(m.sheet);
      ws.columns = [
        { header: e.code, key: 'code', width: 18 },
        { header: e.title, key: 'title', width: 36 },
        { header: e.jurisdiction, key: 'jurisdiction', width: 14 },
        { header: e.leadUnit, key: 'lead', width: 22 },
        { header: e.holderUnit, key: 'holder', width: 22 },
        { header: e.state, key: 'state', width: 10 },
        { header: e.receivedAt, key: 'receivedAt', width: 18 },
        { header: e.ageDays, key: 'ageDays', width: 10 },
        { header: e.reopenCount, key: 'reopenCount', width: 10 },
        { header: e.why, key: 'why', width: 20 },
        { header: e.consultationCount, key: 'consultations', width: 10 },
        { header: e.lastConsultationAt, key: 'lastConsultation', width: 18 },
        { header: e.hearingCount, key: 'hearings', width: 10 },
        { header: e.commitment, key: 'commitment', width: 14 },
      ];
      for (const row of page.items) {
        const b = toBacklogItem(row, rule, now);
        ws.addRow({
          code: b.code,
          title: b.title,
          jurisdiction: b.jurisdiction.name,
          lead: b.leadUnit?.name ?? '',
          holder: b.holderUnit?.name ?? '',
          state: zhCN.state[b.state],
          receivedAt: local(b.receivedAt),
          ageDays: b.ageDays,
          reopenCount: b.reopenCount,
          why: b.why.map((w) => zhCN.backlogReason[w]).join('、'),
          consultations: b.consultationCount,
          lastConsultation: local(b.lastConsultationAt),
          hearings: b.hearingCount,
          commitment: b.hasCommitment ? m.yes : m.no,
        });
      }
      ws.getRow(1).font = { bold: true };
      ws.views = [{ state: 'frozen', ySplit: 1 }];
      return Buffer.from(await wb.xlsx.writeBuffer());
    },
  };
}
export type HearingsService = ReturnType<typeof hearingsService>;

// 我来办工作室: one studio per village or community. Who keeps a studio: the
// village committee's staff (handlers and its leader) for their own village.
// Who reads it: they, the township government's staff for the villages below
// it, and the district-wide roles (the centre, supervisors, administrators).
// Residents read the public part: the name, published phone, address and who
// is on duty this week. A visitor's name and phone are personal data: masked
// in every list, shown in full only through `revealVisitor`, which is logged.
//
// Graded handling keeps to the ticket's own actions: a reception or check that
// needs more than an answer becomes a ticket (channel 'studio', placed in the
// village) through the ticket service's `create`, so it enters the normal
// lifecycle; 大事 is then the ticket's `escalate`, 难事 the township's
// `blow_whistle`. The grade recorded here only counts.
import type { Kysely } from 'kysely';
import ExcelJS from 'exceljs';
import type {
  CheckList,
  CheckListQuery,
  CheckView,
  CreateCheckBody,
  CreateReceptionBody,
  GradeReceptionBody,
  PublicStudio,
  PublicStudios,
  ReceptionList,
  ReceptionListQuery,
  ReceptionView,
  RevealedVisitor,
  RosterMonth,
  SaveRosterBody,
  SaveStudioBody,
  StudioList,
  StudioStats,
  StudioTicketInput,
  StudioView,
} from '@jiesu/contracts';
import { studioLabelsZhCN, zhCN } from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import type { StaffActor } from '../../shared/actor.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { maskName, maskPhone, normalisePhone } from '../../shared/phone.js';
import { utcOffsetOf, type CalendarService } from '../calendar/service.js';
import type { TicketService } from '../tickets/service.js';
import { studioRepository, type StudioRepository } from './repository.js';

type Repo = ReturnType<typeof studioRepository>;
type StudioRow = NonNullable<Awaited<ReturnType<Repo['studio']>>>;
type ReceptionRow = NonNullable<Awaited<ReturnType<Repo['reception']>>>;
type CheckRow = NonNullable<Awaited<ReturnType<Repo['check']>>>;

const DAY_MS = 86_400_000;
const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', [{ path, message }]);

/** Jurisdiction subtrees the actor reads; undefined for the whole district. */
function visiblePaths(actor: StaffActor): string[] | undefined {
  if (actor.scope === 'tenant') return undefined;
  return actor.grants
    .filter((g) => g.unitKind === 'government' || g.unitKind === 'grid')
    .map((g) => g.jurisdictionPath);
}

function reads(actor: StaffActor, villagePath: string): boolean {
  const paths = visiblePaths(actor);
  // A grid's staff read the studio of their village (the grid lies below it).
  return !paths || paths.some((p) => villagePath.startsWith(p) || p.startsWith(villagePath));
}

/** The village committee's own staff keep its studio. */
export function mayKeepStudio(actor: StaffActor, villagePath: string): boolean {
  return actor.grants.some(
    (g) =>
      g.unitKind === 'government' &&
      g.jurisdictionLevel === 'village' &&
      g.jurisdictionPath === villagePath &&
      (g.role === 'handler' || g.role === 'unit_leader'),
  );
}

/** The days of a month 'YYYY-MM', as 'YYYY-MM-DD'. */
export function daysOfMonth(month: string): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

export function studioService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  calendar: CalendarService;
  tickets: Pick<TicketService, 'create'>;
}) {
  const { db, clock, calendar, tickets } = deps;
  const repo = studioRepository(db);

  async function offsetMinutes(tenantId: string): Promise<number> {
    return utcOffsetOf(await repo.tenantSettings(tenantId));
  }

  /** The instants where a local month starts and the next one starts. */
  async function monthRange(tenantId: string, month: string) {
    const [y, m] = month.split('-').map(Number) as [number, number];
    const off = (await offsetMinutes(tenantId)) * 60_000;
    return { from: new Date(Date.UTC(y, m - 1, 1) - off), to: new Date(Date.UTC(y, m, 1) - off) };
  }

  function studioView(s: StudioRow, actor: StaffActor | null): StudioView {
    return {
      id: s.id,
      village: { id: s.village_id, name: s.village_name },
      township: s.township_id ? { id: s.township_id, name: s.township_name ?? '' } : null,
      name: s.name,
      phone: s.phone,
      address: s.address,
      openingNote: s.opening_note,
      secretaryName: s.secretary_name,
      secretaryWeekday: s.secretary_weekday,
      canEdit: actor ? mayKeepStudio(actor, s.village_path) : false,
    };
  }

  /** The studio if the actor reads it (else 404: its existence is not told). */
  async function readable(actor: StaffActor, id: string): Promise<StudioRow> {
    const s = await repo.studio(actor.tenantId, id);
    if (!s || !reads(actor, s.village_path)) throw new AppError('NOT_FOUND');
    return s;
  }

  async function keepable(actor: StaffActor, id: string): Promise<StudioRow> {
    const s = await readable(actor, id);
    if (!mayKeepStudio(actor, s.village_path)) throw new AppError('FORBIDDEN');
    return s;
  }

  const ticketRef = (r: {
    ticket_id: string | null;
    ticket_code: string | null;
    ticket_state: string | null;
  }) =>
    r.ticket_id && r.ticket_code && r.ticket_state
      ? { id: r.ticket_id, code: r.ticket_code, state: r.ticket_state as never }
      : null;

  function receptionView(r: ReceptionRow): ReceptionView {
    return {
      id: r.id,
      receivedAt: r.received_at.toISOString(),
      visitorName: maskName(r.visitor_name),
      visitorPhone: r.visitor_phone ? maskPhone(r.visitor_phone) : null,
      matter: r.matter,
      staffName: r.staff_name,
      outcome: r.outcome,
      answer: r.answer,
      ticket: ticketRef(r),
      grade: r.grade,
    };
  }

  function checkView(c: CheckRow): CheckView {
    return {
      id: c.id,
      checkedOn: c.checked_on,
      kind: c.kind,
      cycle: c.cycle,
      checker: c.checker,
      area: c.area,
      items: c.items,
      findings: c.findings,
      followUp: c.follow_up,
      followUpNote: c.follow_up_note,
      ticket: ticketRef(c),
    };
  }

  /** Raises a ticket for the studio's village through the ordinary intake. */
  async function raiseTicket(
    actor: StaffActor,
    s: StudioRow,
    t: StudioTicketInput,
    description: string,
    requester: { name?: string; phone?: string },
    /** The studio's own record, written in the ticket's transaction. */
    write: (r: StudioRepository, ticketId: string) => Promise<void>,
  ): Promise<void> {
    const unit = await repo.committeeUnit(actor.tenantId, s.village_id);
    await tickets.create(
      actor.tenantId,
      {
        channel: 'studio',
        type: t.type,
        categoryId: t.categoryId,
        title: t.title,
        description,
        address: t.address ?? s.address,
        jurisdictionId: s.village_id,
        requester,
      },
      { actorKind: actor.kind, userId: actor.userId, unitId: unit?.id ?? null },
      (trx, ticket) => write(studioRepository(trx), ticket.id),
    );
  }

  /** The roster of a month with the calendar's working days and the gaps. */
  async function roster(tenantId: string, s: StudioRow, month: string) {
    const cal = await calendar.calendarFor(tenantId);
    const days = daysOfMonth(month);
    const duties = await repo.duties(tenantId, [s.id], days[0]!, days.at(-1)!);
    const out = days.map((date) => {
      const info = cal.dayInfo(date);
      const weekday = isoWeekday(date);
      return {
        date,
        weekday,
        working: info.isWorkingDay,
        holiday: info.name ?? null,
        secretaryDay: info.isWorkingDay && s.secretary_weekday === weekday,
        members: duties
          .filter((d) => d.day === date)
          .map((d) => ({ name: d.name, userId: d.user_id })),
      };
    });
    return {
      days: out,
      gaps: out.filter((d) => d.working && !d.members.length).map((d) => d.date),
    };
  }

  return {
    /** The villages in reach, each with its studio (or none yet). */
    async list(actor: StaffActor): Promise<StudioList> {
      const villages = await repo.villages(actor.tenantId, visiblePaths(actor));
      const studios = await repo.studios(
        actor.tenantId,
        villages.map((v) => v.id),
      );
      return villages.map((v) => {
        const s = studios.find((x) => x.village_id === v.id);
        return {
          village: { id: v.id, name: v.name },
          township: v.township_id ? { id: v.township_id, name: v.township_name ?? '' } : null,
          studio: s ? studioView(s, actor) : null,
          canEdit: mayKeepStudio(actor, v.path),
        };
      });
    },

    /** Sets up or updates the studio of a village (its committee only). */
    async save(actor: StaffActor, villageId: string, b: SaveStudioBody): Promise<StudioView> {
      const v = await repo.village(actor.tenantId, villageId);
      if (!v || !reads(actor, v.path)) throw new AppError('NOT_FOUND');
      if (!mayKeepStudio(actor, v.path)) throw new AppError('FORBIDDEN');
      const phone = normalisePhone(b.phone);
      if (!phone)
        throw new AppError('INVALID_PHONE', [
          { path: '/phone', message: zhCN.error.INVALID_PHONE },
        ]);
      const name = b.name.trim();
      const address = b.address.trim();
      if (name.length < 2) throw invalid('/name', '请填写工作室名称');
      if (address.length < 2) throw invalid('/address', '请填写工作室地址');
      const now = clock.now();
      await repo.upsertStudio({
        id: newId(),
        tenant_id: actor.tenantId,
        village_id: v.id,
        name,
        phone,
        address,
        opening_note: b.openingNote?.trim() || null,
        secretary_name: b.secretaryName?.trim() || null,
        secretary_weekday: b.secretaryWeekday ?? null,
        created_at: now,
        updated_at: now,
      });
      return studioView((await repo.studioOfVillage(actor.tenantId, v.id))!, actor);
    },

    async roster(actor: StaffActor, id: string, month: string): Promise<RosterMonth> {
      const s = await readable(actor, id);
      const editor = mayKeepStudio(actor, s.village_path);
      const [r, candidates] = await Promise.all([
        roster(actor.tenantId, s, month),
        editor ? repo.committee(actor.tenantId, s.village_id) : Promise.resolve([]),
      ]);
      return {
        studio: { id: s.id, name: s.name },
        month,
        ...r,
        candidates: candidates.map((c) => ({ id: c.id, name: c.name })),
        canEdit: editor,
      };
    },

    /** Replaces a month's roster; gaps are allowed and reported, not refused. */
    async saveRoster(actor: StaffActor, id: string, b: SaveRosterBody): Promise<RosterMonth> {
      const s = await keepable(actor, id);
      const days = new Set(daysOfMonth(b.month));
      const committee = await repo.committee(actor.tenantId, s.village_id);
      const seen = new Set<string>();
      const rows: Array<{ id: string; day: string; name: string; user_id: string | null }> = [];
      for (const [i, e] of b.entries.entries()) {
        if (!days.has(e.date)) throw invalid(`/entries/${i}/date`, `日期不在 ${b.month} 内`);
        const name = e.name.trim();
        if (!name) throw invalid(`/entries/${i}/name`, '请填写值班人员');
        if (e.userId && !committee.some((c) => c.id === e.userId))
          throw invalid(`/entries/${i}/userId`, '只能安排本村(社区)两委的工作人员');
        const key = `${e.date}|${name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        rows.push({ id: newId(), day: e.date, name, user_id: e.userId ?? null });
      }
      const all = [...days];
      await repo.replaceDuties(actor.tenantId, s.id, all[0]!, all.at(-1)!, rows);
      return this.roster(actor, id, b.month);
    },

    async receptions(actor: StaffActor, id: string, q: ReceptionListQuery): Promise<ReceptionList> {
      const s = await readable(actor, id);
      const pageSize = q.pageSize ?? 20;
      const page = q.page ?? 1;
      const range = q.month ? await monthRange(actor.tenantId, q.month) : undefined;
      const { rows, total } = await repo.receptions(actor.tenantId, s.id, range, {
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return { items: rows.map(receptionView), total, page, pageSize };
    },

    /** Logs a walk-in visitor: answered on the spot, or raised as a ticket in the village. */
    async receive(actor: StaffActor, id: string, b: CreateReceptionBody): Promise<ReceptionView> {
      const s = await keepable(actor, id);
      const now = clock.now();
      const receivedAt = b.receivedAt ? new Date(b.receivedAt) : now;
      if (receivedAt.getTime() > now.getTime() + 5 * 60_000)
        throw invalid('/receivedAt', '接待时间不能晚于现在');
      const name = b.visitorName.trim();
      if (!name) throw invalid('/visitorName', '请填写来访人姓名');
      let phone: string | null = null;
      if (b.visitorPhone?.trim()) {
        phone = normalisePhone(b.visitorPhone);
        if (!phone)
          throw new AppError('INVALID_PHONE', [
            { path: '/visitorPhone', message: zhCN.error.INVALID_PHONE },
          ]);
      }
      const matter = b.matter.trim();
      if (matter.length < 5) throw invalid('/matter', '请写明来访事项(至少 5 个字)');
      let answer: string | null = null;
      if (b.outcome === 'answered') {
        answer = b.answer?.trim() ?? '';
        if (answer.length < 2) throw invalid('/answer', '当场答复的,请填写答复内容');
        if (b.ticket) throw invalid('/ticket', '当场答复的不再转为工单');
      } else if (!b.ticket) {
        throw invalid('/ticket', '转为工单的,请选择诉求类型和分类并填写标题');
      }
      const rid = newId();
      const write = (r: StudioRepository, ticketId: string | null) =>
        r.insertReception({
          id: rid,
          tenant_id: actor.tenantId,
          studio_id: s.id,
          received_at: receivedAt,
          visitor_name: name,
          visitor_phone: phone,
          matter,
          staff_name: b.staffName.trim() || actor.displayName,
          outcome: b.outcome,
          answer,
          ticket_id: ticketId,
          grade: b.grade ?? null,
          created_by: actor.kind === 'staff' ? actor.userId : null,
          created_at: now,
        });
      // A ticket and its reception are written together, or neither.
      if (b.ticket && b.outcome !== 'answered') {
        const requester = { name, ...(phone ? { phone } : {}) };
        await raiseTicket(actor, s, b.ticket, matter, requester, write);
      } else await write(repo, null);
      return receptionView((await repo.reception(actor.tenantId, rid))!);
    },

    async grade(
      actor: StaffActor,
      receptionId: string,
      b: GradeReceptionBody,
    ): Promise<ReceptionView> {
      const r = await repo.reception(actor.tenantId, receptionId);
      if (!r) throw new AppError('NOT_FOUND');
      await keepable(actor, r.studio_id);
      await repo.gradeReception(actor.tenantId, r.id, b.grade);
      return receptionView({ ...r, grade: b.grade });
    },

    /** The visitor's full name and phone, for the studio's keepers; every reading is logged. */
    async revealVisitor(actor: StaffActor, receptionId: string): Promise<RevealedVisitor> {
      const r = await repo.reception(actor.tenantId, receptionId);
      if (!r) throw new AppError('NOT_FOUND');
      await keepable(actor, r.studio_id);
      await repo.logRead(actor.tenantId, r.id, actor.userId, clock.now());
      return { name: r.visitor_name, phone: r.visitor_phone };
    },

    async checks(actor: StaffActor, id: string, q: CheckListQuery): Promise<CheckList> {
      const s = await readable(actor, id);
      const pageSize = q.pageSize ?? 20;
      const page = q.page ?? 1;
      const { rows, total } = await repo.checks(actor.tenantId, s.id, q, {
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return { items: rows.map(checkView), total, page, pageSize };
    },

    async addCheck(actor: StaffActor, id: string, b: CreateCheckBody): Promise<CheckView> {
      const s = await keepable(actor, id);
      const cal = await calendar.calendarFor(actor.tenantId);
      if (b.checkedOn > cal.localDateOf(clock.now()))
        throw invalid('/checkedOn', '排查日期不能晚于今天');
      const trimmed = {
        checker: b.checker.trim(),
        area: b.area.trim(),
        items: b.items.trim(),
        findings: b.findings.trim(),
      };
      for (const [k, v] of Object.entries(trimmed)) if (!v) throw invalid(`/${k}`, '不能为空');
      if (b.followUp === 'ticket' && !b.ticket)
        throw invalid('/ticket', '转为工单的,请选择诉求类型和分类并填写标题');
      if (b.followUp !== 'ticket' && b.ticket)
        throw invalid('/ticket', '只有“转为工单”时才填写工单信息');
      const cid = newId();
      const write = (r: StudioRepository, ticketId: string | null) =>
        r.insertCheck({
          id: cid,
          tenant_id: actor.tenantId,
          studio_id: s.id,
          checked_on: b.checkedOn,
          kind: b.kind,
          cycle: b.cycle,
          ...trimmed,
          follow_up: b.followUp,
          follow_up_note: b.followUpNote?.trim() || null,
          ticket_id: ticketId,
          created_by: actor.kind === 'staff' ? actor.userId : null,
          created_at: clock.now(),
        });
      if (b.followUp === 'ticket' && b.ticket) {
        const description = `定期排查(${b.checkedOn},${trimmed.area}):${trimmed.findings}`;
        await raiseTicket(actor, s, b.ticket, description, { name: trimmed.checker }, write);
      } else await write(repo, null);
      return checkView((await repo.check(actor.tenantId, cid))!);
    },

    /** The check ledger as filtered, as an Excel workbook (no personal data in it). */
    async exportChecks(actor: StaffActor, id: string, q: CheckListQuery): Promise<Buffer> {
      const s = await readable(actor, id);
      const { rows } = await repo.checks(actor.tenantId, s.id, q, undefined);
      const labels = studioLabelsZhCN;
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet(labels.checkSheet);
      ws.columns = [
        { header: labels.checkedOn, key: 'checkedOn', width: 12 },
        { header: labels.kind, key: 'kind', width: 10 },
        { header: labels.cycle, key: 'cycle', width: 10 },
        { header: labels.checker, key: 'checker', width: 12 },
        { header: labels.area, key: 'area', width: 24 },
        { header: labels.items, key: 'items', width: 30 },
        { header: labels.findings, key: 'findings', width: 40 },
        { header: labels.followUp, key: 'followUp', width: 12 },
        { header: labels.followUpNote, key: 'followUpNote', width: 30 },
        { header: labels.ticket, key: 'ticket', width: 18 },
      ];
      for (const c of rows.map(checkView))
        ws.addRow({
          ...c,
          kind: labels.checkKind[c.kind],
          cycle: labels.checkCycle[c.cycle],
          followUp: labels.checkFollowUp[c.followUp],
          followUpNote: c.followUpNote ?? '',
          ticket: c.ticket?.code ?? '',
        });
      ws.getRow(1).font = { bold: true };
      return Buffer.from(await wb.xlsx.writeBuffer());
    },

    /** Per studio in reach: the month's receptions by outcome and grade, checks, roster gaps. */
    async stats(actor: StaffActor, month: string): Promise<StudioStats> {
      const villages = await repo.villages(actor.tenantId, visiblePaths(actor));
      const studios = await repo.studios(
        actor.tenantId,
        villages.map((v) => v.id),
      );
      const ids = studios.map((s) => s.id);
      const range = await monthRange(actor.tenantId, month);
      const days = daysOfMonth(month);
      const [rc, cc, duties, cal] = await Promise.all([
        repo.receptionCounts(actor.tenantId, ids, range.from, range.to),
        repo.checkCounts(actor.tenantId, ids, days[0]!, days.at(-1)!),
        repo.duties(actor.tenantId, ids, days[0]!, days.at(-1)!),
        calendar.calendarFor(actor.tenantId),
      ]);
      const working = days.filter((d) => cal.isWorkingDay(d));
      const items = studios.map((s) => {
        const mine = rc.filter((r) => r.studio_id === s.id);
        const sum = (p: (r: (typeof mine)[number]) => boolean) =>
          mine.filter(p).reduce((a, r) => a + Number(r.n), 0);
        const checks = cc.filter((c) => c.studio_id === s.id);
        const onDuty = new Set(duties.filter((d) => d.studio_id === s.id).map((d) => d.day));
        return {
          studio: { id: s.id, name: s.name },
          village: { id: s.village_id, name: s.village_name },
          receptions: sum(() => true),
          answered: sum((r) => r.outcome === 'answered'),
          ticketed: sum((r) => r.outcome === 'ticket'),
          grades: {
            small: sum((r) => r.grade === 'small'),
            big: sum((r) => r.grade === 'big'),
            hard: sum((r) => r.grade === 'hard'),
            ungraded: sum((r) => r.grade === null),
          },
          checks: checks.reduce((a, c) => a + Number(c.n), 0),
          checksTicketed: checks
            .filter((c) => c.follow_up === 'ticket')
            .reduce((a, c) => a + Number(c.n), 0),
          rosterGaps: working.filter((d) => !onDuty.has(d)).length,
        };
      });
      const total = {
        receptions: 0,
        answered: 0,
        ticketed: 0,
        grades: { small: 0, big: 0, hard: 0, ungraded: 0 },
        checks: 0,
        checksTicketed: 0,
        rosterGaps: 0,
      };
      for (const i of items) {
        total.receptions += i.receptions;
        total.answered += i.answered;
        total.ticketed += i.ticketed;
        total.grades.small += i.grades.small;
        total.grades.big += i.grades.big;
        total.grades.hard += i.grades.hard;
        total.grades.ungraded += i.grades.ungraded;
        total.checks += i.checks;
        total.checksTicketed += i.checksTicketed;
        total.rosterGaps += i.rosterGaps;
      }
      return { month, items, total };
    },

    /** The resident page: the studio, its phone and this week's duty (names only). */
    async publicStudio(tenantId: string, villageId: string): Promise<PublicStudio> {
      const s = await repo.studioOfVillage(tenantId, villageId);
      if (!s) throw new AppError('NOT_FOUND');
      const cal = await calendar.calendarFor(tenantId);
      const today = cal.localDateOf(clock.now());
      const monday = addDays(today, 1 - isoWeekday(today));
      const week = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
      const duties = await repo.duties(tenantId, [s.id], week[0]!, week[6]!);
      return {
        village: { id: s.village_id, name: s.village_name },
        township: s.township_name,
        name: s.name,
        phone: s.phone,
        address: s.address,
        openingNote: s.opening_note,
        secretaryName: s.secretary_name,
        secretaryWeekday: s.secretary_weekday,
        today,
        week: week.map((date) => ({
          date,
          weekday: isoWeekday(date),
          working: cal.isWorkingDay(date),
          members: duties.filter((d) => d.day === date).map((d) => d.name),
        })),
      };
    },

    async publicStudios(tenantId: string): Promise<PublicStudios> {
      return (await repo.publicStudios(tenantId)).map((s) => ({
        village: { id: s.village_id, name: s.village_name },
        township: s.township_name ?? '',
        name: s.name,
      }));
    },
  };
}
export type StudioService = ReturnType<typeof studioService>;

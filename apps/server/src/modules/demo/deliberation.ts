// The demo district's escalations (上交) and village deliberation (下交群评):
// every village committee gets its elders panel (三老), then a few of the
// tickets the stories left open are escalated (pending, refused, accepted) or
// delegated down (proposed, refused, on the ledger, deliberated, posted,
// settled). Each step runs through the pure transition engine (`decide`) at a
// time between the ticket's last event and now, and what the action hooks
// would write beside the row and the event is written here too, the same way
// (see escalations.ts and ledger.ts in the deliberation module). Last, the
// month's topic (每月一题) becomes a common-problem project gathering its tickets.
import { sql, type Kysely } from 'kysely';
import type { DeliberationFinding, ElderKind, TicketAction } from '@jiesu/contracts';
import { transitionFor } from '@jiesu/contracts';
import type { DB, Ticket } from '../../db/schema.js';
import { newId } from '../../shared/ids.js';
import { decide } from '../tickets/workflow.js';
import type { DemoOrg } from './content/index.js';
import { Random } from './content/prng.js';
import { personName } from './content/names.js';
import { maskName } from '../../shared/phone.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface DeliberationDemoContext {
  tenantId: string;
  org: DemoOrg;
  now: Date;
  unitIds: Map<string, string>;
  userIds: Map<string, string>;
}

export interface SeededDeliberation {
  panels: number;
  escalations: number;
  deliberations: number;
  sessions: number;
  notices: number;
}

const ELDER_KINDS: ElderKind[] = ['old_party_member', 'old_cadre', 'model_resident'];
const ELDER_NOTES: Record<ElderKind, string[]> = {
  old_party_member: ['党龄四十余年', '原村党支部委员', '老党员志愿服务队队长'],
  old_cadre: ['原村委会主任', '退休教师', '原乡农经站站长'],
  model_resident: ['区级文明家庭户主', '热心调解邻里纠纷', '“好婆婆”评选获得者'],
};

const ESCALATIONS = [
  {
    reason: '问题涉及多个小区的供水管网整体改造,街乡无审批权限和专项资金',
    tried: '已组织物业、供水公司现场会商两次,完成临时抢修,但漏损仍反复出现',
    needs: ['funds', 'departments'],
    needsNote: '管网改造估算投资约180万元,需水务、住建部门共同推进',
  },
  {
    reason: '历史遗留的产权登记问题,需区级部门出具政策意见',
    tried: '已调取档案并与不动产登记中心沟通,对方答复需区里统一政策口径',
    needs: ['policy', 'authority'],
    needsNote: '涉及同批次约60户居民',
  },
  {
    reason: '跨街乡的道路积水点,排水出口在相邻镇域,需统筹治理',
    tried: '已清掏雨水口并设置警示,相邻镇表示排水改造未列入计划',
    needs: ['departments', 'funds'],
    needsNote: '',
  },
];

const ESCALATION_REVIEWS = {
  accepted: '涉及资金和多部门协调,符合提级条件,由区政府统筹办理',
  refused: '属于属地日常管理职责,请街乡继续办理,区城管委给予业务指导',
};

const PROPOSALS = [
  {
    basis: 'repeated_request' as const,
    reason: '诉求人半年内就同一事项反复来电,要求超出政策标准,经多次答复仍不认可',
  },
  {
    basis: 'unsolved_not_escalable' as const,
    reason: '已按政策办理完毕,诉求人仍要求额外补偿,不符合上交条件,提请群众评议',
  },
];

const SESSIONS: Array<{
  finding: DeliberationFinding;
  matter: string;
  minutes: string;
  settlement: string;
  notice: string;
}> = [
  {
    finding: 'unreasonable',
    matter: '诉求人要求村集体承担其自建房屋漏水维修全部费用',
    minutes:
      '村党支部书记介绍诉求及办理经过。三老评议团成员逐一发言:房屋系个人自建,维修责任在产权人;村集体已协调施工队上门查看并提供维修建议。村民代表表示认同。',
    settlement: '维修费用由诉求人自行承担,村委会协调施工队按成本价维修,网格员跟进',
    notice:
      '经村民议事会评议,该诉求涉及的房屋为个人自建房,维修责任在产权人,诉求不予支持;村委会将协调施工队按成本价提供维修服务。',
  },
  {
    finding: 'partly_reasonable',
    matter: '诉求人要求拆除邻居在公共通道搭建的棚子,并赔偿其损失',
    minutes:
      '评议团听取双方陈述并到现场查看。一致认为棚子占用公共通道应当拆除;赔偿损失的要求缺少依据。邻居当场表示同意限期拆除。',
    settlement: '邻居于十日内自行拆除棚子,村委会监督落实;赔偿诉求不予支持',
    notice:
      '经村民议事会评议,占用公共通道搭建的棚子应限期拆除,村委会监督落实;要求赔偿的诉求缺少依据,不予支持。',
  },
  {
    finding: 'reasonable',
    matter: '诉求人反映村内公共照明长期缺失,要求增设路灯',
    minutes:
      '评议团成员认为该路段夜间行人较多,增设路灯确有必要;村委会说明已列入下月村级公益事业项目,经费有保障。',
    settlement: '列入村级公益事业项目,下月底前增设路灯三盏',
    notice: '经村民议事会评议,该诉求合理,增设路灯已列入村级公益事业项目,下月底前完成。',
  },
];

/** Seeds the elders panels and the escalation and deliberation stories; idempotent per tenant. */
export async function seedDeliberation(
  db: Kysely<DB>,
  c: DeliberationDemoContext,
): Promise<SeededDeliberation> {
  const rng = new Random(20261121, 'deliberation');
  const out: SeededDeliberation = {
    panels: 0,
    escalations: 0,
    deliberations: 0,
    sessions: 0,
    notices: 0,
  };
  const id = (key: string) => c.unitIds.get(key)!;
  const villageCodes = new Set(
    c.org.jurisdictions.filter((j) => j.level === 'village').map((j) => j.code),
  );
  const townshipCodes = new Set(
    c.org.jurisdictions.filter((j) => j.level === 'township').map((j) => j.code),
  );
  const parentOf = new Map(c.org.jurisdictions.map((j) => [j.code, j.parentCode]));
  const govAt = new Map(
    c.org.units.filter((u) => u.kind === 'government').map((u) => [u.jurisdictionCode, u.key]),
  );
  const unitByKey = new Map(c.org.units.map((u) => [u.key, u]));
  const staffOf = (unitKey: string, action: TicketAction): string | null => {
    const roles = transitionFor(action).roles;
    const s = c.org.staff.find((x) => x.unitKey === unitKey && roles.includes(x.role));
    return s ? c.userIds.get(s.username)! : null;
  };
  const centre = c.org.units.find((u) => u.kind === 'dispatch_centre')!.key;
  const districtGov = govAt.get(c.org.districtCode);

  // ── 三老: a panel per village committee, 5–9 members, this term ─────────────
  const panelOf = new Map<string, { id: string; members: Array<{ id: string; name: string }> }>();
  for (const u of c.org.units.filter(
    (x) => x.kind === 'government' && villageCodes.has(x.jurisdictionCode),
  )) {
    const panelId = newId();
    await db
      .insertInto('elder_panels')
      .values({
        id: panelId,
        tenant_id: c.tenantId,
        unit_id: id(u.key),
        term_start: '2024-01-01',
        term_end: '2026-12-31',
        created_by: null,
        created_at: new Date(c.now.getTime() - 300 * DAY),
      })
      .execute();
    const size = 5 + rng.int(0, 4);
    const used = new Set<string>();
    const members = Array.from({ length: size }, (_, i) => {
      let name = personName(rng, rng.chance(0.6) ? 'male' : 'female').name;
      while (used.has(name)) name = personName(rng, 'male').name;
      used.add(name);
      const kind = ELDER_KINDS[i % 3]!;
      return {
        id: newId(),
        tenant_id: c.tenantId,
        panel_id: panelId,
        name,
        kind,
        note: rng.pick(ELDER_NOTES[kind]),
        sort: i,
      };
    });
    await db.insertInto('elders').values(members).execute();
    panelOf.set(u.key, { id: panelId, members });
    out.panels++;
  }

  // ── the open tickets the stories left, oldest first ──────────────────────────
  const open = await db
    .selectFrom('tickets as t')
    .innerJoin('units as u', 'u.id', 't.lead_unit_id')
    .innerJoin('jurisdictions as tj', 'tj.id', 't.jurisdiction_id')
    .select([
      't.id',
      't.code',
      't.state',
      sql<string>`u.key`.as('lead_key'),
      'tj.code as place_code',
      sql<Date>`(SELECT max(e.at) FROM ticket_events e WHERE e.ticket_id = t.id)`.as('last_at'),
    ])
    .where('t.tenant_id', '=', c.tenantId)
    .where('t.state', 'in', ['accepted', 'in_progress', 'awaiting_callback'])
    .whereRef('t.holder_unit_id', '=', 't.lead_unit_id')
    .where('u.kind', '=', 'government')
    // Nothing else pending on it: no open objection, no co-unit part still owed.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('ticket_objections as o')
            .select('o.id')
            .whereRef('o.ticket_id', '=', 't.id')
            .where('o.state', '=', 'open'),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('ticket_tasks as k')
            .select('k.id')
            .whereRef('k.ticket_id', '=', 't.id')
            .where('k.state', 'in', ['open', 'accepted']),
        ),
      ),
    )
    .orderBy('t.code')
    .execute();
  const room = (t: { last_at: Date }) => c.now.getTime() - new Date(t.last_at).getTime();
  const taken = new Set<string>();
  const pick = (want: (t: (typeof open)[number]) => boolean, minRoom: number) => {
    const t = open.find((x) => !taken.has(x.id) && room(x) >= minRoom && want(x));
    if (t) taken.add(t.id);
    return t;
  };
  const townshipLed = (t: (typeof open)[number]) =>
    t.state !== 'awaiting_callback' &&
    townshipCodes.has(unitByKey.get(t.lead_key)!.jurisdictionCode);
  const villageOfPlace = (code: string): string | undefined => {
    let p: string | null | undefined = code;
    while (p && !villageCodes.has(p)) p = parentOf.get(p);
    return p ?? undefined;
  };

  /** Applies one step: the engine's row patch and event, at `at`, by a unit's staff. */
  async function step(
    ticketId: string,
    action: TicketAction,
    input: Record<string, unknown>,
    at: Date,
    unitKey: string,
  ): Promise<Ticket> {
    const t = await db
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', ticketId)
      .executeTakeFirstOrThrow();
    const { patch, event } = decide(t, action, input, {
      at,
      actorKind: 'staff',
      actorUserId: staffOf(unitKey, action),
      actorUnitId: id(unitKey),
      reason: transitionFor(action).reasonRequired ? String(input.reason ?? '') : null,
    });
    const { seq } = await db
      .selectFrom('ticket_events')
      .select(sql<number>`max(seq)`.as('seq'))
      .where('ticket_id', '=', ticketId)
      .executeTakeFirstOrThrow();
    await db.updateTable('tickets').set(patch).where('id', '=', ticketId).execute();
    await db
      .insertInto('ticket_events')
      .values({
        ...event,
        tenant_id: c.tenantId,
        ticket_id: ticketId,
        seq: Number(seq) + 1,
        payload: JSON.stringify(event.payload),
      })
      .execute();
    return { ...t, ...patch } as Ticket;
  }
  /** A time a fraction of the way from the ticket's last event to now. */
  const between = (t: { last_at: Date }, f: number) =>
    new Date(new Date(t.last_at).getTime() + Math.floor(room(t) * f));

  // ── 上交: two pending, two refused, two accepted by the centre for the district ──
  if (districtGov) {
    const verdicts = ['pending', 'pending', 'refused', 'refused', 'accepted', 'accepted'] as const;
    for (const [i, verdict] of verdicts.entries()) {
      const t = pick(townshipLed, 2 * HOUR);
      if (!t) break;
      const e = ESCALATIONS[i % ESCALATIONS.length]!;
      const raisedAt = between(t, 0.3);
      const toUnitId = id(districtGov);
      await step(
        t.id,
        'escalate',
        { ...e, needsNote: e.needsNote || undefined, toUnitId },
        raisedAt,
        t.lead_key,
      );
      const escalationId = newId();
      const reviewedAt = between(t, 0.7);
      await db
        .insertInto('escalations')
        .values({
          id: escalationId,
          tenant_id: c.tenantId,
          ticket_id: t.id,
          from_unit_id: id(t.lead_key),
          to_unit_id: toUnitId,
          reason: e.reason,
          tried: e.tried,
          needs: e.needs as never,
          needs_note: e.needsNote || null,
          state: verdict,
          raised_by: staffOf(t.lead_key, 'escalate'),
          raised_at: raisedAt,
          reviewed_by: verdict === 'pending' ? null : staffOf(centre, 'review_escalation'),
          reviewed_unit_id: verdict === 'pending' ? null : id(centre),
          reviewed_at: verdict === 'pending' ? null : reviewedAt,
          review_note: verdict === 'pending' ? null : ESCALATION_REVIEWS[verdict],
        })
        .execute();
      out.escalations++;
      if (verdict === 'pending') continue;
      await step(
        t.id,
        'review_escalation',
        {
          verdict,
          note: ESCALATION_REVIEWS[verdict],
          escalationId,
          fromUnitId: id(t.lead_key),
          toUnitId,
        },
        reviewedAt,
        centre,
      );
      if (verdict === 'accepted') {
        await db
          .updateTable('ticket_assignments')
          .set({ ended_at: reviewedAt })
          .where('ticket_id', '=', t.id)
          .where('unit_id', 'in', [id(t.lead_key), toUnitId])
          .where('ended_at', 'is', null)
          .execute();
        await db
          .insertInto('ticket_assignments')
          .values([
            {
              id: newId(),
              tenant_id: c.tenantId,
              ticket_id: t.id,
              unit_id: toUnitId,
              role: 'lead',
              assigned_at: reviewedAt,
              ended_at: null,
            },
            {
              id: newId(),
              tenant_id: c.tenantId,
              ticket_id: t.id,
              unit_id: id(t.lead_key),
              role: 'watcher',
              assigned_at: reviewedAt,
              ended_at: null,
            },
          ])
          .execute();
      }
    }
  }

  // ── 下交群评: proposed, refused, on the ledger, deliberated, posted, settled ─────
  type Stage = 'proposed' | 'refused' | 'on_ledger' | 'deliberated' | 'posted' | 'settled';
  // The rarer, longer stories first, so a small demo still has every stage.
  const stages: Stage[] = [
    'settled',
    'posted',
    'refused',
    'proposed',
    'on_ledger',
    'deliberated',
    'settled',
    'posted',
    'proposed',
    'on_ledger',
    'settled',
  ];
  for (const [i, stage] of stages.entries()) {
    const t = pick(
      (x) => Boolean(villageOfPlace(x.place_code)),
      stage === 'settled' ? DAY : 6 * HOUR,
    );
    if (!t) break;
    const villageCode = villageOfPlace(t.place_code)!;
    const villageKey = govAt.get(villageCode)!;
    const signerKey = govAt.get(parentOf.get(villageCode)!)!;
    // The lead must sit in the village's township (or be the village itself).
    const leadCode = unitByKey.get(t.lead_key)!.jurisdictionCode;
    if (leadCode !== villageCode && leadCode !== parentOf.get(villageCode)) continue;
    const proposal = PROPOSALS[i % PROPOSALS.length]!;
    const proposedAt = between(t, 0.1);
    await step(
      t.id,
      'propose_deliberation',
      {
        basis: proposal.basis,
        villageUnitId: id(villageKey),
        reason: proposal.reason,
        signerUnitId: id(signerKey),
      },
      proposedAt,
      t.lead_key,
    );
    const deliberationId = newId();
    const row = {
      id: deliberationId,
      tenant_id: c.tenantId,
      ticket_id: t.id,
      basis: proposal.basis,
      reason: proposal.reason,
      proposed_by: staffOf(t.lead_key, 'propose_deliberation'),
      proposed_unit_id: id(t.lead_key),
      proposed_at: proposedAt,
      village_unit_id: id(villageKey),
      signer_unit_id: id(signerKey),
      state: 'proposed' as const,
    };
    out.deliberations++;
    if (stage === 'proposed') {
      await db.insertInto('deliberations').values(row).execute();
      continue;
    }
    const signedAt = between(t, 0.2);
    const signed = stage !== 'refused';
    const signNote = signed
      ? '经乡镇党委会研究,同意下交村(社区)群众评议'
      : '尚未穷尽办理手段,请继续办理';
    await step(
      t.id,
      'sign_off_deliberation',
      {
        verdict: signed ? 'signed' : 'refused',
        note: signNote,
        deliberationId,
        ...(signed ? { villageUnitId: id(villageKey) } : {}),
      },
      signedAt,
      signerKey,
    );
    await db
      .insertInto('deliberations')
      .values({
        ...row,
        state: signed ? 'on_ledger' : 'refused',
        signed_by: staffOf(signerKey, 'sign_off_deliberation'),
        signed_at: signedAt,
        sign_note: signNote,
        ended_at: signed ? null : signedAt,
      })
      .execute();
    if (!signed) continue;
    await db
      .insertInto('ticket_assignments')
      .values({
        id: newId(),
        tenant_id: c.tenantId,
        ticket_id: t.id,
        unit_id: id(villageKey),
        role: 'delegate',
        assigned_at: signedAt,
        ended_at: null,
      })
      .execute();
    if (stage === 'on_ledger') continue;

    // The session, archived the same day.
    const panel = panelOf.get(villageKey)!;
    const s = SESSIONS[i % SESSIONS.length]!;
    const heldAt = between(t, 0.35);
    const sessionId = newId();
    const session = {
      heldAt: heldAt.toISOString(),
      place: `${unitByKey.get(villageKey)!.shortName}党群服务中心`,
      convenor: '村(社区)党组织书记',
      panelMemberIds: panel.members.map((m) => m.id),
      participants: [
        { name: '村(居)民代表五人', kind: 'villager_representative' as const },
        { name: '党员代表三人', kind: 'party_member' as const },
        { name: '本网格网格员', kind: 'grid_worker' as const },
        { name: '诉求人', kind: 'requester' as const },
      ],
      matter: s.matter,
      minutes: s.minutes,
      finding: s.finding,
      settlement: s.settlement,
      signatures: panel.members.map((m) => ({ name: m.name, signedAt: heldAt.toISOString() })),
    };
    await step(
      t.id,
      'hold_session',
      { ...session, sessionId, deliberationId, panelId: panel.id },
      heldAt,
      villageKey,
    );
    const archivedAt = new Date(heldAt.getTime() + HOUR);
    await db
      .insertInto('deliberation_sessions')
      .values({
        id: sessionId,
        tenant_id: c.tenantId,
        deliberation_id: deliberationId,
        ticket_id: t.id,
        unit_id: id(villageKey),
        panel_id: panel.id,
        held_at: heldAt,
        place: session.place,
        convenor: session.convenor,
        panel_member_ids: session.panelMemberIds,
        participants: JSON.stringify(session.participants),
        matter: s.matter,
        minutes: s.minutes,
        finding: s.finding,
        settlement: s.settlement,
        signatures: JSON.stringify(session.signatures),
        attachment_ids: [],
        recorded_by: staffOf(villageKey, 'hold_session'),
        recorded_at: heldAt,
        archived_at: archivedAt,
        archived_by: staffOf(villageKey, 'archive_session'),
      })
      .execute();
    await step(
      t.id,
      'archive_session',
      { sessionId, attachmentIds: [], signatureCount: session.signatures.length },
      archivedAt,
      villageKey,
    );
    out.sessions++;
    if (stage === 'deliberated') continue;

    // 公示: 7 days from the day after; settled ones after it ends (or sooner in a short window).
    const postedAt = new Date(archivedAt.getTime() + HOUR);
    const days =
      stage === 'settled'
        ? Math.max(1, Math.min(7, Math.floor((c.now.getTime() - postedAt.getTime()) / DAY) - 1))
        : 7;
    const endsAt = new Date(postedAt.getTime() + days * DAY);
    const noticeId = newId();
    await step(
      t.id,
      'publish_notice',
      {
        sessionId,
        text: s.notice,
        days,
        noticeId,
        finding: s.finding,
        endsAt: endsAt.toISOString(),
      },
      postedAt,
      villageKey,
    );
    const villageName = unitByKey.get(villageKey)!.name;
    await db
      .insertInto('public_notices')
      .values({
        id: noticeId,
        tenant_id: c.tenantId,
        ticket_id: t.id,
        deliberation_id: deliberationId,
        session_id: sessionId,
        unit_id: id(villageKey),
        jurisdiction_id: (
          await db
            .selectFrom('units')
            .select('jurisdiction_id')
            .where('id', '=', id(villageKey))
            .executeTakeFirstOrThrow()
        ).jurisdiction_id,
        title: `${villageName}关于“${(await db.selectFrom('tickets as t').innerJoin('categories as c', 'c.id', 't.category_id').select('c.name').where('t.id', '=', t.id).executeTakeFirstOrThrow()).name}”诉求的群众评议结果公示`,
        text: s.notice,
        finding: s.finding,
        starts_at: postedAt,
        ends_at: endsAt,
        published_by: staffOf(villageKey, 'publish_notice'),
      })
      .execute();
    out.notices++;
    if (stage === 'posted') continue;
    const settledAt = new Date(Math.min(endsAt.getTime() + HOUR, c.now.getTime() - HOUR));
    const note = '公示期内无异议,诉求人签字认可评议结果,销账';
    await step(t.id, 'settle_deliberation', { note }, settledAt, villageKey);
    await db
      .updateTable('deliberations')
      .set({ state: 'settled', ended_at: settledAt, end_note: note })
      .where('id', '=', deliberationId)
      .execute();
  }
  await seedProject();
  await seedBacklog();
  return out;

  /**
   * 积案: the cases open past the demo's 30 days get the regular consultations
   * and a hearing (the first held, with a signed commitment; the third still to
   * come), by their lead unit.
   */
  async function seedBacklog() {
    const old = await db
      .selectFrom('tickets as t')
      .innerJoin('units as u', 'u.id', 't.lead_unit_id')
      .select([
        't.id',
        't.requester_name',
        sql<string>`u.key`.as('lead_key'),
        sql<Date>`(SELECT max(e.at) FROM ticket_events e WHERE e.ticket_id = t.id)`.as('last_at'),
      ])
      .where('t.tenant_id', '=', c.tenantId)
      .where('t.state', 'in', ['dispatched', 'accepted', 'in_progress', 'awaiting_callback'])
      .where('t.received_at', '<=', new Date(c.now.getTime() - 30 * DAY))
      .orderBy('t.code')
      .execute();
    const cases = old.filter((t) => !taken.has(t.id) && room(t) >= 6 * HOUR).slice(0, 3);
    for (const [i, t] of cases.entries()) {
      taken.add(t.id);
      const consult = async (f: number, notes: string) =>
        step(
          t.id,
          'record_consultation',
          {
            heldAt: between(t, f).toISOString(),
            participants: '街乡接诉即办专班、村(社区)书记、包片干部、网格员',
            notes,
            nextSteps: '继续做好诉求人的解释工作,一周后再次会商',
          },
          between(t, f),
          t.lead_key,
        ).then(() =>
          db
            .insertInto('consultations')
            .values({
              id: newId(),
              tenant_id: c.tenantId,
              ticket_id: t.id,
              unit_id: id(t.lead_key),
              held_at: between(t, f),
              participants: '街乡接诉即办专班、村(社区)书记、包片干部、网格员',
              notes,
              next_steps: '继续做好诉求人的解释工作,一周后再次会商',
              recorded_by: staffOf(t.lead_key, 'record_consultation'),
              recorded_at: between(t, f),
            })
            .execute(),
        );
      await consult(0.1, '梳理诉求由来和历次办理情况,分析久拖未决的原因,研究化解思路。');
      if (i === 1) {
        await consult(0.6, '复核诉求人新提出的要求,明确由街乡牵头、相关部门配合的化解方案。');
        continue;
      }
      const hearingId = newId();
      const experts = [
        { name: '高建华', kind: 'deputy' as const, affiliation: '区人大代表' },
        { name: '孟律师', kind: 'lawyer' as const, affiliation: '青岚律师事务所' },
        { name: '韩秀英', kind: 'worthy' as const, affiliation: '本村乡贤' },
      ];
      const scheduledAt = i === 0 ? between(t, 0.4) : new Date(c.now.getTime() + 5 * DAY);
      const matter = '诉求人长期反映的问题多次办理未能化解,召开听证会听取各方意见';
      await step(
        t.id,
        'schedule_hearing',
        {
          scheduledAt: scheduledAt.toISOString(),
          place: '街乡综合治理中心会议室',
          matter,
          experts,
          hearingId,
        },
        between(t, 0.2),
        t.lead_key,
      );
      await db
        .insertInto('hearings')
        .values({
          id: hearingId,
          tenant_id: c.tenantId,
          ticket_id: t.id,
          unit_id: id(t.lead_key),
          state: 'scheduled',
          scheduled_at: scheduledAt,
          place: '街乡综合治理中心会议室',
          matter,
          experts: JSON.stringify(experts),
          scheduled_by: staffOf(t.lead_key, 'schedule_hearing'),
          created_at: between(t, 0.2),
        })
        .execute();
      if (i !== 0) continue;
      const heldAt = between(t, 0.45);
      const signer = t.requester_name ?? '诉求人';
      const commitment = {
        signerName: signer,
        signedAt: heldAt.toISOString(),
        text: '本人对听证结论无异议,同意按评议意见办理,今后不再就此事重复信访。',
      };
      const signatures = experts.map((e) => ({ name: e.name, signedAt: heldAt.toISOString() }));
      const minutes =
        '听证会由街乡分管领导主持。诉求人陈述诉求,承办单位说明办理经过和政策依据,人大代表、律师和乡贤分别发表意见,认为已按政策办理到位,建议在政策范围内给予帮扶。诉求人表示认可。';
      const outcome = '按政策办理到位,由村委会协助申请临时救助,诉求人签订息诉罢访承诺书';
      await step(
        t.id,
        'record_hearing',
        {
          hearingId,
          heldAt: heldAt.toISOString(),
          minutes,
          outcome,
          commitment: { ...commitment, signerName: maskName(signer) },
          signatures,
        },
        heldAt,
        t.lead_key,
      );
      await db
        .updateTable('hearings')
        .set({
          state: 'held',
          held_at: heldAt,
          minutes,
          outcome,
          signatures: JSON.stringify(signatures),
          commitment: JSON.stringify(commitment),
          recorded_by: staffOf(t.lead_key, 'record_hearing'),
          recorded_at: heldAt,
        })
        .where('id', '=', hearingId)
        .execute();
    }
  }

  /**
   * 每月一题: the commonest problem of one township over the last two months
   * becomes a project of its government, with milestones, and the dispatcher
   * gathers its tickets into it (link_project, as the project page does).
   */
  async function seedProject() {
    const since = new Date(c.now.getTime() - 60 * DAY);
    const top = (
      await sql<{ category_id: string; name: string; township_id: string; township: string }>`
        SELECT t.category_id, cat.name, tw.id AS township_id, tw.name AS township
          FROM tickets t
          JOIN categories cat ON cat.id = t.category_id
          JOIN jurisdictions j ON j.id = t.jurisdiction_id
          JOIN jurisdictions tw ON tw.level = 'township' AND j.path LIKE tw.path || '%'
         WHERE t.tenant_id = ${c.tenantId} AND t.received_at >= ${since}
         GROUP BY t.category_id, cat.name, cat.code, tw.id, tw.name, tw.code
         ORDER BY count(*) DESC, cat.code, tw.code
         LIMIT 1`.execute(db)
    ).rows[0];
    if (!top) return;
    const owner = await db
      .selectFrom('units')
      .select(['id', 'key'])
      .where('tenant_id', '=', c.tenantId)
      .where('jurisdiction_id', '=', top.township_id)
      .where('kind', '=', 'government')
      .executeTakeFirst();
    if (!owner?.key) return;
    const local = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
    const start = c.now.getTime() - 40 * DAY;
    const projectId = newId();
    const title = `每月一题:${top.township}“${top.name}”问题集中治理`;
    await db
      .insertInto('projects')
      .values({
        id: projectId,
        tenant_id: c.tenantId,
        title,
        problem: `近两个月${top.township}关于“${top.name}”的诉求明显增多,且集中在几个小区和村,属于共性问题,单件办理难以根治。`,
        category_id: top.category_id,
        jurisdiction_id: top.township_id,
        owner_unit_id: owner.id,
        plan: '一、摸底排查:网格员逐户走访,建立问题清单;二、制定方案:街乡统筹,相关部门和村(社区)分工负责;三、集中整治:按清单逐项销号;四、验收回访:对反映过该问题的诉求人逐一回访。',
        budget_note: '街乡专项经费约30万元,不足部分申请区级补助',
        state: 'active',
        monthly_topic: local(start).slice(0, 7),
        starts_on: local(start),
        due_on: local(c.now.getTime() + 50 * DAY),
        created_by: staffOf(centre, 'link_project'),
        created_at: new Date(start),
        updated_at: new Date(start),
        version: 1,
      })
      .execute();
    const milestones: Array<[string, number, boolean]> = [
      ['摸底排查,建立问题清单', -30, true],
      ['制定整治方案并明确分工', -20, true],
      ['集中整治,逐项销号', 20, false],
      ['验收并回访诉求人', 45, false],
    ];
    await db
      .insertInto('project_milestones')
      .values(
        milestones.map(([name, days, done], i) => ({
          id: newId(),
          tenant_id: c.tenantId,
          project_id: projectId,
          title: name,
          due_on: local(c.now.getTime() + days * DAY),
          done_at: done ? new Date(c.now.getTime() + (days - 1) * DAY) : null,
          note: null,
          sort: i,
        })),
      )
      .execute();
    const tickets = await db
      .selectFrom('tickets as t')
      .innerJoin('jurisdictions as j', 'j.id', 't.jurisdiction_id')
      .select([
        't.id',
        sql<Date>`(SELECT max(e.at) FROM ticket_events e WHERE e.ticket_id = t.id)`.as('last_at'),
      ])
      .where('t.tenant_id', '=', c.tenantId)
      .where('t.category_id', '=', top.category_id)
      .where('t.received_at', '>=', new Date(start - 30 * DAY))
      .where('t.master_id', 'is', null)
      .where(
        'j.path',
        'like',
        sql<string>`(SELECT path FROM jurisdictions WHERE id = ${top.township_id}) || '%'`,
      )
      .orderBy('t.code')
      .limit(25)
      .execute();
    for (const t of tickets) {
      if (room(t) < HOUR) continue;
      const at = between(t, 0.5);
      await step(t.id, 'link_project', { projectId, projectTitle: title }, at, centre);
      await db
        .insertInto('project_tickets')
        .values({
          tenant_id: c.tenantId,
          project_id: projectId,
          ticket_id: t.id,
          linked_at: at,
          linked_by: staffOf(centre, 'link_project'),
        })
        .execute();
    }
  }
}

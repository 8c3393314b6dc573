import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  TICKET_STATES,
  TRANSITIONS,
  actionsFrom,
  targetOf,
  type TicketAction,
  type TicketState,
} from '@jiesu/contracts';
import type { Ticket } from '../../db/schema.js';
import { decide, replay, type ActionContext } from './workflow.js';
import { AppError } from '../../shared/errors.js';

const LEAD = '00000000-0000-4000-8000-000000000001';
const LEAD2 = '00000000-0000-4000-8000-000000000002';
const VILLAGE = '00000000-0000-4000-8000-000000000003';
const MASTER = '00000000-0000-4000-8000-0000000000bb';
/** Outcomes that close a ticket at intake, before any unit had it. */
const INTAKE_OUTCOMES = ['answered_at_intake', 'transferred', 'answered_with_progress', 'merged'];

function freshTicket(): Ticket {
  const at = new Date('2026-11-02T01:00:00Z');
  return {
    id: '00000000-0000-4000-8000-0000000000aa',
    tenant_id: 't',
    code: '20261102-000001',
    upstream_id: null,
    channel: 'hotline',
    type: 'help',
    category_id: 'c',
    title: 't',
    description: 'd',
    address: 'a',
    jurisdiction_id: 'j',
    lng: null,
    lat: null,
    requester_name: null,
    requester_phone: null,
    anonymous: false,
    confidential: false,
    urgency: 'normal',
    colour: null,
    subject_unit_id: null,
    lead_unit_id: null,
    holder_unit_id: null,
    state: 'received',
    outcome: null,
    received_at: at,
    dispatched_at: null,
    accepted_at: null,
    feedback_at: null,
    replied_at: null,
    closed_at: null,
    response_due_at: null,
    completion_due_at: null,
    solved: null,
    satisfaction: null,
    reopen_count: 0,
    created_by: null,
    version: 1,
    updated_at: at,
    master_id: null,
    first_contact_at: null,
    paused_at: null,
    paused_until: null,
    assignee_user_id: null,
  };
}

/** A valid input for each action; some are drawn so that every branch is reached. */
const inputArb: Record<TicketAction, fc.Arbitrary<Record<string, unknown>>> = {
  answer_directly: fc.constant({ answer: '已告知办理流程' }),
  dispatch: fc.record({
    leadUnitId: fc.constant(LEAD),
    urgency: fc.constantFrom('normal', 'urgent'),
  }),
  accept: fc.constant({}),
  start_handling: fc.constant({}),
  add_progress: fc.constant({ text: '已联系物业' }),
  give_feedback: fc.constant({ result: '已维修完毕并现场确认', replyText: '您反映的问题已解决' }),
  return_feedback: fc.constant({ reason: '答复不完整' }),
  send_reply: fc.constant({ replyText: '您反映的问题已解决', channel: 'sms' }),
  queue_callback: fc.constant({}),
  record_callback: fc.record({
    solved: fc.boolean(),
    satisfaction: fc.constantFrom('satisfied', 'basically_satisfied', 'dissatisfied'),
    reopen: fc.boolean(),
  }),
  rate: fc.record({
    solved: fc.boolean(),
    satisfaction: fc.constantFrom('satisfied', 'dissatisfied'),
  }),
  add_information: fc.constant({ text: '补充:晚上更严重' }),
  transfer: fc.constant({ route: 'police_110', note: '已转110' }),
  answer_with_progress: fc.constant({ relatedTicketId: MASTER, answer: '原工单正在办理' }),
  merge_into: fc.constant({ masterTicketId: MASTER }),
  unmerge: fc.constant({ reason: '不是同一件事' }),
  relay_reply: fc.constant({ masterTicketId: MASTER, replyText: '您反映的问题已解决' }),
  object: fc.constant({ reason: 'not_our_duty', text: '不属于本单位职责' }),
  review_objection: fc.oneof(
    fc.constant({ verdict: 'upheld', note: '改派', newLeadUnitId: LEAD2, dispatchFault: true }),
    fc.constant({ verdict: 'rejected', note: '属于该单位职责' }),
  ),
  accept_task: fc.constant({}),
  report_part: fc.constant({ text: '已配合完成现场清理' }),
  blow_whistle: fc.constant({ unitIds: [LEAD2], topic: '联合执法', dueHours: 24 }),
  report_in: fc.constant({}),
  pass_down: fc.constant({ toUnitId: VILLAGE }),
  // The service derives whom a pulled-back or sent-up ticket returns to.
  pull_back: fc.constant({ reason: '收回自办', toUnitId: LEAD }),
  send_up: fc.constant({ reason: '村里解决不了', toUnitId: LEAD }),
  convene: fc.constant({ sectionIds: [LEAD2], note: '召集城建科会商' }),
  recalculate_deadlines: fc.constant({ reason: '工作日历调整' }),
  // [Deliberation]; the service derives the upper unit, the village, the session and hearing ids.
  escalate: fc.constant({ reason: '需区级统筹资金', tried: '多次协调未果', needs: ['funds'] }),
  review_escalation: fc.oneof(
    fc.constant({ verdict: 'accepted', note: '符合提级条件', toUnitId: LEAD2 }),
    fc.constant({ verdict: 'refused', note: '属街乡职责' }),
  ),
  propose_deliberation: fc.constant({
    basis: 'repeated_request',
    villageUnitId: VILLAGE,
    reason: '同一诉求人反复诉求',
  }),
  sign_off_deliberation: fc.oneof(
    fc.constant({ verdict: 'signed', note: '同意下交', villageUnitId: VILLAGE }),
    fc.constant({ verdict: 'refused', note: '继续办理' }),
  ),
  hold_session: fc.constant({ sessionId: MASTER, finding: 'unreasonable' }),
  archive_session: fc.constant({ sessionId: MASTER }),
  publish_notice: fc.constant({ sessionId: MASTER, text: '经村民议事会评议,诉求不合理' }),
  settle_deliberation: fc.constant({ note: '诉求人接受评议结果' }),
  schedule_hearing: fc.constant({ hearingId: MASTER }),
  record_hearing: fc.constant({ hearingId: MASTER }),
  record_consultation: fc.constant({ notes: '会商意见' }),
  link_project: fc.constant({ projectId: MASTER }),
  unlink_project: fc.constant({ projectId: MASTER, reason: '不属于该问题' }),
  reply_by_project: fc.constant({ projectId: MASTER, text: '专项已解决', channel: 'sms' }),
  urge: fc.constant({ deadline: '2030-01-01T00:00:00.000Z', note: '请尽快办理' }),
  respond_urge: fc.constant({ reply: '已安排人员处理' }),
  escalate_urge: fc.constant({
    urgeId: MASTER,
    urgedUnitId: LEAD,
    toUnitId: LEAD2,
    deadline: '2026-11-20T08:00:00.000Z',
  }),
  request_volunteers: fc.constant({ teamId: MASTER, description: '请志愿队为独居老人送药' }),
  record_volunteer_help: fc.constant({
    helpRequestId: MASTER,
    teamName: '敬老助老志愿队',
    what: '已送药上门',
    helpedAt: '2026-11-20T08:00:00.000Z',
    hours: 1.5,
    volunteers: [{ id: LEAD, name: '张三', minutes: 90 }],
    recordedBy: { id: LEAD2, name: '王队长' },
  }),
  record_contact: fc.record({
    contactChannel: fc.constantFrom('phone' as const, 'visit' as const),
    contactOutcome: fc.constantFrom('reached' as const, 'no_answer' as const),
  }),
  record_site_visit: fc.record({
    visitedAt: fc.constant('2026-11-20T08:00:00.000Z'),
    place: fc.constant('东湖社区3号楼'),
    findings: fc.constant('楼道灯具损坏,需更换'),
    public: fc.boolean(),
  }),
  request_extension: fc.constant({
    reason: '需协调供电部门更换线路',
    proposedDueAt: '2026-12-20T08:00:00.000Z',
  }),
  review_extension: fc.record({
    decision: fc.constantFrom('approve' as const, 'refuse' as const),
    note: fc.constant('同意延期'),
    proposedDueAt: fc.constant('2026-12-20T08:00:00.000Z'),
  }),
  request_suspension: fc.constant({
    suspensionKind: 'waiting_requester',
    reason: '等待诉求人补充房屋产权材料',
    until: '2026-12-01T08:00:00.000Z',
  }),
  review_suspension: fc.record({
    decision: fc.constantFrom('approve' as const, 'refuse' as const),
    note: fc.constant('同意挂起'),
    until: fc.constant('2026-12-01T08:00:00.000Z'),
  }),
  resume_handling: fc.constant({ completionDueAt: '2026-12-22T08:00:00.000Z' }),
  end_suspension: fc.constant({ requestId: MASTER, completionDueAt: '2026-12-22T08:00:00.000Z' }),
  request_termination: fc.constant({ terminationKind: 'withdrawn', reason: '诉求人来电撤回诉求' }),
  review_termination: fc.record({
    decision: fc.constantFrom('approve' as const, 'refuse' as const),
    note: fc.constant('情况属实'),
  }),
  hand_over: fc.constant({ toUserId: MASTER, note: '交由同事跟进' }),
  // [Handling] the callback desk; the hook derives the attempt's number and the last one.
  record_callback_attempt: fc.record({
    result: fc.constantFrom('no_answer' as const, 'busy' as const),
    attempt: fc.constant(1),
    notReached: fc.boolean(),
  }),
  review_callback: fc.record({
    decision: fc.constantFrom('reopen' as const, 'close' as const),
    reason: fc.constant('经复核,确属未解决'),
  }),
  callback_due: fc.constant({}),
  close_unrated: fc.constant({}),
};

const ctxAt = (at: Date): ActionContext => ({
  at,
  actorKind: 'staff',
  actorUserId: null,
  actorUnitId: null,
  deadlines: {
    responseDueAt: new Date(at.getTime() + 7200_000).toISOString(),
    completionDueAt: new Date(at.getTime() + 5 * 86400_000).toISOString(),
  },
});

describe('the state machine table', () => {
  it('only names known states, and every state but closed has a way forward', () => {
    for (const t of TRANSITIONS) {
      for (const s of t.from) expect(TICKET_STATES).toContain(s);
      const targets = typeof t.to === 'string' ? [t.to] : t.to.map((b) => b.to);
      for (const s of targets) if (s !== 'same') expect(TICKET_STATES).toContain(s);
    }
    for (const s of TICKET_STATES) {
      // A closed ticket only comes back when it was merged and its master has not replied;
      // the platform relays the master's reply to it; a project may gather closed tickets;
      // a unit still answers an urge (督办) made before the ticket closed, and one
      // left unanswered still escalates.
      if (s === 'closed')
        expect(actionsFrom(s).sort()).toEqual([
          'escalate_urge',
          'link_project',
          'relay_reply',
          'respond_urge',
          'unlink_project',
          'unmerge',
        ]);
      else expect(actionsFrom(s).length).toBeGreaterThan(0);
    }
  });

  it('every branching row resolves every valid input to exactly one target', () => {
    const rc = TRANSITIONS.find((t) => t.action === 'record_callback')!;
    expect(targetOf(rc, 'awaiting_callback', { solved: true })).toEqual({
      to: 'closed',
      outcome: 'solved',
    });
    expect(targetOf(rc, 'awaiting_callback', { solved: false, reopen: true })?.to).toBe(
      'dispatched',
    );
    // [Handling] "unsolved" without a reopen waits for the reviewer (review_callback).
    expect(targetOf(rc, 'awaiting_callback', { solved: false })).toEqual({
      to: 'awaiting_callback',
    });
    const rv = TRANSITIONS.find((t) => t.action === 'review_callback')!;
    expect(targetOf(rv, 'awaiting_callback', { decision: 'reopen' })?.to).toBe('dispatched');
    expect(targetOf(rv, 'replied', { decision: 'close' })).toEqual({
      to: 'closed',
      outcome: 'unsolved',
    });
    const at = TRANSITIONS.find((t) => t.action === 'record_callback_attempt')!;
    expect(targetOf(at, 'replied', { attempt: 2, notReached: false })).toEqual({ to: 'replied' });
    expect(targetOf(at, 'replied', { attempt: 3, notReached: true })).toEqual({
      to: 'closed',
      outcome: 'not_reached',
    });
  });
});

/** Actions whose every branch closes the ticket. */
const CLOSING = new Set(
  TRANSITIONS.filter((d) =>
    (typeof d.to === 'string' ? [d.to] : d.to.map((b) => b.to)).every((to) => to === 'closed'),
  ).map((d) => d.action),
);

/**
 * Rules of the service (policy.blockedBy) that keep states the machine alone would allow
 * out of reach: only a merged ticket is unmerged, or has its master's reply relayed.
 */
const GUARDS: Partial<Record<TicketAction, (t: Ticket) => boolean>> = {
  unmerge: (t) => t.master_id !== null,
  relay_reply: (t) => t.master_id !== null,
};

describe('decide (property-based)', () => {
  it('random action sequences never reach an illegal state, and replay rebuilds the row', () => {
    // What the walks reached, over all runs: a walk of uniformly drawn actions mostly hits
    // illegal ones and stays near `received`; these walks draw mostly among the actions the
    // current state allows (and sometimes any action), so they go deep and round the loops.
    const reached = new Set<TicketState>();
    const taken = new Set<TicketAction>();
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.integer({ min: 1, max: 600 }),
            // About one step in eight is any action at all, most likely an illegal one.
            fc.nat({ max: 7 }).map((n) => n === 0),
          ),
          // `size: 'max'`: without it fast-check keeps arrays to about ten items.
          { minLength: 20, maxLength: 120, size: 'max' },
        ),
        fc.infiniteStream(fc.nat()),
        fc.nat(),
        (steps, seeds, cut) => {
          let t = freshTicket();
          const created = t;
          const events: Parameters<typeof replay>[1][number][] = [];
          /** The row after each legal step: `rows[k]` is what the first k events replay to. */
          const rows: Ticket[] = [t];
          const it = seeds[Symbol.iterator]();
          let at = t.received_at.getTime();
          for (const [pick, minutes, any] of steps) {
            // Closing moves are drawn one time in four, so walks run long.
            const allowed = actionsFrom(t.state).filter((a) => GUARDS[a]?.(t) ?? true);
            const open = allowed.filter((a) => !CLOSING.has(a));
            const pool = open.length && pick % 4 !== 0 ? open : allowed;
            const action: TicketAction =
              any || pool.length === 0
                ? TRANSITIONS[pick % TRANSITIONS.length]!.action
                : pool[Math.floor(pick / 4) % pool.length]!;
            if (!(GUARDS[action]?.(t) ?? true)) continue;
            at += minutes * 60_000;
            const input = fc.sample(inputArb[action], {
              seed: it.next().value as number,
              numRuns: 1,
            })[0]!;
            const def = TRANSITIONS.find((d) => d.action === action)!;
            const legal = def.from.includes(t.state);
            let result;
            try {
              result = decide(t, action, input, ctxAt(new Date(at)));
            } catch (e) {
              // An illegal move is refused with a stable error, and nothing changes.
              expect(e).toBeInstanceOf(AppError);
              expect(legal && targetOf(def, t.state, input) !== undefined).toBe(false);
              continue;
            }
            expect(legal).toBe(true);
            const next = { ...t, ...result.patch } as Ticket;
            // Invariants of every reachable ticket.
            expect(TICKET_STATES).toContain(next.state);
            expect(next.version).toBe(t.version + 1);
            expect(result.event.from_state).toBe(t.state);
            expect(result.event.to_state).toBe(next.state);
            if (next.state === 'closed') expect(next.outcome).not.toBeNull();
            else expect(next.outcome).toBeNull();
            if (next.state !== 'received' && !INTAKE_OUTCOMES.includes(next.outcome ?? '')) {
              expect([LEAD, LEAD2]).toContain(next.lead_unit_id);
              expect(next.holder_unit_id).not.toBeNull();
              expect(next.completion_due_at).not.toBeNull();
            }
            // A merged ticket points at its master, and only a merged one does.
            expect(next.master_id).toBe(next.outcome === 'merged' ? MASTER : null);
            if (next.state === 'dispatched') expect(next.accepted_at).toBeNull();
            // [Handling] a pause lives only in handling, with its bound.
            if (next.paused_at) expect(['accepted', 'in_progress']).toContain(next.state);
            expect(next.paused_at === null).toBe(next.paused_until === null);
            // A relayed reply leaves a closed ticket closed, with the outcome it had.
            if (action === 'relay_reply') {
              expect(next.state).toBe('closed');
              expect(next.outcome).toBe(t.outcome);
              expect(next.master_id).toBe(t.master_id);
            }
            events.push({ ...result.event, payload: result.event.payload });
            reached.add(next.state);
            taken.add(action);
            t = next;
            rows.push(t);
          }
          expect(replay(created, events)).toEqual(t);
          // Any prefix of the trail replays to the row as it was then.
          const k = cut % (events.length + 1);
          expect(replay(created, events.slice(0, k))).toEqual(rows[k]);
        },
      ),
      { numRuns: 300 },
    );
    // The walks covered the machine: every state, and every action of the table.
    expect([...TICKET_STATES].filter((s) => s !== 'received' && !reached.has(s))).toEqual([]);
    expect(TRANSITIONS.map((d) => d.action).filter((a) => !taken.has(a))).toEqual([]);
  });

  it('refuses every action outside its from-states', () => {
    for (const def of TRANSITIONS) {
      for (const s of TICKET_STATES as readonly TicketState[]) {
        if (def.from.includes(s)) continue;
        const t = { ...freshTicket(), state: s, lead_unit_id: LEAD };
        expect(() =>
          decide(t, def.action, fc.sample(inputArb[def.action], 1)[0]!, ctxAt(new Date())),
        ).toThrow(AppError);
      }
    }
  });
});

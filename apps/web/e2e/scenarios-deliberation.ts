// Browser scenarios of [Deliberation]: escalation (上交/提级) accepted by the
// district and refused by a township, and village deliberation (下交群评) from the
// elders panel through proposal, sign-off, the session, the public notice a
// resident reads on a phone, to the case settled on the ledger. Run after the
// scenarios of scenarios.ts. Tickets are prepared through the API where the
// interface is not what is shown.
import type { Locator, Page } from 'playwright-core';
import type { TicketDeliberation, TicketView, UnitView } from '@jiesu/contracts';
import { fmt, t } from '../src/i18n';
import { DESKTOP, PHONE, apiLogin, openActor, shot, type Actor, type Stack } from './harness';
import { actionButton, expectText, login, pick, submitModal } from './ui';
import type { Scenario } from './scenarios';
import { tDeliberation } from '../src/i18n/deliberation';

// A 1×1 PNG: enough for the server's type check (the signed sheet's scan).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const d = tDeliberation;

async function signedIn(
  stack: Stack,
  actors: Actor[],
  viewport: { width: number; height: number },
  username: string,
): Promise<{ actor: Actor; page: Page }> {
  const a = await openActor(viewport);
  actors.push(a);
  await login(a.page, stack.base, username);
  return { actor: a, page: a.page };
}

/** The village committee the demo `village` user works in, its village and township. */
async function villageUnit(stack: Stack) {
  const v = await apiLogin(stack.api, 'village');
  const role = v.me.roles[0];
  if (!role) throw new Error('village user has no role');
  const units = await v.call<UnitView[]>('GET', '/api/org/units');
  const unit = units.find((u) => u.id === role.unitId);
  const places = await v.call<{ id: string; name: string; parentId: string | null }[]>(
    'GET',
    '/api/org/jurisdictions',
  );
  const place = places.find((p) => p.id === unit?.jurisdictionId);
  if (!unit || !place) throw new Error('village unit or its place not found');
  return { unit, place };
}

/** A demo user's (first) unit. */
async function unitOf(stack: Stack, username: string) {
  const a = await apiLogin(stack.api, username);
  const role = a.me.roles[0];
  if (!role) throw new Error(`${username} has no role`);
  return role;
}

/**
 * A street-light call in the `village` user's village, entered by the agent,
 * dispatched to `lead` and signed for there by `signer`.
 */
async function ticketLedBy(
  stack: Stack,
  lead: 'street' | 'village',
  call: { title: string; description: string; address: string; name: string; phone: string },
): Promise<TicketView> {
  const { place } = await villageUnit(stack);
  const agent = await apiLogin(stack.api, 'agent');
  const cats = await agent.call<{ id: string; name: string }[]>('GET', '/api/categories');
  const cat = cats.find((c) => c.name === '路灯不亮') ?? cats.find((c) => c.name.includes('路灯'));
  if (!cat) throw new Error('category not found');
  const tk = await agent.call<TicketView>('POST', '/api/tickets', {
    channel: 'hotline',
    type: 'help',
    categoryId: cat.id,
    title: call.title,
    description: call.description,
    address: `${place.name}${call.address}`,
    jurisdictionId: place.id,
    urgency: 'normal',
    requester: { name: call.name, phone: call.phone },
  });
  const unit = await unitOf(stack, lead);
  const dispatcher = await apiLogin(stack.api, 'dispatcher');
  await dispatcher.call('POST', `/api/tickets/${tk.id}/actions/dispatch`, {
    input: { leadUnitId: unit.unitId },
  });
  const handler = await apiLogin(stack.api, lead);
  return handler.call<TicketView>('POST', `/api/tickets/${tk.id}/actions/accept`, { input: {} });
}

/** Clicks an antd radio (button) by its whole visible text (which may hold brackets). */
async function choose(page: Page, text: string): Promise<void> {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page
    .locator('label.ant-radio-button-wrapper, label.ant-radio-wrapper')
    .filter({ hasText: new RegExp(`^\\s*${escaped}\\s*$`) })
    .first()
    .click();
}

/** Picks an option of a plain (not searchable) antd Select by its label. */
async function selectOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  const opt = page.locator('.ant-select-dropdown:visible .ant-select-item-option', {
    hasText: option,
  });
  await opt.first().click();
  try {
    await opt.first().waitFor({ state: 'hidden', timeout: 5_000 });
  } catch {
    // Under load the list can stay open with the option chosen: close it.
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option-selected', {
        hasText: option,
      })
      .first()
      .waitFor();
    await page.keyboard.press('Escape');
    await opt.first().waitFor({ state: 'hidden' });
  }
}

function modal(page: Page): Locator {
  return page.locator('.ant-modal:visible');
}

function modalField(page: Page, label: string): Locator {
  return modal(page).getByLabel(label, { exact: true });
}

function toolbarButton(page: Page, action: keyof typeof t.action): Locator {
  return page.getByRole('toolbar').getByRole('button', { name: t.action[action], exact: true });
}

/** The ticket details' value of one field (the first card of the page). */
function detail(page: Page, label: string): Locator {
  return page
    .locator('.ant-descriptions-item')
    .filter({
      has: page.locator('.ant-descriptions-item-label', { hasText: new RegExp(`^${label}$`) }),
    })
    .first()
    .locator('.ant-descriptions-item-content');
}

async function deliberationOf(stack: Stack, ticketId: string): Promise<TicketDeliberation> {
  const a = await apiLogin(stack.api, 'dispatcher');
  return a.call<TicketDeliberation>('GET', `/api/tickets/${ticketId}/deliberation`);
}

/** Fills and submits 申请上交 on the ticket page. */
async function escalate(
  page: Page,
  input: { reason: string; tried: string; needs: string[]; note: string },
  shotName: string,
) {
  await actionButton(page, 'escalate');
  await modalField(page, t.web.field.reason).fill(input.reason);
  await modalField(page, t.web.field.tried).fill(input.tried);
  for (const n of input.needs) await modal(page).getByRole('checkbox', { name: n }).check();
  await modalField(page, t.web.field.needsNote).fill(input.note);
  await shot(page, shotName);
  await submitModal(page);
}

/** Reviews the ticket's escalation from 上交审核's "waiting for me" tab. */
async function reviewFromList(
  page: Page,
  code: string,
  verdict: 'accepted' | 'refused',
  note: string,
  shotName: string,
) {
  await page
    .getByRole('navigation', { name: t.web.nav.label })
    .getByRole('link', { name: t.web.nav.escalations })
    .click();
  await page.getByRole('tab', { name: d.toMe, selected: true }).waitFor();
  const row = page.getByTestId('escalation-row').filter({ hasText: code });
  await row.getByText(t.escalationState.pending).waitFor();
  await row.getByRole('button', { name: d.review }).click();
  await modal(page).waitFor();
  await choose(page, t.verdict[verdict]);
  await modalField(page, t.web.field.note).fill(note);
  await shot(page, shotName);
  await submitModal(page);
  // Reviewed: it leaves the pending list.
  await row.waitFor({ state: 'detached' });
}

export const escalationAccepted: Scenario = {
  name: 'a township escalates (上交) to the district; the centre accepts: the district government leads',
  async run(stack, actors) {
    const tk = await ticketLedBy(stack, 'street', {
      title: '主干道路灯线路整体老化(上交)',
      description: '来电人反映镇主干道两公里路灯线路老化,经常成片不亮,需要整体改造。',
      address: '主干道',
      name: '钱立新',
      phone: '13900139661',
    });
    const township = await unitOf(stack, 'street');

    // 1. The township's handler asks to escalate: why, what was tried, what it needs.
    const { page: sp } = await signedIn(stack, actors, DESKTOP, 'street');
    await sp.goto(`${stack.base}/tickets/${tk.id}`);
    await escalate(
      sp,
      {
        reason: '主干道路灯线路整体老化,需整体改造,超出镇级财力和权限',
        tried: '镇里已组织电工抢修三次,更换损坏灯具十余盏,仍反复断电',
        needs: [t.escalationNeed.funds, t.escalationNeed.departments],
        note: '改造资金约80万元,需城管、供电部门配合',
      },
      '13-01-street-escalates',
    );
    const panel = sp.getByTestId('deliberation-panel');
    const item = panel.getByTestId('escalation-item');
    await item.getByText(t.escalationState.pending).waitFor();
    const pending = await deliberationOf(stack, tk.id);
    const up = pending.escalations[0];
    if (pending.escalations.length !== 1 || !up || up.fromUnit.id !== township.unitId)
      throw new Error(`escalations: ${JSON.stringify(pending.escalations)}`);
    await item.getByText(fmt(d.fromTo, { from: up.fromUnit.name, to: up.toUnit.name })).waitFor();
    await item
      .getByText(`${t.escalationNeed.funds}、${t.escalationNeed.departments}`, { exact: false })
      .waitFor();
    await shot(sp, '13-02-street-escalation-pending');

    // 2. The dispatch centre reviews it for the district on 上交审核 and accepts it.
    const { page: dp } = await signedIn(stack, actors, DESKTOP, 'dispatcher');
    const note = '涉及资金和多部门协调,提级由区政府统筹办理';
    await reviewFromList(dp, tk.code, 'accepted', note, '13-03-dispatcher-reviews');
    await dp.getByRole('tab', { name: d.all }).click();
    const row = dp.getByTestId('escalation-row').filter({ hasText: tk.code });
    await row.getByText(t.escalationState.accepted).waitFor();
    await dp
      .locator('.ant-card')
      .filter({ hasText: d.stats })
      .locator('.ant-table-row')
      .filter({ hasText: up.fromUnit.name })
      .waitFor();
    await shot(dp, '13-04-escalations-accepted-and-stats');

    // 3. The ticket: the district's government leads, the escalation shows accepted.
    await row.getByRole('link', { name: tk.code }).click();
    await dp.getByRole('heading', { name: tk.title }).waitFor();
    await detail(dp, t.web.ticket.leadUnit).getByText(up.toUnit.name).waitFor();
    const accepted = dp.getByTestId('deliberation-panel').getByTestId('escalation-item');
    await accepted.getByText(t.escalationState.accepted).waitFor();
    await accepted.getByText(note).waitFor();
    await shot(dp, '13-05-ticket-led-by-district');
    const after = await (
      await apiLogin(stack.api, 'dispatcher')
    ).call<TicketView>('GET', `/api/tickets/${tk.id}`);
    if (after.leadUnit?.id !== up.toUnit.id || after.state !== 'in_progress')
      throw new Error(`after acceptance: ${after.state}, lead ${after.leadUnit?.name}`);
    if (!/区/.test(up.toUnit.name)) throw new Error(`escalated to ${up.toUnit.name}`);

    // The township keeps sight of it and no longer answers for it.
    await sp.reload();
    await detail(sp, t.web.ticket.leadUnit).getByText(up.toUnit.name).waitFor();
    await item.getByText(t.escalationState.accepted).waitFor();
    if (await toolbarButton(sp, 'give_feedback').count())
      throw new Error('the township is still offered feedback');
  },
};

export const escalationRefused: Scenario = {
  name: 'a village escalates to its township, which refuses with a reason: the village still leads',
  async run(stack, actors) {
    const { unit } = await villageUnit(stack);
    const tk = await ticketLedBy(stack, 'village', {
      title: '村内排水沟堵塞(上交不予提级)',
      description: '来电人反映村里排水沟长期堵塞,下雨时积水漫进院子。',
      address: '西头排水沟',
      name: '孙桂芳',
      phone: '13900139662',
    });

    // 1. The village committee, on a phone, asks its township to take it.
    const { page: vp } = await signedIn(stack, actors, PHONE, 'village');
    await vp.goto(`${stack.base}/tickets/${tk.id}`);
    await escalate(
      vp,
      {
        reason: '排水沟疏通需要机械作业,村里没有设备',
        tried: '村里组织人工清掏两次,仍不能根本解决',
        needs: [t.escalationNeed.authority],
        note: '需镇里协调机械',
      },
      '14-01-village-escalates',
    );
    const item = vp.getByTestId('deliberation-panel').getByTestId('escalation-item');
    await item.getByText(t.escalationState.pending).waitFor();

    // 2. The township's leader refuses it with the reason.
    const { page: lp } = await signedIn(stack, actors, DESKTOP, 'leader');
    const note = '属村级日常管护职责,镇城建科派人现场指导疏通';
    await reviewFromList(lp, tk.code, 'refused', note, '14-02-leader-refuses');

    // 3. Nothing moved: the village leads, signed for and still answering for it.
    await vp.reload();
    await item.getByText(t.escalationState.refused).waitFor();
    await item.getByText(note).waitFor();
    await detail(vp, t.web.ticket.leadUnit).getByText(unit.name).waitFor();
    await expectText(vp, t.state.accepted);
    await toolbarButton(vp, 'give_feedback').waitFor();
    await item.scrollIntoViewIfNeeded();
    await shot(vp, '14-03-village-still-leads');
    const after = await (
      await apiLogin(stack.api, 'dispatcher')
    ).call<TicketView>('GET', `/api/tickets/${tk.id}`);
    if (after.leadUnit?.id !== unit.id || after.state !== 'accepted')
      throw new Error(`after refusal: ${after.state}, lead ${after.leadUnit?.name}`);
  },
};

/** Fills the elders panel drawer's member rows from `names` (row i gets names[i]). */
async function fillMembers(drawer: Locator, names: string[]) {
  for (const [i, name] of names.entries())
    await drawer.getByLabel(`${d.memberName} ${i + 1}`, { exact: true }).fill(name);
}

export const villageDeliberation: Scenario = {
  name: 'village deliberation (下交群评): elders panel, proposal, sign-off, session, notice a resident reads, settled on the ledger',
  async run(stack, actors) {
    const { unit, place } = await villageUnit(stack);
    const requester = { name: '周玉兰', phone: '13900139663' };
    const tk = await ticketLedBy(stack, 'street', {
      title: '要求村口路灯彻夜常亮(下交群评)',
      description: '来电人多次反映要求村口路灯彻夜常亮,并要求在自家门口加装路灯。',
      address: '村口',
      ...requester,
    });

    // 1. The township's leader sets up the village's elders panel: 4 members are refused
    //    (the server's message shows), 5 are kept.
    const { actor: leader, page: lp } = await signedIn(stack, actors, DESKTOP, 'leader');
    await lp
      .getByRole('navigation', { name: t.web.nav.label })
      .getByRole('link', { name: t.web.nav.elders })
      .click();
    const villageRow = lp.getByTestId('elders-row').filter({ hasText: unit.name }).first();
    await villageRow.getByRole('button').click();
    // The demo district's villages have panels already: this is a new term.
    const drawer = lp.getByRole('dialog');
    const rows = drawer.getByTestId('elder-row');
    await rows.first().waitFor();
    while ((await rows.count()) > 4)
      await drawer.getByRole('button', { name: `${d.removeRow} ${await rows.count()}` }).click();
    while ((await rows.count()) < 4)
      await drawer.getByRole('button', { name: d.addMember }).click();
    await drawer.getByText(fmt(d.sizeHint, { n: 4 })).waitFor();
    const members = ['王德厚', '李秀珍', '张国强', '刘桂英', '陈志远'];
    await fillMembers(drawer, members.slice(0, 4));
    await selectOption(lp, `${d.memberKind} 2`, t.elderKind.old_cadre);
    await selectOption(lp, `${d.memberKind} 3`, t.elderKind.model_resident);
    await drawer.getByRole('button', { name: t.web.common.save }).click();
    const refusal = drawer.getByRole('alert');
    await refusal.getByText(t.error.VALIDATION_FAILED, { exact: false }).waitFor();
    await shot(lp, '15-01-leader-elders-4-refused');
    // The 400 is what this step expects, not an error of the page.
    const expected = leader.errors.findIndex((e) =>
      /^http 400 PUT .*\/api\/elder-panels\//.test(e),
    );
    if (expected < 0) throw new Error(`no refused save: ${leader.errors.join('; ')}`);
    leader.errors.splice(expected, 1);
    await drawer.getByRole('button', { name: d.addMember }).click();
    await fillMembers(drawer, members);
    await drawer.getByRole('button', { name: t.web.common.save }).click();
    await drawer.waitFor({ state: 'hidden' });
    await villageRow.getByText(fmt(d.memberCount, { n: 5 })).waitFor();
    await villageRow.getByText(members[4]!, { exact: false }).waitFor();
    await shot(lp, '15-02-leader-elders-5-kept');

    // 2. The township's handler proposes the ticket for the village's deliberation.
    const { page: sp } = await signedIn(stack, actors, DESKTOP, 'street');
    await sp.goto(`${stack.base}/tickets/${tk.id}`);
    await actionButton(sp, 'propose_deliberation');
    await choose(sp, t.deliberationBasis.unsolved_not_escalable);
    await pick(sp, t.web.field.villageUnitId, unit.name);
    await modalField(sp, t.web.field.reason).fill(
      '诉求人要求超出路灯管护标准,多次解释仍不认可,不符合上交条件',
    );
    await shot(sp, '15-03-street-proposes');
    await submitModal(sp);
    const caseItem = sp.getByTestId('deliberation-panel').getByTestId('deliberation-item');
    await caseItem.getByText(t.deliberationState.proposed).waitFor();

    // 3. The township's leader (the party committee) signs it off to the village.
    await lp.goto(`${stack.base}/tickets/${tk.id}`);
    await actionButton(lp, 'sign_off_deliberation');
    await choose(lp, t.verdict.signed);
    await modalField(lp, t.web.field.note).fill('同意下交村委会组织三老评议');
    await submitModal(lp);
    await expectText(lp, t.state.in_deliberation);
    await lp
      .getByTestId('deliberation-panel')
      .getByText(t.deliberationState.on_ledger)
      .first()
      .waitFor();
    await shot(lp, '15-04-leader-signs-off');

    // 4. The village committee records the session with its five elders, archives it
    //    and posts the result.
    const { page: vp } = await signedIn(stack, actors, DESKTOP, 'village');
    await vp.goto(`${stack.base}/tickets/${tk.id}`);
    const sessionPlace = '村党群服务站议事室';
    await actionButton(vp, 'hold_session');
    const m = modal(vp);
    await modalField(vp, t.web.field.place).fill(sessionPlace);
    await modalField(vp, t.web.field.convenor).fill('村党支部书记');
    const ticked = m.getByRole('group', { name: d.pickMembers }).getByRole('checkbox', {
      checked: true,
    });
    await ticked.nth(4).waitFor();
    if ((await ticked.count()) !== 5) throw new Error(`${await ticked.count()} elders ticked`);
    await m.getByRole('button', { name: d.addParticipant }).click();
    await m.getByLabel(`${d.participantName} 1`, { exact: true }).fill('村民代表王大勇');
    await modalField(vp, t.web.field.matter).fill('诉求人要求村口路灯彻夜常亮并在其门口加装路灯');
    await modalField(vp, t.web.field.minutes).fill(
      '评议团成员逐一发表意见:村口路灯按季节定时开关符合管护标准,彻夜常亮增加电费;门口加装路灯不属公共照明范围。',
    );
    await choose(vp, t.deliberationFinding.partly_reasonable);
    await modalField(vp, t.web.field.settlement).fill(
      '村口路灯冬季延长亮灯至24时;门口照明由诉求人自行安装,村里协助联系电工',
    );
    await m.getByRole('button', { name: d.signMembers }).click();
    await m.getByTestId('signature-row').nth(4).waitFor();
    await m
      .locator('input[type=file]')
      .setInputFiles({ name: 'sign-sheet.png', mimeType: 'image/png', buffer: PNG });
    await m
      .locator(
        '.ant-upload-list-item-done, .ant-upload-list-item:not(.ant-upload-list-item-uploading)',
      )
      .first()
      .waitFor();
    await shot(vp, '15-05-village-records-session');
    await submitModal(vp);
    const session = vp.getByTestId('deliberation-panel').getByTestId('session-item');
    await session.getByText(d.notArchived).waitFor();
    await session.getByText(members[0]!, { exact: false }).first().waitFor();

    await actionButton(vp, 'archive_session');
    await modal(vp).getByText(sessionPlace, { exact: false }).waitFor();
    await submitModal(vp);
    await session.getByText(d.archived).first().waitFor();

    const noticeText =
      '经村三老评议团评议,诉求部分合理:村口路灯冬季延长亮灯至24时;门口照明由住户自行安装。';
    await actionButton(vp, 'publish_notice');
    await modal(vp).getByText(sessionPlace, { exact: false }).waitFor();
    await modalField(vp, t.web.field.text).fill(noticeText);
    await submitModal(vp);
    const notice = vp.getByTestId('deliberation-panel').getByTestId('notice-item');
    await notice.getByText(d.noticeActive).waitFor();
    await session.scrollIntoViewIfNeeded();
    await shot(vp, '15-06-village-session-archived-notice-posted');

    // 5. A resident on a phone reads it on the village's board, with nobody named.
    const resident = await openActor(PHONE);
    actors.push(resident);
    const rp = resident.page;
    await rp.goto(`${stack.base}/m/notices`);
    await pick(rp, d.board.place, place.name);
    await rp.waitForURL((u) => u.searchParams.get('place') === place.id);
    const posted = rp.getByTestId('public-notice').filter({ hasText: noticeText });
    await posted.waitFor();
    await posted.getByText(t.deliberationFinding.partly_reasonable, { exact: true }).waitFor();
    await shot(rp, '15-07-resident-reads-notice');
    const shown = (await rp.locator('body').textContent()) ?? '';
    for (const secret of [requester.name, requester.phone, requester.phone.slice(-4), tk.code])
      if (shown.includes(secret)) throw new Error(`the notice board shows "${secret}"`);

    // 6. The village settles it; the ledger shows it settled.
    await vp.reload();
    await actionButton(vp, 'settle_deliberation');
    await modalField(vp, t.web.field.note).fill('公示期满无异议,诉求人接受评议结果');
    await submitModal(vp);
    await expectText(vp, t.state.closed);
    await expectText(vp, t.outcome.settled_by_deliberation);

    await lp
      .getByRole('navigation', { name: t.web.nav.label })
      .getByRole('link', { name: t.web.nav.deliberations })
      .click();
    const ledgerRow = lp.getByTestId('ledger-row').filter({ hasText: tk.code });
    await ledgerRow.getByText(t.deliberationState.settled).waitFor();
    await ledgerRow.getByText(unit.name).waitFor();
    await shot(lp, '15-08-ledger-settled');
    await lp.getByRole('tab', { name: d.ledgerStats }).click();
    await lp
      .locator('.ant-card')
      .filter({ hasText: d.villages })
      .locator('.ant-table-row')
      .filter({ hasText: unit.name })
      .waitFor();
    await lp.waitForLoadState('networkidle');
    await shot(lp, '15-09-ledger-settled-rate');
    const ledger = await (
      await apiLogin(stack.api, 'leader')
    ).call<{ items: { ticket: { id: string }; state: string; sessionCount: number }[] }>(
      'GET',
      '/api/deliberations',
    );
    const row = ledger.items.find((x) => x.ticket.id === tk.id);
    if (row?.state !== 'settled' || row.sessionCount !== 1)
      throw new Error(`ledger row: ${JSON.stringify(row)}`);
  },
};

export const DELIBERATION_SCENARIOS: Scenario[] = [
  escalationAccepted,
  escalationRefused,
  villageDeliberation,
];

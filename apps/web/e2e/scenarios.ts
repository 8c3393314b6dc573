import type { TicketView, UnitView } from '@jiesu/contracts';
import { t } from '../src/i18n';
import { DESKTOP, PHONE, apiLogin, openActor, shot, type Actor, type Stack } from './harness';
import { actionButton, choose, expectText, login, pick, submitModal } from './ui';

// A 1×1 PNG: enough for the server's type check and a thumbnail.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export interface Scenario {
  name: string;
  run(stack: Stack, actors: Actor[]): Promise<void>;
}

async function actor(actors: Actor[], viewport: { width: number; height: number }) {
  const a = await openActor(viewport);
  actors.push(a);
  return a;
}

/** The village committee the demo `village` user works in, and its village. */
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
  const township = places.find((p) => p.id === place?.parentId);
  if (!unit || !place || !township) throw new Error('village unit or its place not found');
  return { unit, place, township };
}

async function ticketByCode(stack: Stack, code: string): Promise<TicketView> {
  const d = await apiLogin(stack.api, 'dispatcher');
  const list = await d.call<{ items: { id: string }[] }>(
    'GET',
    `/api/tickets?q=${encodeURIComponent(code)}`,
  );
  const id = list.items[0]?.id;
  if (!id) throw new Error(`ticket ${code} not found`);
  return d.call<TicketView>('GET', `/api/tickets/${id}`);
}

export const residentLoop: Scenario = {
  name: 'resident raises a request → dispatch → accept → feedback → reply → rating → closed',
  async run(stack, actors) {
    const { unit, place, township } = await villageUnit(stack);
    const phone = '13800138123';

    // 1. A resident on a phone-sized page raises a request.
    const resident = await actor(actors, PHONE);
    const rp = resident.page;
    await rp.goto(`${stack.base}/m/raise`);
    await choose(rp, t.type.help);
    await pick(rp, t.web.citizen.category, '路灯');
    await rp
      .getByLabel(t.web.citizen.description)
      .fill('村口的路灯坏了一个多星期,晚上出行很不方便,请尽快修复。');
    await rp
      .locator('input[type=file]')
      .setInputFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: PNG });
    await rp
      .locator(
        '.ant-upload-list-item-done, .ant-upload-list-item:not(.ant-upload-list-item-uploading)',
      )
      .first()
      .waitFor();
    await pick(rp, t.web.citizen.township, township.name);
    await pick(rp, t.web.citizen.place, place.name);
    await rp.getByLabel(t.web.citizen.address).fill(`${place.name}村口路灯`);
    await rp.getByLabel(t.web.citizen.phone).fill(phone);
    await shot(rp, '1-01-resident-raise-form');
    await rp.getByRole('button', { name: t.web.citizen.submit }).click();
    const codeEl = rp.getByTestId('ticket-code');
    await codeEl.waitFor();
    const code = (await codeEl.textContent())?.trim() ?? '';
    if (!code) throw new Error('no ticket code shown');
    await shot(rp, '1-02-resident-submitted');

    // 2. The dispatcher dispatches it to the village committee.
    const dispatcher = await actor(actors, DESKTOP);
    const dp = dispatcher.page;
    await login(dp, stack.base, 'dispatcher');
    // The home page's numbers, not its loading state.
    await dp.getByText(t.web.home.open).first().waitFor();
    await shot(dp, '1-03-dispatcher-home');
    const ticket = await ticketByCode(stack, code);
    // Dispatch console: pick the ticket in the queue, (pick the unit,) dispatch.
    await dp.goto(`${stack.base}/dispatch`);
    await dp.getByTestId('queue-item').filter({ hasText: code }).click();
    await dp.getByRole('heading', { name: ticket.title }).waitFor();
    const suggested = dp.locator('label.ant-radio-wrapper').filter({ hasText: unit.name });
    await dp.getByText(t.web.dispatch.suggestionHint).waitFor();
    await dp
      .locator('.ant-card')
      .filter({ hasText: t.web.dispatch.suggestionHint })
      .locator('.ant-spin')
      .waitFor({ state: 'detached' });
    if (await suggested.count()) await suggested.first().click();
    else await pick(dp, t.web.dispatch.pickUnit, unit.name);
    await shot(dp, '1-04-dispatch-console');
    await dp.getByRole('button', { name: t.web.dispatch.dispatchTo }).click();
    await dp.getByTestId('queue-item').filter({ hasText: code }).waitFor({ state: 'detached' });
    await dp.goto(`${stack.base}/tickets/${ticket.id}`);
    await expectText(dp, t.state.dispatched);

    // 3. The village handler accepts and gives feedback.
    const village = await actor(actors, PHONE);
    const vp = village.page;
    await login(vp, stack.base, 'village');
    await vp.goto(`${stack.base}/tickets/${ticket.id}`);
    await actionButton(vp, 'accept');
    await submitModal(vp);
    await vp.getByRole('toolbar').getByRole('button', { name: t.action.give_feedback }).waitFor();
    await actionButton(vp, 'give_feedback');
    await vp
      .getByLabel(t.web.field.result, { exact: true })
      .fill('已联系电工更换村口路灯灯泡和线路,经现场测试路灯恢复正常照明。');
    await vp
      .getByLabel(t.web.field.replyText, { exact: true })
      .fill('您反映的村口路灯已修复,感谢您对村里工作的支持。');
    await submitModal(vp);
    await expectText(vp, t.state.feedback_given);
    await shot(vp, '1-05-village-feedback-given');

    // 4. The dispatcher replies to the resident.
    await dp.reload();
    await actionButton(dp, 'send_reply');
    await dp
      .getByLabel(t.web.field.replyText, { exact: true })
      .fill('您反映的村口路灯已由村委会修复,如仍有问题请再次反映。');
    await choose(dp, t.replyChannel.web);
    await submitModal(dp);
    await expectText(dp, t.state.replied);
    await shot(dp, '1-06-dispatcher-replied');

    // 5. The resident follows it and rates it; it closes.
    await rp.goto(`${stack.base}/m/follow`);
    await rp.getByLabel(t.web.citizen.code).fill(code);
    await rp.getByLabel(t.web.citizen.phone).fill(phone);
    await rp.getByRole('button', { name: t.web.citizen.lookup }).click();
    await rp.getByText(t.web.citizen.rateTitle).waitFor();
    await choose(rp, t.web.citizen.solvedYes);
    await choose(rp, t.satisfaction.satisfied);
    await shot(rp, '1-07-resident-rating');
    await rp.getByRole('button', { name: t.web.citizen.rateSubmit }).click();
    await rp.getByTestId('public-status').getByText(t.state.closed).waitFor();
    await shot(rp, '1-08-resident-closed');

    const final = await ticketByCode(stack, code);
    if (final.state !== 'closed' || final.outcome !== 'solved')
      throw new Error(`expected closed/solved, got ${final.state}/${final.outcome}`);
    await dp.reload();
    await expectText(dp, t.state.closed);
    await shot(dp, '1-09-ticket-closed');
  },
};

/** Reads the shown plain-text phone of a demo ticket whose requester has earlier tickets. */
async function callerWithHistory(stack: Stack) {
  const d = await apiLogin(stack.api, 'dispatcher');
  const list = await d.call<{ items: { id: string }[] }>(
    'GET',
    '/api/tickets?pageSize=40&channel=hotline',
  );
  for (const it of list.items) {
    const r = await d.call<{ phone: string | null }>(
      'POST',
      `/api/tickets/${it.id}/requester/reveal`,
      { purpose: 'e2e' },
    );
    if (!r.phone) continue;
    const same = await d.call<{ total: number; items: { code: string }[] }>(
      'GET',
      `/api/tickets?phone=${encodeURIComponent(r.phone)}`,
    );
    if (same.total >= 1 && same.items[0])
      return { phone: r.phone, total: same.total, code: same.items[0].code };
  }
  throw new Error('no demo caller with a readable phone');
}

export const agentCall: Scenario = {
  name: 'hotline agent enters a call for a caller with earlier tickets',
  async run(stack, actors) {
    const caller = await callerWithHistory(stack);
    const { place } = await villageUnit(stack);
    const agent = await actor(actors, DESKTOP);
    const p = agent.page;
    await login(p, stack.base, 'agent');
    await p.getByText(t.web.home.open).first().waitFor();
    await shot(p, '2-01-agent-home');
    await p.goto(`${stack.base}/intake`);
    const phone = p.getByLabel(t.web.intake.phone, { exact: true });
    await phone.waitFor();
    await phone.pressSequentially(caller.phone, { delay: 30 });
    await p.getByTestId('caller-history').getByText(caller.code).waitFor();
    await choose(p, t.type.complaint);
    await pick(p, t.web.intake.category, '施工噪声');
    await p.getByLabel(t.web.intake.ticketTitle, { exact: true }).fill('夜间施工噪音扰民');
    await p
      .getByLabel(t.web.intake.description, { exact: true })
      .fill('来电人反映小区旁工地连续多日夜间十一点后仍在施工,噪音很大,影响休息。');
    await pick(p, t.web.intake.place, place.name);
    await p.getByLabel(t.web.intake.address, { exact: true }).fill(`${place.name}工地东侧`);
    await p.getByLabel(t.web.intake.knowledgeSearch).fill('办理');
    await p.getByLabel(t.web.intake.knowledgeSearch).press('Enter');
    await p.getByRole('button', { name: t.web.intake.answerWith }).first().waitFor();
    await shot(p, '2-02-agent-entry-with-history');
    await phone.focus();
    await p.keyboard.press('Control+Enter');
    await p.getByTestId('intake-done').waitFor();
    await shot(p, '2-03-agent-created');
    const d = await apiLogin(stack.api, 'dispatcher');
    const after = await d.call<{ total: number; items: { channel: string; title: string }[] }>(
      'GET',
      `/api/tickets?phone=${encodeURIComponent(caller.phone)}&sort=-receivedAt`,
    );
    if (
      after.total !== caller.total + 1 ||
      after.items[0]?.title !== '夜间施工噪音扰民' ||
      after.items[0]?.channel !== 'hotline'
    )
      throw new Error(`expected a new hotline ticket for the caller, got total ${after.total}`);
    await p.getByRole('link', { name: t.web.intake.open }).click();
    await p.getByRole('heading', { name: '夜间施工噪音扰民' }).waitFor();
    await shot(p, '2-04-agent-ticket');
  },
};

const shanghaiDate = (d: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);

/** The first working day after today (Asia/Shanghai), by the server's calendar. */
async function nextWorkingDay(stack: Stack): Promise<string> {
  const a = await apiLogin(stack.api, 'admin');
  // eslint-disable-next-line no-restricted-syntax -- the test reads the real server's wall clock
  const today = shanghaiDate(new Date());
  const years = [Number(today.slice(0, 4)), Number(today.slice(0, 4)) + 1];
  const days = new Map<string, string>();
  for (const y of years) {
    const cal = await a.call<{ days: { date: string; kind: string }[] }>(
      'GET',
      `/api/calendar/${y}`,
    );
    for (const d of cal.days) days.set(d.date, d.kind);
  }
  const start = new Date(`${today}T12:00:00+08:00`);
  for (let i = 1; i < 30; i++) {
    const day = shanghaiDate(new Date(start.getTime() + i * 86400_000));
    const dow = new Date(`${day}T12:00:00+08:00`).getUTCDay();
    const kind = days.get(day);
    if (kind === 'workday' || (kind !== 'holiday' && dow !== 0 && dow !== 6)) return day;
  }
  throw new Error('no working day within 30 days');
}

export const holidayMovesDeadline: Scenario = {
  name: 'administrator adds a holiday and the deadline shown on a ticket moves',
  async run(stack, actors) {
    const { unit, place } = await villageUnit(stack);
    const agent = await apiLogin(stack.api, 'agent');
    const dispatcherApi = await apiLogin(stack.api, 'dispatcher');
    const cats = await agent.call<{ id: string; name: string }[]>('GET', '/api/categories');
    const cat =
      cats.find((c) => c.name === '路灯不亮') ?? cats.find((c) => c.name.includes('路灯'));
    if (!cat) throw new Error('category not found');
    const body = (title: string) => ({
      channel: 'hotline',
      type: 'help',
      categoryId: cat.id,
      title,
      description: '来电人反映路灯不亮,请尽快修复,晚上出行不便。',
      address: `${place.name}主街`,
      jurisdictionId: place.id,
      urgency: 'normal',
      requester: { phone: '13900139000' },
    });
    const a = await agent.call<TicketView>('POST', '/api/tickets', body('路灯不亮(节假日调整前)'));
    const b = await agent.call<TicketView>('POST', '/api/tickets', body('路灯不亮(节假日调整后)'));
    const aDispatched = await dispatcherApi.call<TicketView>(
      'POST',
      `/api/tickets/${a.id}/actions/dispatch`,
      { input: { leadUnitId: unit.id } },
    );
    const before = aDispatched.completionDueAt;
    if (!before) throw new Error('no completion deadline on the first ticket');
    const holiday = await nextWorkingDay(stack);
    if (new Date(`${holiday}T23:59:59+08:00`).getTime() > new Date(before).getTime())
      throw new Error(
        `the deadline ${before} ends before the next working day ${holiday}: a holiday would not move it`,
      );

    // The administrator marks the next working day a holiday in the calendar page.
    const admin = await actor(actors, DESKTOP);
    const ap = admin.page;
    await login(ap, stack.base, 'admin');
    await ap.goto(`${stack.base}/admin/calendar`);
    const dateInput = ap.getByLabel(t.web.admin.date, { exact: true });
    await dateInput.click();
    await dateInput.fill(holiday);
    await dateInput.press('Enter');
    await ap.getByLabel(t.web.admin.dayName, { exact: true }).fill('临时休假');
    await ap.getByRole('button', { name: t.web.common.save }).click();
    await ap.getByRole('cell', { name: new RegExp(`^${holiday}`) }).waitFor();
    await shot(ap, '3-01-admin-calendar-holiday-added');

    // The dispatcher sees the first ticket's deadline, then dispatches the second one.
    const dispatcher = await actor(actors, DESKTOP);
    const dp = dispatcher.page;
    await login(dp, stack.base, 'dispatcher');
    await dp.goto(`${stack.base}/tickets/${a.id}`);
    const shownBefore = (await dp.getByTestId('completion-due').textContent())?.trim();
    await shot(dp, '3-02-deadline-before');
    await dp.goto(`${stack.base}/tickets/${b.id}`);
    await actionButton(dp, 'dispatch');
    await pick(dp, t.web.field.leadUnitId, unit.name);
    await submitModal(dp);
    await expectText(dp, t.state.dispatched);
    const due = dp.getByTestId('completion-due');
    await dp.waitForFunction(
      (el) => el && !/^—$/.test(el.textContent ?? ''),
      await due.elementHandle(),
    );
    const shownAfter = (await due.textContent())?.trim();
    await shot(dp, '3-03-deadline-after');
    const bNow = await dispatcherApi.call<TicketView>('GET', `/api/tickets/${b.id}`);
    const movedHours =
      (new Date(bNow.completionDueAt ?? 0).getTime() - new Date(before).getTime()) / 3600_000;
    if (!(movedHours >= 20))
      throw new Error(
        `deadline moved ${movedHours.toFixed(1)} h (${before} → ${bNow.completionDueAt})`,
      );
    if (!shownBefore || !shownAfter || shownBefore === shownAfter)
      throw new Error(`shown deadlines did not differ: ${shownBefore} / ${shownAfter}`);
  },
};

export const everyScreen: Scenario = {
  name: 'every screen renders (loading → data) without console errors, workbench and 360 px',
  async run(stack, actors) {
    const visit = async (a: Actor, path: string, name: string, ready: string) => {
      await a.page.goto(`${stack.base}${path}`);
      await a.page.getByText(ready, { exact: false }).first().waitFor();
      await a.page.waitForLoadState('networkidle');
      await shot(a.page, name);
    };
    const admin = await actor(actors, DESKTOP);
    await login(admin.page, stack.base, 'admin');
    await visit(admin, '/tickets', '4-01-inbox', t.web.inbox.total.split('{')[0] ?? '');
    await visit(admin, '/admin/org', '4-02-admin-org', t.web.admin.jurisdictions);
    await visit(admin, '/admin/users', '4-03-admin-users', 'agent');
    await visit(admin, '/admin/categories', '4-04-admin-categories', '城乡建设');
    await visit(admin, '/admin/policies', '4-05-admin-policies', t.web.admin.anyCategory);
    await visit(admin, '/admin/calendar', '4-06-admin-calendar', t.web.admin.holiday);
    await visit(
      admin,
      '/admin/catalogue',
      '4-07-admin-catalogue',
      t.web.admin.cataloguePlaceholder,
    );
    const grid = await actor(actors, PHONE);
    await login(grid.page, stack.base, 'grid');
    await visit(grid, '/', '4-08-grid-home-360', t.web.home.open);
    await visit(grid, '/tickets', '4-09-grid-inbox-360', t.web.inbox.title);
    const resident = await actor(actors, PHONE);
    await visit(resident, '/m/notices', '4-10-resident-notices', t.web.citizen.noticesEmpty);
    await visit(resident, '/m/follow', '4-11-resident-follow', t.web.citizen.lookup);
  },
};

export const SCENARIOS: Scenario[] = [residentLoop, agentCall, holidayMovesDeadline, everyScreen];

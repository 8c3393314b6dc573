import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import type {
  ObjectionReason,
  ObjectionVerdict,
  SummonsStatus,
  TicketView,
  UnitView,
  WhistleView,
} from '@jiesu/contracts';
import { fmt, t } from '../src/i18n';
import { DESKTOP, PHONE, apiLogin, openActor, shot, type Actor, type Stack } from './harness';
import { actionButton, choose, expectText, login, pick, submitModal } from './ui';
import { tDeliberation } from '../src/i18n/deliberation';
import { tSettings } from '../src/i18n/settings';
import { tCatalogue } from '../src/i18n/catalogue';
import { tAdmin } from '../src/i18n/admin';
import { tIntake } from '../src/i18n/intake';
import { tCollab } from '../src/i18n/collab';
import { tCoord } from '../src/i18n/coord';
import { tKnowledge } from '../src/i18n/knowledge';

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

/** A demo user's (first) unit and role, and their name. */
async function roleOf(stack: Stack, username: string) {
  const a = await apiLogin(stack.api, username);
  const role = a.me.roles[0];
  if (!role) throw new Error(`${username} has no role`);
  const me = await a.call<{ displayName: string }>('GET', '/api/auth/me');
  return { ...role, displayName: me.displayName };
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

/** Enters hotline tickets about a street light in the `village` user's village, as the agent. */
async function streetLightCalls(stack: Stack) {
  const { unit, place } = await villageUnit(stack);
  const agent = await apiLogin(stack.api, 'agent');
  const cats = await agent.call<{ id: string; name: string }[]>('GET', '/api/categories');
  const cat = cats.find((c) => c.name === '路灯不亮') ?? cats.find((c) => c.name.includes('路灯'));
  if (!cat) throw new Error('category not found');
  const enter = (call: { title: string; description: string; address: string; phone: string }) =>
    agent.call<TicketView>('POST', '/api/tickets', {
      channel: 'hotline',
      type: 'help',
      categoryId: cat.id,
      title: call.title,
      description: call.description,
      address: call.address,
      jurisdictionId: place.id,
      urgency: 'normal',
      requester: { phone: call.phone },
    });
  return { unit, place, enter };
}

/**
 * A street-light call in the `village` user's village (`address` after the village's name),
 * dispatched to its township government and signed for there by `street`.
 */
async function townshipTicket(
  stack: Stack,
  call: { title: string; description: string; address: string; phone: string },
) {
  const { place, enter } = await streetLightCalls(stack);
  const township = await roleOf(stack, 'street');
  const d = await apiLogin(stack.api, 'dispatcher');
  const street = await apiLogin(stack.api, 'street');
  const tk = await enter({ ...call, address: `${place.name}${call.address}` });
  await d.call('POST', `/api/tickets/${tk.id}/actions/dispatch`, {
    input: { leadUnitId: township.unitId },
  });
  await street.call('POST', `/api/tickets/${tk.id}/actions/accept`, { input: {} });
  return { tk, township, d };
}

/** The lead unit gives feedback on the ticket page: the result, and the reply for the requester. */
async function giveFeedback(page: Page, result: string, reply: string): Promise<void> {
  await actionButton(page, 'give_feedback');
  await page.getByLabel(t.web.field.result, { exact: true }).fill(result);
  await page.getByLabel(t.web.field.replyText, { exact: true }).fill(reply);
  await submitModal(page);
  await expectText(page, t.state.feedback_given);
}

/** A fresh browser signed in as `username`; its page. */
async function signedIn(
  stack: Stack,
  actors: Actor[],
  viewport: { width: number; height: number },
  username: string,
): Promise<Page> {
  const a = await actor(actors, viewport);
  await login(a.page, stack.base, username);
  return a.page;
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
    await giveFeedback(
      vp,
      '已联系电工更换村口路灯灯泡和线路,经现场测试路灯恢复正常照明。',
      '您反映的村口路灯已修复,感谢您对村里工作的支持。',
    );
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
    const phone = p.getByLabel(tIntake.phone, { exact: true });
    await phone.waitFor();
    await phone.pressSequentially(caller.phone, { delay: 30 });
    await p.getByTestId('caller-history').getByText(caller.code).waitFor();
    await choose(p, t.type.complaint);
    await pick(p, tIntake.category, '施工噪声');
    await p.getByLabel(tIntake.ticketTitle, { exact: true }).fill('夜间施工噪音扰民');
    await p
      .getByLabel(tIntake.description, { exact: true })
      .fill('来电人反映小区旁工地连续多日夜间十一点后仍在施工,噪音很大,影响休息。');
    await pick(p, tIntake.place, place.name);
    await p.getByLabel(tIntake.address, { exact: true }).fill(`${place.name}工地东侧`);
    await p.getByLabel(tIntake.knowledgeSearch).fill('办理');
    await p.getByLabel(tIntake.knowledgeSearch).press('Enter');
    await p.getByRole('button', { name: tIntake.answerWith }).first().waitFor();
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
    await p.getByRole('link', { name: tIntake.open }).click();
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
    const { unit, place, enter } = await streetLightCalls(stack);
    const dispatcherApi = await apiLogin(stack.api, 'dispatcher');
    const a = await enter({
      title: '路灯不亮(节假日调整)',
      description: '来电人反映路灯不亮,请尽快修复,晚上出行不便。',
      address: `${place.name}主街`,
      phone: '13900139000',
    });
    const aDispatched = await dispatcherApi.call<TicketView>(
      'POST',
      `/api/tickets/${a.id}/actions/dispatch`,
      { input: { leadUnitId: unit.id } },
    );
    const before = aDispatched.completionDueAt;
    if (!before) throw new Error('no completion deadline on the ticket');
    const holiday = await nextWorkingDay(stack);
    if (new Date(`${holiday}T23:59:59+08:00`).getTime() > new Date(before).getTime())
      throw new Error(
        `the deadline ${before} ends before the next working day ${holiday}: a holiday would not move it`,
      );

    // The dispatcher has the dispatched ticket open and reads its deadline.
    const dispatcher = await actor(actors, DESKTOP);
    const dp = dispatcher.page;
    await login(dp, stack.base, 'dispatcher');
    await dp.goto(`${stack.base}/tickets/${a.id}`);
    const due = dp.getByTestId('completion-due');
    await dp.waitForFunction(
      (el) => el && !/^—$/.test(el.textContent ?? ''),
      await due.elementHandle(),
    );
    const shownBefore = (await due.textContent())?.trim();
    await shot(dp, '3-01-deadline-before');

    // The administrator marks the next working day a holiday in the calendar page; the
    // page says how many running deadlines were counted again.
    const admin = await actor(actors, DESKTOP);
    const ap = admin.page;
    await login(ap, stack.base, 'admin');
    await ap.goto(`${stack.base}/admin/calendar`);
    const dateInput = ap.getByLabel(tAdmin.date, { exact: true });
    await dateInput.click();
    await dateInput.fill(holiday);
    await dateInput.press('Enter');
    await ap.getByLabel(tAdmin.dayName, { exact: true }).fill('临时休假');
    await ap.getByRole('button', { name: t.web.common.save }).click();
    await ap.getByRole('cell', { name: new RegExp(`^${holiday}`) }).waitFor();
    await ap
      .getByText(new RegExp(tAdmin.deadlinesRecalculated.replace('{n}', '[1-9][0-9]*')))
      .first()
      .waitFor();
    await shot(ap, '3-02-admin-calendar-holiday-added');

    // The same ticket, reloaded: its deadline moved past the holiday, and the trail says why.
    await dp.reload();
    await dp.waitForFunction(
      ([el, old]) => el && el.textContent?.trim() !== old && !/^—$/.test(el.textContent ?? ''),
      [await due.elementHandle(), shownBefore] as const,
    );
    const shownAfter = (await due.textContent())?.trim();
    await expectText(dp, t.action.recalculate_deadlines);
    await shot(dp, '3-03-deadline-after');
    const aNow = await dispatcherApi.call<TicketView>('GET', `/api/tickets/${a.id}`);
    const movedHours =
      (new Date(aNow.completionDueAt ?? 0).getTime() - new Date(before).getTime()) / 3600_000;
    if (!(movedHours >= 20))
      throw new Error(
        `deadline moved ${movedHours.toFixed(1)} h (${before} → ${aNow.completionDueAt})`,
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
    await visit(admin, '/admin/org', '4-02-admin-org', tAdmin.jurisdictions);
    {
      // Edit the first jurisdiction; Enter in a field saves (unchanged) and closes the form.
      const p = admin.page;
      await p.locator('.ant-tree-node-content-wrapper').first().click();
      await p.getByRole('button', { name: tAdmin.editJurisdiction }).click();
      const modal = p.locator('.ant-modal:visible');
      const name = modal.getByLabel(t.web.common.name, { exact: true });
      await name.click(); // waits for the opening animation to settle
      await shot(p, '4-02b-admin-org-edit');
      await name.press('Enter');
      await modal.waitFor({ state: 'hidden' });
    }
    await visit(admin, '/admin/users', '4-03-admin-users', 'agent');
    await visit(admin, '/admin/categories', '4-04-admin-categories', '城乡建设');
    await visit(admin, '/admin/policies', '4-05-admin-policies', tAdmin.anyCategory);
    await visit(admin, '/admin/calendar', '4-06-admin-calendar', tAdmin.holiday);
    await visit(admin, '/admin/settings', '4-06b-admin-settings', tSettings.objectionWindowHelp);
    // Enter in a field saves the settings (unchanged here).
    await admin.page.getByLabel(tSettings.objectionWindowHours).press('Enter');
    await admin.page.getByText(t.web.common.saved, { exact: true }).first().waitFor();
    // The demo catalogue's first rule: 道路破损 → the urban management committee.
    await visit(admin, '/admin/catalogue', '4-07-admin-catalogue', '青岚区城市管理委员会');
    const grid = await actor(actors, PHONE);
    await login(grid.page, stack.base, 'grid');
    await visit(grid, '/', '4-08-grid-home-360', t.web.home.open);
    await visit(grid, '/tickets', '4-09-grid-inbox-360', t.web.inbox.title);
    const resident = await actor(actors, PHONE);
    await visit(resident, '/m/notices', '4-10-resident-notices', tDeliberation.board.intro);
    await visit(resident, '/m/follow', '4-11-resident-follow', t.web.citizen.lookup);
  },
};

/** Polls until `check` holds; `what` names it in the error. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting until ${what}`);
}

/** The ticket codes of the inbox table's rows, in the order shown. */
async function inboxCodes(page: Page): Promise<string[]> {
  const cells = page.locator('.ant-table-tbody tr.ant-table-row td:nth-child(2) a');
  return (await cells.allTextContents()).map((c) => c.trim());
}

async function expectInboxCodes(page: Page, expected: string[], what: string) {
  let shown: string[] = [];
  try {
    await until(what, async () => {
      shown = await inboxCodes(page);
      return shown.join() === expected.join();
    });
  } catch {
    throw new Error(`${what}: expected rows ${expected.join(', ')}, shown ${shown.join(', ')}`);
  }
}

function expectUrl(page: Page, want: Record<string, string | null>) {
  const sp = new URL(page.url()).searchParams;
  for (const [k, v] of Object.entries(want))
    if (sp.get(k) !== v) throw new Error(`URL ${page.url()}: expected ${k}=${v}, got ${sp.get(k)}`);
}

export const inboxPowerFeatures: Scenario = {
  name: 'dispatcher filters and sorts the inbox, saves a view, exports Excel, bulk-dispatches',
  async run(stack, actors) {
    const { unit, place, enter } = await streetLightCalls(stack);
    const d = await apiLogin(stack.api, 'dispatcher');
    // A street name the demo district does not use: the text query finds exactly these tickets.
    const token = '梧桐巷';
    const before = await d.call<{ total: number }>(
      'GET',
      `/api/tickets?q=${encodeURIComponent(token)}`,
    );
    if (before.total !== 0) throw new Error(`the demo already has tickets matching ${token}`);
    const made: TicketView[] = [];
    for (const n of [3, 8, 12, 15, 21])
      made.push(
        await enter({
          title: `${token}${n}号门前路灯不亮`,
          description: `来电人反映${place.name}${token}${n}号门前路灯连续几天晚上不亮,出行不便。`,
          address: `${place.name}${token}${n}号`,
          phone: `1390013${String(9100 + n)}`,
        }),
      );
    // One of them is dispatched already: the state filter leaves it out.
    const [early, ...received] = made;
    if (!early || received.length !== 4) throw new Error('tickets not created');
    await d.call('POST', `/api/tickets/${early.id}/actions/dispatch`, {
      input: { leadUnitId: unit.id },
    });
    const oldestFirst = received.map((r) => r.code);
    const newestFirst = [...oldestFirst].reverse();

    const dispatcher = await actor(actors, DESKTOP);
    const p = dispatcher.page;
    await login(p, stack.base, 'dispatcher');
    await p.goto(`${stack.base}/tickets`);
    await p.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();

    // 1. Filter: the "received" tab and a text query; both go into the URL.
    const receivedTab = p.getByRole('tab', { name: new RegExp(`^${t.state.received}`) });
    await receivedTab.click();
    await p.waitForURL((u) => u.searchParams.getAll('state').join() === 'received');
    await p
      .getByRole('tab', { name: new RegExp(`^${t.state.received}`), selected: true })
      .waitFor();
    const search = p.getByLabel(t.web.inbox.search, { exact: true });
    await search.fill(token);
    await search.press('Enter');
    await p.waitForURL((u) => u.searchParams.get('q') === token);
    // With a text query the list is ranked by relevance: the four tickets, in its order.
    await until('the filtered list holds the four tickets', async () => {
      const shown = await inboxCodes(p);
      return shown.slice().sort().join() === [...newestFirst].sort().join();
    });
    await p.getByText(fmt(t.web.inbox.total, { n: 4 })).waitFor();

    // 2. Sort by the received time: ascending, then descending; both in the URL.
    const receivedHeader = p
      .locator('th.ant-table-column-has-sorters')
      .filter({ hasText: t.web.ticket.receivedAt });
    await receivedHeader.click();
    await p.waitForURL((u) => u.searchParams.get('sort') === 'receivedAt');
    await expectInboxCodes(p, oldestFirst, 'sorted oldest first');
    await receivedHeader.click();
    await p.waitForURL((u) => u.searchParams.get('sort') === '-receivedAt');
    await expectInboxCodes(p, newestFirst, 'sorted newest first');
    await receivedHeader.click();
    await p.waitForURL((u) => !u.searchParams.has('sort'));
    // The header cycles from what it shows: wait until it shows no sort before the next click.
    await receivedHeader.and(p.locator(':not([aria-sort])')).waitFor();
    await receivedHeader.click();
    await p.waitForURL((u) => u.searchParams.get('sort') === 'receivedAt');
    await expectInboxCodes(p, oldestFirst, 'sorted oldest first again');

    /** The URL, the list, the state tab and the search box all show the filter. */
    const expectFilterShown = async (when: string) => {
      expectUrl(p, { state: 'received', q: token, sort: 'receivedAt' });
      await expectInboxCodes(p, oldestFirst, `the list ${when}`);
      await p
        .getByRole('tab', { name: new RegExp(`^${t.state.received}`), selected: true })
        .waitFor();
      if ((await search.inputValue()) !== token)
        throw new Error(`search box shows "${await search.inputValue()}" ${when}`);
    };

    // 3. A reload keeps the filter, the sort and what the search box shows.
    await p.reload();
    await expectFilterShown('after a reload');
    await shot(p, '5-01-inbox-filtered-sorted');

    // 4. Save the filter as a named view, go elsewhere, come back through the view.
    const viewName = '梧桐巷待派单';
    await p.getByRole('button', { name: t.web.inbox.saveView }).click();
    await p.getByLabel(t.web.inbox.viewName, { exact: true }).fill(viewName);
    await shot(p, '5-02-inbox-save-view');
    await p.locator('.ant-modal:visible').getByRole('button', { name: t.web.common.save }).click();
    await p.getByText(t.web.inbox.viewSaved).waitFor();
    const saved = await d.call<{ id: string; name: string; query: Record<string, unknown> }[]>(
      'GET',
      '/api/me/views',
    );
    const view = saved.find((v) => v.name === viewName);
    const { q: viewQ, sort: viewSort, state: viewState, ...viewRest } = view?.query ?? {};
    if (
      viewQ !== token ||
      viewSort !== 'receivedAt' ||
      JSON.stringify(viewState) !== '["received"]' ||
      Object.keys(viewRest).length
    )
      throw new Error(`saved view: ${JSON.stringify(saved)}`);

    const nav = p.getByRole('navigation', { name: t.web.nav.label });
    await nav.getByRole('link', { name: t.web.nav.home }).click();
    await p.getByText(t.web.home.open).first().waitFor();
    await nav.getByRole('link', { name: t.web.nav.inbox }).click();
    await p.waitForURL((u) => u.pathname === '/tickets' && u.search === '');
    await p.getByText(fmt(t.web.inbox.total, { n: 4 })).waitFor({ state: 'detached' });
    if ((await search.inputValue()) !== '') throw new Error('search box not empty without a view');
    const views = p.getByLabel(t.web.inbox.views, { exact: true });
    const viewOption = p
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: viewName });
    await views.click();
    await viewOption.click();
    await p.waitForURL((u) => u.searchParams.get('q') === token);
    await expectFilterShown('through the saved view');
    await shot(p, '5-03-inbox-saved-view-applied');

    // Delete the view from the list: the view goes, the list stays as it is.
    await views.click();
    await p.getByRole('button', { name: fmt(t.web.inbox.deleteView, { name: viewName }) }).click();
    await until('the view is deleted', async () => {
      const left = await d.call<{ name: string }[]>('GET', '/api/me/views');
      return !left.some((v) => v.name === viewName);
    });
    await viewOption.waitFor({ state: 'detached' });
    await p.keyboard.press('Escape');
    expectUrl(p, { state: 'received', q: token, sort: 'receivedAt' });

    // 5. Export what the list shows to Excel.
    const [download] = await Promise.all([
      p.waitForEvent('download'),
      p.getByRole('link', { name: t.web.inbox.export }).click(),
    ]);
    if (!download.suggestedFilename().endsWith('.xlsx'))
      throw new Error(`export file name: ${download.suggestedFilename()}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(await download.path())) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('export has no worksheet');
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    if (!header.length || !header.every((h) => /^[\u4e00-\u9fff()()]+$/.test(h)))
      throw new Error(`export header is not Chinese: ${header.join(', ')}`);
    const col = (name: string) => {
      const i = header.indexOf(name);
      if (i < 0) throw new Error(`export has no column ${name}: ${header.join(', ')}`);
      return i + 1;
    };
    const rows = Array.from({ length: ws.rowCount - 1 }, (_, i) => ws.getRow(i + 2));
    const shownTotal = (await p.locator('.ant-pagination-total-text').textContent())?.trim();
    if (shownTotal !== fmt(t.web.inbox.total, { n: rows.length }))
      throw new Error(`export has ${rows.length} rows, the page shows "${shownTotal}"`);
    const exported = rows.map((r) => String(r.getCell(col('受理编号')).value));
    if (exported.join() !== oldestFirst.join())
      throw new Error(`exported ${exported.join(', ')}, listed ${oldestFirst.join(', ')}`);
    const states = rows.map((r) => String(r.getCell(col('状态')).value));
    if (!states.every((s) => s === t.state.received))
      throw new Error(`exported states: ${states.join(', ')}`);

    // 6. Select the four received tickets and dispatch them together. Meanwhile a colleague
    // dispatches one of them: that one fails on its own, the others go through.
    await p.locator('.ant-table-thead .ant-checkbox-input').check();
    const bulkBar = p.getByRole('region', { name: t.web.inbox.bulk });
    await bulkBar.getByText(fmt(t.web.inbox.selected, { n: 4 })).waitFor();
    await bulkBar.getByRole('button', { name: t.action.dispatch, exact: true }).click();
    await p.locator('.ant-modal:visible').waitFor();
    await pick(p, t.web.field.leadUnitId, unit.name);
    await p
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .waitFor({ state: 'hidden' });
    await shot(p, '5-04-inbox-bulk-dispatch');
    const [first, second, third, raced] = received;
    if (!first || !second || !third || !raced) throw new Error('tickets missing');
    await d.call('POST', `/api/tickets/${raced.id}/actions/dispatch`, {
      input: { leadUnitId: unit.id },
    });
    await submitModal(p);
    const result = p.getByRole('region', { name: t.web.inbox.bulkResult });
    await result
      .getByText(fmt(t.web.inbox.bulkResultTitle, { action: t.action.dispatch, ok: 3, failed: 1 }))
      .waitFor();
    const items = result.getByTestId('bulk-result-item');
    if ((await items.count()) !== 4) throw new Error(`${await items.count()} result rows`);
    for (const tk of [first, second, third])
      await items
        .filter({ hasText: tk.code })
        .getByText(t.web.inbox.bulkOk, { exact: true })
        .waitFor();
    const failedRow = items.filter({ hasText: raced.code });
    await failedRow.getByText(t.web.inbox.bulkFailed, { exact: true }).waitFor();
    await failedRow.getByText(t.error.ACTION_NOT_ALLOWED_IN_STATE).waitFor();
    // The dispatched tickets left the "received" list.
    await p.getByText(t.web.inbox.empty).waitFor();
    await shot(p, '5-05-inbox-bulk-result');
    for (const tk of received) {
      const now = await d.call<TicketView>('GET', `/api/tickets/${tk.id}`);
      if (now.state !== 'dispatched' || now.leadUnit?.id !== unit.id)
        throw new Error(`${tk.code}: ${now.state}, lead ${now.leadUnit?.name}`);
    }
  },
};

/** 首接负责: a second objection on the ticket is refused (409 OBJECTION_NOT_ALLOWED_AGAIN). */
async function expectSecondObjectionRefused(
  api: Awaited<ReturnType<typeof apiLogin>>,
  ticketId: string,
  text: string,
): Promise<void> {
  const refused = await api
    .call('POST', `/api/tickets/${ticketId}/actions/object`, {
      input: { reason: 'not_our_duty', text },
    })
    .then(
      () => null,
      (e: unknown) => String(e),
    );
  if (!refused?.includes('409') || !refused.includes('OBJECTION_NOT_ALLOWED_AGAIN'))
    throw new Error(`a second objection was not refused: ${refused}`);
}

/** On the ticket page, opens 提出异议(退单), picks the reason and writes the text; returns the form. */
async function fillObjection(page: Page, reason: ObjectionReason, text: string) {
  await actionButton(page, 'object');
  const modal = page.locator('.ant-modal:visible');
  await modal
    .locator('label.ant-radio-button-wrapper')
    .filter({ hasText: t.objectionReason[reason] })
    .click();
  await modal.getByLabel(t.web.field.text, { exact: true }).fill(text);
  return modal;
}

/**
 * The dispatcher finds the ticket's objection under 异议审核 (screenshot `shot`), opens the
 * ticket and fills the review form's verdict and note; returns the form, not yet submitted.
 */
async function reviewFromList(
  page: Page,
  code: string,
  r: { reason: ObjectionReason; verdict: ObjectionVerdict; note: string; shot: string },
) {
  await page.getByRole('link', { name: t.web.nav.objections }).click();
  const row = page.getByTestId('objection-row').filter({ hasText: code });
  await row.getByText(t.objectionReason[r.reason]).waitFor();
  await row.getByText(t.objectionState.open).waitFor();
  await shot(page, r.shot);
  await row.getByRole('link', { name: code }).click();
  await actionButton(page, 'review_objection');
  const modal = page.locator('.ant-modal:visible');
  const verdict = modal
    .locator('label.ant-radio-button-wrapper')
    .filter({ hasText: t.verdict[r.verdict] });
  // A click during the modal's opening animation can be lost: see it checked, else click again.
  for (let attempt = 0; attempt < 3; attempt++) {
    await verdict.click();
    const checked = await modal
      .locator('label.ant-radio-button-wrapper-checked')
      .filter({ hasText: t.verdict[r.verdict] })
      .waitFor({ timeout: 2_000 })
      .then(() => true)
      .catch(() => false);
    if (checked) break;
  }
  await modal.getByLabel(t.web.field.note, { exact: true }).fill(r.note);
  return modal;
}

export const objectionUpheld: Scenario = {
  name: 'a unit objects, the dispatcher upholds and reassigns; the second unit’s objection is refused',
  async run(stack, actors) {
    const { unit, place } = await villageUnit(stack);
    const agent = await apiLogin(stack.api, 'agent');
    const d = await apiLogin(stack.api, 'dispatcher');
    const deptApi = await apiLogin(stack.api, 'dept');
    const deptRole = deptApi.me.roles[0];
    if (!deptRole) throw new Error('dept user has no role');
    const cats = await agent.call<{ id: string; name: string }[]>('GET', '/api/categories');
    const cat = cats.find((c) => c.name.includes('路灯'));
    if (!cat) throw new Error('category not found');
    const tk = await agent.call<TicketView>('POST', '/api/tickets', {
      channel: 'hotline',
      type: 'help',
      categoryId: cat.id,
      title: '主干道路灯整排不亮(异议审核)',
      description: '来电人反映村外主干道路灯整排不亮,已有一周,夜间通行危险。',
      address: `${place.name}外主干道`,
      jurisdictionId: place.id,
      requester: { phone: '13900139111' },
    });
    await d.call('POST', `/api/tickets/${tk.id}/actions/dispatch`, {
      input: { leadUnitId: unit.id },
    });

    // 1. The village committee objects within the window, with its duty list as evidence.
    const village = await actor(actors, PHONE);
    const vp = village.page;
    await login(vp, stack.base, 'village');
    await vp.goto(`${stack.base}/tickets/${tk.id}`);
    const objModal = await fillObjection(
      vp,
      'not_our_duty',
      '主干道路灯由区城市管理部门统一维护,不在村委会职责清单内。',
    );
    await objModal
      .locator('input[type=file]')
      .setInputFiles({ name: '职责清单.png', mimeType: 'image/png', buffer: PNG });
    await objModal.locator('.ant-upload-list-item-done').first().waitFor();
    await shot(vp, '6-01-village-objects');
    await submitModal(vp);
    const vPanel = vp.getByTestId('objections-panel');
    await vPanel.getByText(t.objectionState.open).first().waitFor();
    await vPanel.getByText('职责清单.png').waitFor();
    await shot(vp, '6-02-village-objection-open');

    // 2. The dispatcher finds it under 异议审核, opens the ticket and upholds it: reassigned.
    const dispatcher = await actor(actors, DESKTOP);
    const dp = dispatcher.page;
    await login(dp, stack.base, 'dispatcher');
    const review = await reviewFromList(dp, tk.code, {
      reason: 'not_our_duty',
      verdict: 'upheld',
      note: '经核实属城市管理部门职责,改派',
      shot: '6-03-dispatcher-objections-to-review',
    });
    await pick(dp, t.web.field.newLeadUnitId, deptRole.unitName);
    await review.getByRole('checkbox', { name: t.web.field.dispatchFault }).check();
    await shot(dp, '6-04-dispatcher-upholds');
    await submitModal(dp);
    const dPanel = dp.getByTestId('objections-panel');
    await dPanel.getByText(t.objectionState.upheld).first().waitFor();
    await dPanel.getByText(tCollab.dispatchFault).waitFor();
    await shot(dp, '6-05-reassigned');
    const after = await d.call<TicketView>('GET', `/api/tickets/${tk.id}`);
    if (after.state !== 'dispatched' || after.leadUnit?.id !== deptRole.unitId)
      throw new Error(`after review: ${after.state}, lead ${after.leadUnit?.name}`);

    // 3. The department now leads: it may accept, but not return the ticket again.
    const dept = await actor(actors, DESKTOP);
    const xp = dept.page;
    await login(xp, stack.base, 'dept');
    await xp.goto(`${stack.base}/tickets/${tk.id}`);
    const toolbar = xp.getByRole('toolbar');
    await toolbar.getByRole('button', { name: t.action.accept, exact: true }).waitFor();
    if (await toolbar.getByRole('button', { name: t.action.object, exact: true }).count())
      throw new Error('the department is offered to object again');
    await xp.getByTestId('objections-panel').getByText(t.objectionState.upheld).first().waitFor();
    await shot(xp, '6-06-dept-cannot-object');
    await expectSecondObjectionRefused(deptApi, tk.id, '该路段路灯由供电公司维护。');
    // Its 协办任务 page (tasks of co-units) renders from the menu.
    await xp.getByRole('link', { name: t.web.nav.tasks }).click();
    await xp.getByRole('heading', { name: tCollab.tasks }).waitFor();
    await xp.waitForLoadState('networkidle');
    await shot(xp, '6-07-dept-tasks');

    // 4. The village's own objection list shows the verdict.
    await vp.getByRole('button', { name: t.web.nav.open }).click();
    await vp.getByRole('link', { name: t.web.nav.myObjections }).click();
    await vp
      .getByTestId('objection-row')
      .filter({ hasText: tk.code })
      .getByText(t.objectionState.upheld)
      .waitFor();
    await vp.waitForLoadState('networkidle');
    await shot(vp, '6-08-village-my-objections');
  },
};

export const catalogueDispatch: Scenario = {
  name: 'dispatcher sees the catalogue suggestion and dispatches in one click',
  async run(stack, actors) {
    const { place, township } = await villageUnit(stack);
    const agent = await apiLogin(stack.api, 'agent');
    const units = await agent.call<UnitView[]>('GET', '/api/org/units');
    const cats = await agent.call<{ id: string; name: string }[]>('GET', '/api/categories');
    const cat = cats.find((c) => c.name === '道路破损');
    const townshipGov = units.find(
      (u) => u.kind === 'government' && u.jurisdictionId === township.id,
    );
    const urban = units.find((u) => u.name === '青岚区城市管理委员会');
    if (!cat || !townshipGov || !urban) throw new Error('demo category or units not found');
    const c = tCatalogue;

    // 1. The administrator overrides the district's rule for this township: the
    //    township's own government leads, the urban management committee assists.
    const admin = await actor(actors, DESKTOP);
    const ap = admin.page;
    await login(ap, stack.base, 'admin');
    await ap.goto(`${stack.base}/admin/catalogue`);
    await ap.getByText(urban.name).first().waitFor();
    await ap.getByRole('button', { name: c.add }).click();
    const modal = ap.locator('.ant-modal:visible');
    await modal.waitFor();
    await pick(ap, c.category, cat.name);
    await pick(ap, c.area, township.name);
    await choose(ap, t.ruleTarget.territorial_township);
    await pick(ap, c.coUnits, '城市管理', urban.name);
    // A multiple select stays open after a pick: close it before saving.
    await modal.locator('.ant-modal-title').click();
    await shot(ap, '7-01-catalogue-add-rule');
    await modal.getByRole('button', { name: t.web.common.save }).click();
    await modal.waitFor({ state: 'hidden' });
    // Filtered to the township, the new rule is the only one.
    await pick(ap, c.filterArea, township.name);
    const row = ap.locator('.ant-table-row').filter({ hasText: cat.name });
    await row.filter({ hasText: t.ruleTarget.territorial_township }).waitFor();
    await row.filter({ hasText: urban.name }).waitFor();
    await shot(ap, '7-02-catalogue-filtered');
    await ap.getByRole('tab', { name: c.changes }).click();
    await ap
      .locator('.ant-table-row')
      .filter({ hasText: `${cat.name} · ${township.name}` })
      .filter({ hasText: c.change.create })
      .waitFor();
    await shot(ap, '7-03-catalogue-changes');
    // The rule's own history, in a drawer from its row.
    await ap.getByRole('tab', { name: c.rules }).click();
    await row.getByRole('button', { name: c.history }).click();
    const drawer = ap
      .getByRole('dialog')
      .filter({ hasText: fmt(c.historyOf, { category: cat.name, area: township.name }) });
    await drawer.waitFor();
    await drawer.locator('.ant-table-row').filter({ hasText: c.change.create }).waitFor();
    await ap.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
    // Export the catalogue and import the file unchanged: every rule is reported unchanged.
    const { total } = await agent.call<{ total: number }>('GET', '/api/dispatch-rules?pageSize=1');
    const [download] = await Promise.all([
      ap.waitForEvent('download'),
      ap.getByRole('link', { name: c.export }).click(),
    ]);
    const exported = await download.path();
    await ap.locator('input[type=file]').setInputFiles(exported);
    await ap.getByText(fmt(c.importDone, { created: 0, updated: 0, unchanged: total })).waitFor();
    await shot(ap, '7-03b-catalogue-imported');

    // 2. A call about a broken road in a village of that township.
    const ticket = await agent.call<TicketView>('POST', '/api/tickets', {
      channel: 'hotline',
      type: 'help',
      categoryId: cat.id,
      title: '村道路面塌陷',
      description: `来电人反映${place.name}村口道路塌陷,车辆通行困难,请尽快处理。`,
      address: `${place.name}村口`,
      jurisdictionId: place.id,
      urgency: 'normal',
      requester: { phone: '13900137001' },
    });

    // 3. The dispatcher picks the ticket: the catalogue's answer is preselected
    //    with its co-unit, marked 按派单目录; one click dispatches.
    const dispatcher = await actor(actors, DESKTOP);
    const dp = dispatcher.page;
    await login(dp, stack.base, 'dispatcher');
    await dp.goto(`${stack.base}/dispatch`);
    await dp.getByTestId('queue-item').filter({ hasText: ticket.code }).click();
    await dp.getByRole('heading', { name: ticket.title }).waitFor();
    const card = dp.locator('.ant-card').filter({ hasText: t.web.dispatch.suggestionHint });
    const suggestion = card
      .locator('label.ant-radio-wrapper')
      .filter({ hasText: t.web.dispatch.byCatalogue });
    await suggestion.filter({ hasText: townshipGov.name }).waitFor();
    if (!(await suggestion.getAttribute('class'))?.includes('ant-radio-wrapper-checked'))
      throw new Error('the catalogue suggestion is not preselected');
    await card
      .getByText(fmt(t.web.dispatch.catalogueBasis, { category: cat.name, area: township.name }))
      .waitFor();
    await card.locator('.ant-select-selection-item').filter({ hasText: urban.name }).waitFor();
    await shot(dp, '7-04-dispatch-by-catalogue');
    await dp.getByRole('button', { name: t.web.dispatch.dispatchTo }).click();
    await dp
      .getByTestId('queue-item')
      .filter({ hasText: ticket.code })
      .waitFor({ state: 'detached' });
    const after = await agent.call<TicketView>('GET', `/api/tickets/${ticket.id}`);
    if (after.state !== 'dispatched' || after.leadUnit?.id !== townshipGov.id)
      throw new Error(`dispatched to ${after.leadUnit?.name} (${after.state})`);
    if (!after.coUnits.some((u) => u.id === urban.id))
      throw new Error(`co-units: ${after.coUnits.map((u) => u.name).join(', ')}`);
    await dp.goto(`${stack.base}/tickets/${ticket.id}`);
    await expectText(dp, urban.name);
    await shot(dp, '7-05-dispatched-with-co-unit');
  },
};

export const intakeKnowledgeAndMerge: Scenario = {
  name: 'agent answers a consultation from a knowledge item; dispatcher merges a duplicate and unmerges it',
  async run(stack, actors) {
    // Few sign-ins: the server throttles them per address, and other scenarios run before.
    const { unit, place } = await villageUnit(stack);
    const api = await apiLogin(stack.api, 'dispatcher');
    const byCode = async (code: string) => {
      const list = await api.call<{ items: { id: string }[] }>(
        'GET',
        `/api/tickets?q=${encodeURIComponent(code)}`,
      );
      return api.call<TicketView>('GET', `/api/tickets/${list.items[0]?.id ?? ''}`);
    };
    const items = await api.call<{ id: string; title: string; useCount: number }[]>(
      'GET',
      `/api/knowledge?q=${encodeURIComponent('低保')}`,
    );
    const item = items.find((k) => k.title === '最低生活保障申请');
    if (!item)
      throw new Error(`knowledge item not found among ${items.map((k) => k.title).join(', ')}`);

    // 1. The agent takes a consultation and answers it from the knowledge base.
    const agent = await actor(actors, DESKTOP);
    const p = agent.page;
    await login(p, stack.base, 'agent');
    await p.goto(`${stack.base}/intake`);
    const phone = p.getByLabel(tIntake.phone, { exact: true });
    await phone.waitFor();
    await phone.fill('13700007788');
    await choose(p, t.type.consult);
    await pick(p, tIntake.category, '最低生活保障');
    await p.getByLabel(tIntake.ticketTitle, { exact: true }).fill('咨询低保申请条件');
    await p
      .getByLabel(tIntake.description, { exact: true })
      .fill('来电人家中老人常年吃药,收入较低,想了解申请低保的条件和去哪里办理。');
    await pick(p, tIntake.place, place.name);
    await p.getByLabel(tIntake.address, { exact: true }).fill(`${place.name}`);
    const search = p.getByLabel(tIntake.knowledgeSearch);
    await search.fill('我想申请低保怎么办');
    await search.press('Enter');
    const panel = p.getByTestId('knowledge-panel');
    // The five fields of the item are shown, not only its text.
    await panel.getByText(item.title).first().waitFor();
    for (const label of [
      tKnowledge.procedure,
      tKnowledge.policyBasis,
      tKnowledge.phone,
      tKnowledge.staff,
    ])
      await panel.getByText(label, { exact: true }).first().waitFor();
    await shot(p, 'intake-01-knowledge-search');
    await panel.getByRole('button', { name: `${tIntake.answerWith} ${item.title}` }).click();
    const answer = p.getByTestId('direct-answer').getByLabel(t.web.field.answer);
    await answer.waitFor();
    const filled = await answer.inputValue();
    if (!filled.includes('低保') || !filled.includes(tKnowledge.phone))
      throw new Error(`answer not filled from the item: ${filled.slice(0, 80)}`);
    await shot(p, 'intake-02-answer-filled');
    await p.getByRole('button', { name: tIntake.answerSubmit }).click();
    const done = p.getByTestId('intake-done');
    await done.waitFor();
    const code = /\d{8}-\d{6}/.exec((await done.textContent()) ?? '')?.[0];
    if (!code) throw new Error('no code in the confirmation');
    await expectText(p, fmt(tIntake.answered, { code }));
    await shot(p, 'intake-03-answered');
    const answered = await byCode(code);
    if (answered.state !== 'closed' || answered.outcome !== 'answered_at_intake')
      throw new Error(`expected answered at intake, got ${answered.state}/${answered.outcome}`);
    const events = await api.call<{ action: string; payload: Record<string, unknown> }[]>(
      'GET',
      `/api/tickets/${answered.id}/events`,
    );
    if (events.at(-1)?.payload.knowledgeItemTitle !== item.title)
      throw new Error('the item is not recorded on the answer');
    const counted = await api.call<{ useCount: number }>('GET', `/api/knowledge/${item.id}`);
    if (counted.useCount !== item.useCount + 1)
      throw new Error(`use count ${item.useCount} → ${counted.useCount}`);

    // 2. A second call about the same street light is merged into the first, then unmerged.
    const cats = await api.call<{ id: string; name: string }[]>('GET', '/api/categories');
    const lamp =
      cats.find((c) => c.name === '路灯不亮') ?? cats.find((c) => c.name.includes('路灯'));
    if (!lamp) throw new Error('category not found');
    const enter = (call: { title: string; description: string; address: string; phone: string }) =>
      api.call<TicketView>('POST', '/api/tickets', {
        channel: 'hotline',
        type: 'help',
        categoryId: lamp.id,
        title: call.title,
        description: call.description,
        address: call.address,
        jurisdictionId: place.id,
        requester: { phone: call.phone },
      });
    const master = await enter({
      title: '柳树下路灯不亮',
      description: '村委会门口柳树下的路灯连续几天晚上不亮,老人出门不方便。',
      address: `${place.name}村委会门口`,
      phone: '13700008801',
    });
    await api.call('POST', `/api/tickets/${master.id}/actions/dispatch`, {
      input: { leadUnitId: unit.id },
    });
    const dup = await enter({
      title: '村委会门口路灯坏了',
      description: '村委会门口那盏路灯坏了好几天了,晚上黑乎乎的,请尽快修一下。',
      address: `${place.name}村委会门口`,
      phone: '13700008802',
    });
    const dispatcher = await actor(actors, DESKTOP);
    const dp = dispatcher.page;
    await login(dp, stack.base, 'dispatcher');
    await dp.goto(`${stack.base}/tickets/${dup.id}`);
    await dp.getByRole('heading', { name: dup.title }).waitFor();
    await actionButton(dp, 'merge_into');
    await pick(dp, t.web.field.masterTicketId, master.code);
    await shot(dp, 'intake-04-merge-form');
    await submitModal(dp);
    const panelM = dp.getByTestId('merge-panel');
    await panelM.getByText(t.web.merge.master).waitFor();
    await panelM.getByRole('link', { name: master.code }).waitFor();
    await expectText(dp, t.outcome.merged);
    await shot(dp, 'intake-05-merged');
    // The master lists it.
    await panelM.getByRole('link', { name: master.code }).click();
    await dp.getByRole('heading', { name: master.title }).waitFor();
    await dp
      .getByTestId('merge-panel')
      .getByText(fmt(t.web.merge.merged, { n: 1 }))
      .waitFor();
    await shot(dp, 'intake-06-master-with-merged');

    // The resident of the merged request sees which ticket it follows.
    const resident = await actor(actors, PHONE);
    const rp = resident.page;
    await rp.goto(`${stack.base}/m/follow`);
    await rp.getByLabel(t.web.citizen.code).fill(dup.code);
    await rp.getByLabel(t.web.citizen.phone).fill('13700008802');
    await rp.getByRole('button', { name: t.web.citizen.lookup }).click();
    await rp
      .getByTestId('public-merged')
      .getByText(fmt(t.web.citizen.mergedInto, { code: master.code }))
      .waitFor();
    await shot(rp, 'intake-07-resident-merged');

    // Not the same light after all: unmerged before the master is replied.
    await dp.goto(`${stack.base}/tickets/${dup.id}`);
    await dp.getByRole('heading', { name: dup.title }).waitFor();
    await actionButton(dp, 'unmerge');
    await dp
      .locator('.ant-modal:visible')
      .getByLabel(t.web.field.reason)
      .fill('核实后为村委会东侧另一盏路灯,单独办理');
    await submitModal(dp);
    await dp.getByRole('toolbar').getByRole('button', { name: t.action.dispatch }).waitFor();
    await shot(dp, 'intake-08-unmerged');
    const after = await api.call<TicketView>('GET', `/api/tickets/${dup.id}`);
    if (after.state !== 'received' || after.outcome !== null)
      throw new Error(`expected received after unmerge, got ${after.state}`);
  },
};

/** Picks an option in a modal's select and waits until the select shows it (retrying once). */
async function pickInModal(page: Page, label: string, option: string): Promise<void> {
  const chosen = page
    .locator(
      '.ant-modal:visible .ant-select-content-has-value, .ant-modal:visible .ant-select-selection-item',
    )
    .filter({ hasText: option });
  for (let attempt = 0; attempt < 3; attempt++) {
    await pick(page, label, option);
    try {
      await chosen.first().waitFor({ timeout: 3000 });
      return;
    } catch {
      await page.getByLabel(label, { exact: true }).clear();
    }
  }
  throw new Error(`could not pick ${option} in ${label}`);
}

/** Waits until `scope` (a whistle panel or row) shows `unit`'s summons in `status`. */
async function summonsShows(scope: Locator, unit: string, status: SummonsStatus): Promise<void> {
  await scope
    .getByTestId('summons')
    .filter({ hasText: unit })
    .getByText(t.summonsStatus[status])
    .waitFor();
}

/**
 * On the ticket page, blows the whistle to `units` (screenshot of the form `shot`) and waits
 * until the whistle panel shows each of them waiting.
 */
async function blowWhistle(
  page: Page,
  w: { units: string[]; topic: string; dueHours: number; shot: string },
): Promise<void> {
  await actionButton(page, 'blow_whistle');
  for (const u of w.units) await pickInModal(page, t.web.field.unitIds, u);
  await closeDropdown(page, page.locator('.ant-modal:visible .ant-modal-title'));
  await modalField(page, t.web.field.topic).fill(w.topic);
  await modalField(page, t.web.field.dueHours).fill(String(w.dueHours));
  await shot(page, w.shot);
  await submitModal(page);
  for (const u of w.units) await summonsShows(page.getByTestId('whistle-panel'), u, 'waiting');
}

/** In the 吹哨报到 list, reports in to the ticket's whistle with a note; returns its row. */
async function reportInFromList(page: Page, code: string, note: string, shotName: string) {
  const row = page.getByTestId('whistle-row').filter({ hasText: code });
  await row.getByText(t.summonsStatus.waiting).waitFor();
  await shot(page, shotName);
  await row.getByRole('button', { name: tCoord.reportIn }).click();
  await modalField(page, t.web.field.note).fill(note);
  await submitModal(page);
  return row;
}

/** A field of the open modal form, by its label. */
function modalField(page: Page, label: string): Locator {
  return page.locator('.ant-modal:visible').getByLabel(label, { exact: true });
}

export const passDownAndWhistle: Scenario = {
  name: 'township → village → grid worker and back up (三上三下); a whistle a department reports in to',
  async run(stack, actors) {
    const { tk, township, d } = await townshipTicket(stack, {
      title: '村内小路路灯成片不亮(三上三下)',
      description: '来电人反映村里东侧小路路灯成片不亮,夜间老人出行困难,希望尽快修复。',
      address: '东侧小路',
      phone: '13900139222',
    });
    const village = await roleOf(stack, 'village');
    const grid = await roleOf(stack, 'grid');
    const dept = await roleOf(stack, 'dept');

    // 1. The township passes the ticket down to the village committee.
    const sp = await signedIn(stack, actors, DESKTOP, 'street');
    await sp.goto(`${stack.base}/tickets/${tk.id}`);
    await actionButton(sp, 'pass_down');
    await pickInModal(sp, t.web.field.toUnitId, village.unitName);
    await modalField(sp, t.web.field.note).fill('请村委会先入户核实路灯损坏范围');
    await shot(sp, '9-01-township-passes-down');
    await submitModal(sp);
    const sFlow = sp.getByTestId('delegation-panel');
    await sFlow.getByText(`${township.unitName} → ${village.unitName}`).waitFor();
    await sp.getByRole('toolbar').getByRole('button', { name: t.action.pull_back }).waitFor();
    await shot(sp, '9-02-township-sees-what-it-passed');

    // 2. The village passes it on to its grid worker, by name.
    const vil = await actor(actors, PHONE);
    const vp = vil.page;
    await login(vp, stack.base, 'village');
    await vp.goto(`${stack.base}/tickets/${tk.id}`);
    if (await vp.getByRole('toolbar').getByRole('button', { name: t.action.give_feedback }).count())
      throw new Error('the village is offered feedback on a ticket passed down to it');
    await actionButton(vp, 'pass_down');
    await pickInModal(vp, t.web.field.toUnitId, grid.unitName);
    await pickInModal(vp, t.web.field.toUserId, grid.displayName);
    await shot(vp, '9-03-village-passes-to-grid-worker');
    await submitModal(vp);
    await vp
      .getByTestId('delegation-panel')
      .getByText(fmt(tCoord.toUser, { name: grid.displayName }))
      .waitFor();

    // 3. The grid worker records what it found and sends it back up.
    const gw = await actor(actors, PHONE);
    const gp = gw.page;
    await login(gp, stack.base, 'grid');
    await gp.goto(`${stack.base}/tickets/${tk.id}`);
    await gp.getByRole('toolbar').getByRole('button', { name: t.action.send_up }).waitFor();
    if (await gp.getByRole('toolbar').getByRole('button', { name: t.action.give_feedback }).count())
      throw new Error('the grid worker is offered feedback');
    await actionButton(gp, 'send_up');
    await modalField(gp, t.web.field.reason).fill('线路老化需电工整体更换,网格无法处理');
    await shot(gp, '9-04-grid-sends-up');
    await submitModal(gp);
    await gp
      .getByTestId('delegation-panel')
      .getByText(t.delegationEnding.sent_up, { exact: false })
      .first()
      .waitFor();
    await shot(gp, '9-05-grid-sent-up');
    const back = await d.call<TicketView>('GET', `/api/tickets/${tk.id}`);
    if (back.holderUnit?.id !== village.unitId || back.leadUnit?.id !== township.unitId)
      throw new Error(
        `after send-up: holder ${back.holderUnit?.name}, lead ${back.leadUnit?.name}`,
      );

    // 4. The township's leader whistles the urban management department.
    const leader = await actor(actors, DESKTOP);
    const lp = leader.page;
    await login(lp, stack.base, 'leader');
    await lp.goto(`${stack.base}/tickets/${tk.id}`);
    await blowWhistle(lp, {
      units: [dept.unitName],
      topic: '路灯线路整体老化,请城管部门到场会同处置',
      dueHours: 4,
      shot: '9-06-leader-blows-whistle',
    });
    await shot(lp, '9-07-whistle-waiting');

    // 5. The department finds it under 吹哨报到 and reports in; it joins as a co-unit.
    const deptActor = await actor(actors, DESKTOP);
    const xp = deptActor.page;
    await login(xp, stack.base, 'dept');
    await xp.getByRole('link', { name: t.web.nav.whistles }).click();
    await reportInFromList(xp, tk.code, '已安排执法队员明早到场', '9-08-dept-whistles-waiting');
    // This ticket's summons leaves the waiting list (the demo may have others waiting).
    await xp.getByTestId('whistle-row').filter({ hasText: tk.code }).waitFor({ state: 'detached' });
    await xp.goto(`${stack.base}/tickets/${tk.id}`);
    await summonsShows(xp.getByTestId('whistle-panel'), dept.unitName, 'on_time');
    await shot(xp, '9-09-dept-reported-in');
    const joined = await d.call<TicketView>('GET', `/api/tickets/${tk.id}`);
    if (!joined.coUnits.some((u) => u.id === dept.unitId))
      throw new Error('the department did not join as a co-unit');
  },
};

/** A multiple select stays open after a pick: closes it by clicking `away` (not Escape, which
 * would close a modal too) and waits until no dropdown shows. */
async function closeDropdown(page: Page, away: Locator): Promise<void> {
  await away.click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .first()
    .waitFor({ state: 'hidden' });
}

/** The ticket page's button for `action`, offered or not. */
function toolbarButton(page: Page, action: keyof typeof t.action) {
  return page.getByRole('toolbar').getByRole('button', { name: t.action[action], exact: true });
}

async function expectNotOffered(page: Page, action: keyof typeof t.action, who: string) {
  if (await toolbarButton(page, action).count())
    throw new Error(`${who} is offered ${t.action[action]}`);
}

export const coUnitTasks: Scenario = {
  name: 'lead and co-unit (一单多派): the co-unit signs its task and reports its part; the lead’s feedback carries it',
  async run(stack, actors) {
    const { unit, place, enter } = await streetLightCalls(stack);
    const dept = await roleOf(stack, 'dept');
    const d = await apiLogin(stack.api, 'dispatcher');
    const tk = await enter({
      title: '村口至主路路灯电缆烧毁(协办)',
      description: '来电人反映村口到主路一段路灯电缆烧毁,整段路灯不亮,需要村里和城管部门一起处理。',
      address: `${place.name}村口至主路`,
      phone: '13900139333',
    });

    // 1. The dispatcher dispatches it from the dispatch console: the village committee
    //    leads, the urban management committee (a department) assists.
    const dp = await signedIn(stack, actors, DESKTOP, 'dispatcher');
    await dp.goto(`${stack.base}/dispatch`);
    await dp.getByTestId('queue-item').filter({ hasText: tk.code }).click();
    await dp.getByRole('heading', { name: tk.title }).waitFor();
    const card = dp.locator('.ant-card').filter({ hasText: t.web.dispatch.suggestionHint });
    // The suggestion is preselected once loaded: pick over it only after that.
    await card.locator('.ant-spin').waitFor({ state: 'detached' });
    await pick(dp, t.web.dispatch.pickUnit, unit.name);
    await pick(dp, t.web.dispatch.coUnits, dept.unitName);
    await closeDropdown(dp, card.locator('.ant-card-head-title'));
    await card.locator('.ant-select-selection-item').filter({ hasText: dept.unitName }).waitFor();
    await shot(dp, '10-01-dispatch-lead-and-co-unit');
    await dp.getByRole('button', { name: t.web.dispatch.dispatchTo }).click();
    await dp.getByTestId('queue-item').filter({ hasText: tk.code }).waitFor({ state: 'detached' });
    const dispatched = await d.call<TicketView>('GET', `/api/tickets/${tk.id}`);
    if (
      dispatched.leadUnit?.id !== unit.id ||
      dispatched.coUnits.map((u) => u.id).join() !== dept.unitId
    )
      throw new Error(
        `dispatched to ${dispatched.leadUnit?.name}, co-units ${dispatched.coUnits.map((u) => u.name).join('、')}`,
      );

    // 2. The village committee, the lead, signs for the ticket.
    const vp = await signedIn(stack, actors, PHONE, 'village');
    await vp.goto(`${stack.base}/tickets/${tk.id}`);
    await actionButton(vp, 'accept');
    await submitModal(vp);
    await toolbarButton(vp, 'give_feedback').waitFor();

    // 3. The department finds its task under 协办任务, signs it and reports its part;
    //    feedback is the lead's, never offered to it.
    const xp = await signedIn(stack, actors, DESKTOP, 'dept');
    await xp.getByRole('link', { name: t.web.nav.tasks }).click();
    const taskRow = xp.getByTestId('task-row').filter({ hasText: tk.code });
    await taskRow.getByText(t.taskState.open).waitFor();
    await taskRow.getByText(unit.name).waitFor();
    await shot(xp, '10-02-dept-co-unit-tasks');
    await taskRow.getByRole('link', { name: tk.code }).click();
    await xp.getByRole('heading', { name: tk.title }).waitFor();
    await toolbarButton(xp, 'accept_task').waitFor();
    await expectNotOffered(xp, 'give_feedback', 'the co-unit');
    await actionButton(xp, 'accept_task');
    await modalField(xp, t.web.field.note).fill('已安排路灯维护队今天下午到场');
    await submitModal(xp);
    const deptTask = xp
      .getByTestId('tasks-panel')
      .getByTestId('task-item')
      .filter({ hasText: dept.unitName });
    await deptTask.getByText(t.taskState.accepted).waitFor();
    await toolbarButton(xp, 'accept_task').waitFor({ state: 'detached' });
    await expectNotOffered(xp, 'give_feedback', 'the co-unit, its task signed');
    const part = '城管委路灯维护队已更换烧毁电缆约120米,整段路灯当晚恢复照明。';
    await actionButton(xp, 'report_part');
    await modalField(xp, t.web.field.text).fill(part);
    await shot(xp, '10-03-dept-reports-part');
    await submitModal(xp);
    await deptTask.getByText(t.taskState.reported).waitFor();
    await deptTask.getByText(part).waitFor();
    await xp.getByRole('toolbar').getByText(t.web.ticket.noActions).waitFor();
    await shot(xp, '10-04-dept-part-reported');
    // Done: it leaves the department's to-do list.
    await xp.getByRole('link', { name: t.web.nav.tasks }).click();
    await xp.getByRole('heading', { name: tCollab.tasks }).waitFor();
    await xp.waitForLoadState('networkidle');
    await taskRow.waitFor({ state: 'detached' });

    // 4. The lead gives feedback; the timeline shows the co-unit's part carried in it.
    await vp.reload();
    await vp
      .getByTestId('tasks-panel')
      .getByTestId('task-item')
      .filter({ hasText: dept.unitName })
      .getByText(part)
      .waitFor();
    await giveFeedback(
      vp,
      '村委会会同城管委更换了烧毁的路灯电缆,经夜间巡查整段路灯恢复正常照明。',
      '您反映的村口至主路路灯已修复,感谢您对村里工作的支持。',
    );
    const feedback = vp
      .locator('.ant-timeline-item')
      .filter({ hasText: t.action.give_feedback })
      .filter({ hasText: t.web.field.parts });
    await feedback.getByText(dept.unitName).first().waitFor();
    await feedback.getByText(part, { exact: false }).first().waitFor();
    if (await feedback.getByText(t.web.field.missingParts).count())
      throw new Error('the feedback names missing parts though every co-unit reported');
    // The trail speaks Chinese: no field names or enum values leak into it.
    const trail = (await vp.locator('.ant-timeline').textContent()) ?? '';
    const leaked = /[A-Za-z_]{3,}/.exec(trail);
    if (leaked) throw new Error(`the timeline shows "${leaked[0]}"`);
    await feedback.scrollIntoViewIfNeeded();
    await shot(vp, '10-05-lead-feedback-carries-part');
    const events = await d.call<{ action: string; payload: Record<string, unknown> }[]>(
      'GET',
      `/api/tickets/${tk.id}/events`,
    );
    const fb = events.findLast((e) => e.action === 'give_feedback');
    const parts = fb?.payload.parts as { unit: { id: string }; text: string }[] | undefined;
    if (parts?.length !== 1 || parts[0]?.unit.id !== dept.unitId || parts[0].text !== part)
      throw new Error(`feedback parts: ${JSON.stringify(fb?.payload.parts)}`);

    // The dispatcher reads the same on the ticket it will reply to.
    await dp.goto(`${stack.base}/tickets/${tk.id}`);
    await toolbarButton(dp, 'send_reply').waitFor();
    await dp
      .locator('.ant-timeline-item')
      .filter({ hasText: t.web.field.parts })
      .getByText(part, { exact: false })
      .first()
      .waitFor();
    await shot(dp, '10-06-dispatcher-sees-parts');
    // And the department, after the feedback, still has nothing to fire.
    await xp.goto(`${stack.base}/tickets/${tk.id}`);
    await xp.getByRole('toolbar').getByText(t.web.ticket.noActions).waitFor();
  },
};

export const objectionRejected: Scenario = {
  name: 'a unit objects, the dispatcher rejects: the unit keeps the ticket, its clock ran on, no second objection',
  async run(stack, actors) {
    const { unit, place, enter } = await streetLightCalls(stack);
    const d = await apiLogin(stack.api, 'dispatcher');
    const villageApi = await apiLogin(stack.api, 'village');
    const tk = await enter({
      title: '村委会西侧路灯不亮(异议驳回)',
      description: '来电人反映村委会西侧几盏路灯一直不亮,晚上去村卫生室很不方便。',
      address: `${place.name}村委会西侧`,
      phone: '13900139444',
    });
    const dispatched = await d.call<TicketView>('POST', `/api/tickets/${tk.id}/actions/dispatch`, {
      input: { leadUnitId: unit.id },
    });

    // 1. The village committee reads its deadline, then objects: wrong place.
    const vp = await signedIn(stack, actors, PHONE, 'village');
    await vp.goto(`${stack.base}/tickets/${tk.id}`);
    const due = vp.getByTestId('completion-due');
    await due.waitFor();
    const dueBefore = (await due.textContent())?.trim();
    if (!dueBefore || dueBefore === t.web.common.none)
      throw new Error(`no completion deadline shown: ${dueBefore}`);
    await fillObjection(vp, 'wrong_place', '该处路灯位于相邻村地界,应由相邻村委会负责。');
    await shot(vp, '11-01-village-objects');
    await submitModal(vp);
    await vp.getByTestId('objections-panel').getByText(t.objectionState.open).first().waitFor();

    // 2. The dispatcher finds it under 异议审核 and rejects it.
    const dp = await signedIn(stack, actors, DESKTOP, 'dispatcher');
    const note = '经核对网格地图,该路段属本村范围,由原单位继续办理';
    await reviewFromList(dp, tk.code, {
      reason: 'wrong_place',
      verdict: 'rejected',
      note,
      shot: '11-02-dispatcher-objections-to-review',
    });
    await shot(dp, '11-03-dispatcher-rejects');
    await submitModal(dp);
    const dPanel = dp.getByTestId('objections-panel');
    await dPanel.getByText(t.objectionState.rejected).first().waitFor();
    await dPanel.getByText(note).waitFor();
    await toolbarButton(dp, 'review_objection').waitFor({ state: 'detached' });
    await shot(dp, '11-04-objection-rejected');

    // 3. The village committee still leads, its deadline is the same, and it may not
    //    object again: it signs for the ticket.
    await vp.reload();
    await vp.getByTestId('objections-panel').getByText(t.objectionState.rejected).first().waitFor();
    await toolbarButton(vp, 'accept').waitFor();
    await expectNotOffered(vp, 'object', 'the village after a rejected objection');
    const dueAfter = (await due.textContent())?.trim();
    if (dueAfter !== dueBefore)
      throw new Error(`the deadline shown moved: ${dueBefore} → ${dueAfter}`);
    await expectText(vp, unit.name);
    await shot(vp, '11-05-village-keeps-ticket');
    const after = await d.call<TicketView>('GET', `/api/tickets/${tk.id}`);
    if (
      after.state !== 'dispatched' ||
      after.leadUnit?.id !== unit.id ||
      after.completionDueAt !== dispatched.completionDueAt ||
      after.responseDueAt !== dispatched.responseDueAt
    )
      throw new Error(
        `after rejection: ${after.state}, lead ${after.leadUnit?.name}, due ${dispatched.completionDueAt} → ${after.completionDueAt}`,
      );
    await expectSecondObjectionRefused(villageApi, tk.id, '再次提出异议,该处路灯不归村委会管。');
    await actionButton(vp, 'accept');
    await submitModal(vp);
    await toolbarButton(vp, 'give_feedback').waitFor();
    await expectNotOffered(vp, 'object', 'the village, having signed');
    await expectText(vp, t.state.accepted);
    await shot(vp, '11-06-village-accepted');
  },
};

/** What a countdown that has not run out starts with (剩余 …). */
const timeLeftPrefix = t.web.time.left.split('{')[0] ?? '';

export const whistleOneLate: Scenario = {
  name: 'the township leader summons two departments with a 1-hour due: one reports in, one is still awaited',
  async run(stack, actors) {
    const { tk, d } = await townshipTicket(stack, {
      title: '主街路灯电缆被施工挖断(吹哨)',
      description: '来电人反映主街施工挖断了路灯电缆,还挖破了一根供水管,整条街路灯不亮、路面积水。',
      address: '主街施工段',
      phone: '13900139555',
    });
    const urban = await roleOf(stack, 'dept');
    const water = await roleOf(stack, 'dept-water-handler');

    // 1. The township's leader whistles the urban management committee and the water
    //    authority, to report in within 1 hour (the shortest due the form takes).
    const lp = await signedIn(stack, actors, DESKTOP, 'leader');
    await lp.goto(`${stack.base}/tickets/${tk.id}`);
    await blowWhistle(lp, {
      units: [urban.unitName, water.unitName],
      topic: '施工挖断路灯电缆和供水管,请城管、水务部门1小时内到场会同处置',
      dueHours: 1,
      shot: '12-01-leader-summons-two',
    });
    const panel = lp.getByTestId('whistle-panel');
    const whistles = await d.call<{ items: WhistleView[] }>(
      'GET',
      `/api/tickets/${tk.id}/whistles`,
    );
    const w = whistles.items[0];
    if (
      whistles.items.length !== 1 ||
      !w ||
      new Date(w.dueAt).getTime() - new Date(w.createdAt).getTime() !== 3600_000
    )
      throw new Error(`whistle: ${JSON.stringify(whistles.items)}`);

    // 2. The water authority reports in from its 吹哨报到 list.
    const wp = await signedIn(stack, actors, PHONE, 'dept-water-handler');
    await wp.goto(`${stack.base}/whistles`);
    const row = await reportInFromList(
      wp,
      tk.code,
      '供水抢修队已出发,20分钟到场',
      '12-02-water-whistles-waiting',
    );
    await row.waitFor({ state: 'detached' });

    // 3. The urban management committee does not: its list still shows the whistle
    //    waiting, with the time left to report in.
    const up = await signedIn(stack, actors, DESKTOP, 'dept');
    await up.getByRole('link', { name: t.web.nav.whistles }).click();
    const urbanRow = up.getByTestId('whistle-row').filter({ hasText: tk.code });
    await urbanRow.getByText(t.summonsStatus.waiting).waitFor();
    await urbanRow.getByText(timeLeftPrefix).first().waitFor();
    await shot(up, '12-03-urban-still-waiting');

    // 4. The leader's panel: one reported in time, one awaited with the countdown running.
    await lp.reload();
    await summonsShows(panel, water.unitName, 'on_time');
    await summonsShows(panel, urban.unitName, 'waiting');
    await panel.getByTestId('summons').getByText('供水抢修队已出发').waitFor();
    const countdown = panel.getByText(timeLeftPrefix).first();
    await countdown.waitFor();
    if (await countdown.getAttribute('data-overdue'))
      throw new Error('the countdown shows overdue within the hour');
    await shot(lp, '12-04-whistle-one-reported-one-waiting');
    const now = await d.call<{ items: WhistleView[] }>('GET', `/api/tickets/${tk.id}/whistles`);
    const statuses = Object.fromEntries(
      (now.items[0]?.summonses ?? []).map((s) => [s.unit.id, s.status]),
    );
    if (statuses[water.unitId] !== 'on_time' || statuses[urban.unitId] !== 'waiting')
      throw new Error(`summons statuses: ${JSON.stringify(statuses)}`);
    const joined = await d.call<TicketView>('GET', `/api/tickets/${tk.id}`);
    if (!joined.coUnits.some((u) => u.id === water.unitId))
      throw new Error('the water authority did not join as a co-unit');
    if (joined.coUnits.some((u) => u.id === urban.unitId))
      throw new Error('the urban management committee joined without reporting in');

    // 5. The leader's 吹哨记录 lists both lines; 考核统计 counts both sides.
    await lp.getByRole('link', { name: t.web.nav.whistles }).click();
    const blown = lp.getByTestId('whistle-row').filter({ hasText: tk.code });
    await summonsShows(blown, water.unitName, 'on_time');
    await summonsShows(blown, urban.unitName, 'waiting');
    await shot(lp, '12-05-leader-whistle-records');
    await lp.getByRole('tab', { name: tCoord.stats }).click();
    await lp
      .locator('.ant-card')
      .filter({ hasText: tCoord.units })
      .locator('.ant-table-row')
      .filter({ hasText: water.unitName })
      .waitFor();
    await lp.waitForLoadState('networkidle');
    await shot(lp, '12-06-leader-whistle-stats');

    // 6. Lateness needs time to pass, which a live stack cannot fake: the demo district's
    // earlier whistles (seeded in the past) show departments that reported late or never
    // did, as the supervisor sees them district-wide.
    const sv = await signedIn(stack, actors, DESKTOP, 'supervisor');
    await sv.goto(`${stack.base}/whistles?tab=blown`);
    await sv
      .getByTestId('whistle-row')
      .filter({
        hasText: new RegExp(`${t.summonsStatus.reported_late}|${t.summonsStatus.overdue}`),
      })
      .first()
      .waitFor();
    await shot(sv, '12-07-supervisor-sees-late-departments');
  },
};

export const SCENARIOS: Scenario[] = [
  residentLoop,
  agentCall,
  holidayMovesDeadline,
  everyScreen,
  inboxPowerFeatures,
  objectionUpheld,
  catalogueDispatch,
  intakeKnowledgeAndMerge,
  passDownAndWhistle,
  coUnitTasks,
  objectionRejected,
  whistleOneLate,
];

import type { TicketView, UnitView } from '@jiesu/contracts';
import { t } from '../src/i18n';
import { DESKTOP, PHONE, apiLogin, openActor, shot, type Actor, type Stack } from './harness';
import { actionButton, expectText, login, pick, submitModal } from './ui';

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
  const places = await v.call<{ id: string; name: string }[]>('GET', '/api/org/jurisdictions');
  const place = places.find((p) => p.id === unit?.jurisdictionId);
  if (!unit || !place) throw new Error('village unit or its place not found');
  return { unit, place };
}

async function ticketByCode(stack: Stack, code: string): Promise<TicketView> {
  const d = await apiLogin(stack.api, 'dispatcher');
  const list = await d.call<{ items: { id: string }[] }>('GET', `/api/tickets?q=${encodeURIComponent(code)}`);
  const id = list.items[0]?.id;
  if (!id) throw new Error(`ticket ${code} not found`);
  return d.call<TicketView>('GET', `/api/tickets/${id}`);
}

export const residentLoop: Scenario = {
  name: 'resident raises a request → dispatch → accept → feedback → reply → rating → closed',
  async run(stack, actors) {
    const { unit, place } = await villageUnit(stack);
    const phone = '13800138123';

    // 1. A resident on a phone-sized page raises a request.
    const resident = await actor(actors, PHONE);
    const rp = resident.page;
    await rp.goto(`${stack.base}/m/raise`);
    await rp.getByRole('radio', { name: t.type.help }).check({ force: true });
    await pick(rp, t.web.citizen.category, '路灯');
    await rp.getByLabel(t.web.citizen.description).fill('村口的路灯坏了一个多星期,晚上出行很不方便,请尽快修复。');
    await rp.locator('input[type=file]').setInputFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: PNG });
    await rp.locator('.ant-upload-list-item-done, .ant-upload-list-item:not(.ant-upload-list-item-uploading)').first().waitFor();
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
    await shot(dp, '1-03-dispatcher-home');
    const ticket = await ticketByCode(stack, code);
    await dp.goto(`${stack.base}/tickets/${ticket.id}`);
    await expectText(dp, code);
    await actionButton(dp, 'dispatch');
    await pick(dp, t.web.field.leadUnitId, unit.name);
    await shot(dp, '1-04-dispatch-form');
    await submitModal(dp);
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
    await vp.getByLabel(t.web.field.result, { exact: true }).fill('已联系电工更换村口路灯灯泡和线路,经现场测试路灯恢复正常照明。');
    await vp.getByLabel(t.web.field.replyText, { exact: true }).fill('您反映的村口路灯已修复,感谢您对村里工作的支持。');
    await submitModal(vp);
    await expectText(vp, t.state.feedback_given);
    await shot(vp, '1-05-village-feedback-given');

    // 4. The dispatcher replies to the resident.
    await dp.reload();
    await actionButton(dp, 'send_reply');
    await dp.getByLabel(t.web.field.replyText, { exact: true }).fill('您反映的村口路灯已由村委会修复,如仍有问题请再次反映。');
    await dp.getByRole('radio', { name: t.replyChannel.web }).check({ force: true });
    await submitModal(dp);
    await expectText(dp, t.state.replied);
    await shot(dp, '1-06-dispatcher-replied');

    // 5. The resident follows it and rates it; it closes.
    await rp.goto(`${stack.base}/m/follow`);
    await rp.getByLabel(t.web.citizen.code).fill(code);
    await rp.getByLabel(t.web.citizen.phone).fill(phone);
    await rp.getByRole('button', { name: t.web.citizen.lookup }).click();
    await rp.getByText(t.web.citizen.rateTitle).waitFor();
    await rp.getByRole('radio', { name: t.web.citizen.solvedYes }).check({ force: true });
    await rp.getByRole('radio', { name: t.satisfaction.satisfied, exact: true }).check({ force: true });
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

export const SCENARIOS: Scenario[] = [residentLoop];

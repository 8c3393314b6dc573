// Browser scenarios of [Grid] studios (我来办工作室) and grid boundary drawing.
// 1. The village committee's handler opens 我来办工作室: this month's roster
//    from the demo; takes a working day's duty off and sees it flagged, saves,
//    the server flags it too; logs a walk-in visitor that becomes a ticket
//    (channel 我来办工作室, in the village); the 统计 tab counts it; a resident's
//    phone shows the studio's phone and this week's duty.
// 2. The handler draws a grid boundary on the SVG canvas in 网格管理: a bow tie
//    is refused by the server (自相交), a proper polygon is saved, and a point
//    inside it resolves to that grid (POST-save GET /api/places/resolve).
import type { Page } from 'playwright-core';
import type {
  GridBoundaryView,
  GridList,
  PlaceResolution,
  PublicStudio,
  RosterMonth,
  StudioList,
  TicketView,
  UnitView,
} from '@jiesu/contracts';
import { studioLabelsZhCN } from '@jiesu/contracts';
import { t } from '../src/i18n';
import { tStudio } from '../src/i18n/studio';
import { tGridBoundary } from '../src/i18n/grid-boundary';
import { tGridPeople } from '../src/i18n/grid-people';
import { DESKTOP, PHONE, apiLogin, openActor, shot, type Stack } from './harness';
import { choose, login, pick } from './ui';
import type { Scenario } from './scenarios';

const s = tStudio;
const b = tGridBoundary;

/** The village the demo `village` user's committee serves. */
async function villageOf(stack: Stack) {
  const v = await apiLogin(stack.api, 'village');
  const role = v.me.roles[0];
  if (!role) throw new Error('village user has no role');
  const units = await v.call<UnitView[]>('GET', '/api/org/units');
  const unit = units.find((u) => u.id === role.unitId);
  if (!unit) throw new Error('village unit not found');
  return { api: v, villageId: unit.jurisdictionId };
}

async function clickAt(page: Page, x: number, y: number) {
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.up();
}

export const STUDIO_SCENARIOS: Scenario[] = [
  {
    name: 'a village keeps its studio: roster gap flagged, a walk-in becomes a studio ticket, residents see the duty',
    async run(stack, actors) {
      const { api, villageId } = await villageOf(stack);
      const list = await api.call<StudioList>('GET', '/api/studios');
      const mine = list.find((x) => x.village.id === villageId);
      if (!mine?.studio || !mine.canEdit) throw new Error('the demo village has no studio to keep');
      const studio = mine.studio;
      // The server's today (its clock), from the resident endpoint.
      const pub = (await (
        await fetch(`${stack.api}/api/public/studio?place=${villageId}`)
      ).json()) as PublicStudio;
      const month = pub.today.slice(0, 7);
      const roster = await api.call<RosterMonth>(
        'GET',
        `/api/studios/${studio.id}/roster?month=${month}`,
      );
      const day = roster.days.find((d) => d.working && d.members.length > 0);
      if (!day) throw new Error('no working day on duty in the demo roster');

      // 1. The roster: take a working day's duty off; the gap is flagged, then saved.
      const staff = await openActor(DESKTOP);
      actors.push(staff);
      const sp = staff.page;
      await login(sp, stack.base, 'village');
      await sp
        .getByRole('navigation', { name: t.web.nav.label })
        .getByRole('link', { name: s.nav })
        .click();
      await sp.getByRole('heading', { name: s.title }).waitFor();
      await sp.getByText(studio.phone).first().waitFor();
      const cell = sp.getByTestId(`duty-${day.date}`);
      await cell.waitFor();
      for (let i = 0; i < day.members.length; i++)
        await cell.locator('.ant-select-selection-item-remove').first().click();
      const gaps = sp.getByTestId('roster-gaps');
      await gaps.getByText(day.date.slice(5)).waitFor();
      await sp.getByRole('button', { name: s.saveRoster }).click();
      await sp.getByText(s.rosterSaved).waitFor();
      const saved = await api.call<RosterMonth>(
        'GET',
        `/api/studios/${studio.id}/roster?month=${month}`,
      );
      if (!saved.gaps.includes(day.date)) throw new Error(`${day.date} not flagged by the server`);
      await shot(sp, '45-01-studio-roster-gap');

      // 2. A walk-in visitor becomes a ticket with channel 我来办工作室.
      await sp.getByRole('tab', { name: s.tabReceptions }).click();
      await sp.getByRole('button', { name: s.receive }).click();
      const modal = sp.locator('.ant-modal:visible');
      await modal.getByLabel(s.visitorName, { exact: true }).fill('周桂兰');
      await modal.getByLabel(s.visitorPhone, { exact: true }).fill('13800138123');
      await modal
        .getByLabel(s.matter, { exact: true })
        .fill('小区门口的路灯坏了一周,晚上老人出门看不清路。');
      await choose(sp, studioLabelsZhCN.outcome.ticket);
      await pick(sp, s.ticketType, t.type.help);
      await pick(sp, s.category, '路灯');
      await modal.getByLabel(s.ticketTitle, { exact: true }).fill('小区门口路灯不亮');
      await shot(sp, '45-02-studio-reception');
      await modal.getByRole('button', { name: '确定' }).click();
      await modal.waitFor({ state: 'hidden' });
      const row = sp.locator('tr').filter({ hasText: '周**' }).first();
      await row.waitFor();
      const code = ((await row.locator('a[href^="/tickets/"]').textContent()) ?? '').trim();
      if (!code) throw new Error('no ticket code on the reception');
      const desk = await apiLogin(stack.api, 'dispatcher');
      const found = await desk.call<{ items: { id: string }[] }>(
        'GET',
        `/api/tickets?q=${encodeURIComponent(code)}`,
      );
      const ticket = await desk.call<TicketView>('GET', `/api/tickets/${found.items[0]?.id ?? ''}`);
      if (ticket.channel !== 'studio') throw new Error(`channel ${ticket.channel}`);
      if (ticket.jurisdiction.id !== villageId) throw new Error('ticket not in the village');

      // 3. The figures count it.
      await sp.getByRole('tab', { name: s.tabStats }).click();
      await sp.getByTestId('studio-stats').waitFor();
      await shot(sp, '45-03-studio-stats');

      // 4. A resident's phone: the studio's phone to tap and this week's duty.
      const resident = await openActor(PHONE);
      actors.push(resident);
      const rp = resident.page;
      await rp.goto(`${stack.base}/m/studio?place=${villageId}`);
      const card = rp.getByTestId('public-studio');
      await card.getByText(pub.name).waitFor();
      await card.getByRole('link', { name: `拨打 ${pub.phone}` }).waitFor();
      await rp.getByTestId('studio-today').waitFor();
      const width = await rp.evaluate(() => document.documentElement.scrollWidth);
      if (width > PHONE.width) throw new Error(`the studio page is ${width}px wide on a phone`);
      await shot(rp, '45-04-resident-studio');
    },
  },
  {
    name: 'a village draws a grid boundary on the canvas: a bow tie is refused, a polygon saved resolves points to the grid',
    async run(stack, actors) {
      const { api, villageId } = await villageOf(stack);
      const grids = await api.call<GridList>('GET', `/api/grids?villageId=${villageId}`);
      const grid = grids.items.find((x) => x.canEdit && x.hasBoundary);
      if (!grid) throw new Error('no grid of the village with a boundary');

      const staff = await openActor(DESKTOP);
      actors.push(staff);
      const sp = staff.page;
      await login(sp, stack.base, 'village');
      await sp.goto(`${stack.base}/grids`);
      await sp.getByRole('heading', { name: tGridPeople.title }).waitFor();
      const row = sp.getByTestId('grid-row').filter({ hasText: grid.grid.name }).first();
      await row.getByRole('button', { name: b.draw }).click();
      const canvas = sp.getByTestId('boundary-canvas');
      await canvas.waitFor();
      // The present boundary's corners on screen: the new one is drawn inside them.
      const vertices = sp.getByTestId('boundary-vertex');
      await vertices.first().waitFor();
      const boxes = await vertices.evaluateAll((els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return [r.x + r.width / 2, r.y + r.height / 2] as [number, number];
        }),
      );
      const xs = boxes.map((p) => p[0]);
      const ys = boxes.map((p) => p[1]);
      const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      const at = (fx: number, fy: number) =>
        [x0 + (x1 - x0) * fx, y0 + (y1 - y0) * fy] as [number, number];

      // A bow tie: the server says it crosses itself.
      await sp.getByRole('button', { name: b.clear }).click();
      for (const [fx, fy] of [
        [0.25, 0.25],
        [0.75, 0.75],
        [0.75, 0.25],
        [0.25, 0.6],
      ] as const)
        await clickAt(sp, ...at(fx, fy));
      await sp.getByRole('button', { name: b.close, exact: true }).click();
      await sp.getByRole('button', { name: b.save }).click();
      await sp.getByTestId('boundary-errors').getByText('自相交', { exact: false }).waitFor();
      await shot(sp, '46-01-boundary-self-intersection');
      // The refusal was expected: take its 400 off the actor's error list.
      const refused = staff.errors.findIndex(
        (e) => e.startsWith('http 400 PUT') && e.includes('/boundary'),
      );
      if (refused < 0) throw new Error(`no refused save: ${staff.errors.join('; ')}`);
      staff.errors.splice(refused, 1);

      // Redrawn inside the old square, closed on the first vertex.
      await sp.getByRole('button', { name: b.clear }).click();
      const quad = [
        [0.3, 0.3],
        [0.7, 0.3],
        [0.7, 0.7],
        [0.3, 0.7],
      ] as const;
      for (const [fx, fy] of quad) await clickAt(sp, ...at(fx, fy));
      await clickAt(sp, ...at(0.3, 0.3)); // the first vertex closes it
      // Move the third vertex a little, then undo the move.
      const [mx, my] = at(0.7, 0.7);
      await sp.mouse.move(mx, my);
      await sp.mouse.down();
      await sp.mouse.move(mx + 10, my + 10, { steps: 3 });
      await sp.mouse.up();
      await sp.getByRole('button', { name: b.undo }).click();
      await sp.getByRole('button', { name: b.save }).click();
      await sp.getByText(b.saved).waitFor();
      await shot(sp, '46-02-boundary-saved');

      // The saved polygon resolves its centre to this grid.
      const view = await api.call<GridBoundaryView>('GET', `/api/grids/${grid.grid.id}/boundary`);
      const ring = view.boundary?.type === 'Polygon' ? view.boundary.coordinates[0] : undefined;
      if (!ring || ring.length !== 5) throw new Error(`saved ring: ${JSON.stringify(ring)}`);
      const lng = ring.slice(0, 4).reduce((a, p) => a + p[0], 0) / 4;
      const lat = ring.slice(0, 4).reduce((a, p) => a + p[1], 0) / 4;
      const r = await api.call<PlaceResolution>('GET', `/api/places/resolve?lng=${lng}&lat=${lat}`);
      if (r.grid?.id !== grid.grid.id)
        throw new Error(`resolved to ${r.grid?.name ?? 'nothing'}, not ${grid.grid.name}`);
    },
  },
];

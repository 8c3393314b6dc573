// Browser scenarios of [Insight] hot spots and repeat requests: the dispatcher opens
// 热点发现, finds the demo's hot spot (枫林苑小区7号楼's lift), starts a project from
// it with one click and the project page lists its tickets; at intake, typing a known
// caller's phone and a similar matter shows the repeat warning before submitting.
import type { HotspotList, TicketView } from '@jiesu/contracts';
import { tHotspots as h } from '../src/i18n/hotspots';
import { tIntake } from '../src/i18n/intake';
import { DESKTOP, apiLogin, openActor, shot } from './harness';
import type { Scenario } from './scenarios';
import { login } from './ui';

const ESTATE = '枫林苑';

export const hotspotToProject: Scenario = {
  name: '热点发现: the dispatcher sees the demo hot spot, starts a project in one click, the project lists its tickets',
  async run(stack, actors) {
    const api = await apiLogin(stack.api, 'dispatcher');
    const list = await api.call<HotspotList>('GET', '/api/insight/hotspots');
    const group = list.items.find((g) => g.place.includes(ESTATE));
    if (!group) throw new Error(`no ${ESTATE} hot spot in ${list.items.map((g) => g.place)}`);

    const a = await openActor(DESKTOP);
    actors.push(a);
    const p = a.page;
    await login(p, stack.base, 'dispatcher');
    await p.getByRole('navigation').getByRole('link', { name: h.nav }).click();
    const rows = p.getByTestId('hotspot-list').locator('tr.ant-table-row');
    const row = rows.filter({ hasText: group.title });
    await row.first().waitFor();
    // Expand: its tickets, each a link.
    await row.first().locator('.ant-table-row-expand-icon').click();
    const first = group.tickets[0]!;
    await p.getByTestId('hotspot-tickets').getByRole('link', { name: first.code }).waitFor();
    await shot(p, 'hotspots-1-list');

    await row.first().getByRole('button', { name: h.startProject }).click();
    const modal = p.locator('.ant-modal:visible');
    await modal.waitFor();
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await modal.waitFor({ state: 'hidden' });
    const tag = row.first().getByText(h.projectStarted);
    await tag.waitFor();
    await tag.click();
    await p.waitForURL(/\/projects\//);
    for (const t of group.tickets) await p.getByText(t.code).first().waitFor();
    await shot(p, 'hotspots-2-project');
  },
};

export const repeatWarningAtIntake: Scenario = {
  name: '重复诉求: at intake a known caller with a similar matter gets the repeat warning before submitting',
  async run(stack, actors) {
    const agent = await apiLogin(stack.api, 'agent');
    const cats = await agent.call<Array<{ id: string; name: string; level: number }>>(
      'GET',
      '/api/categories',
    );
    const places = await agent.call<Array<{ id: string; level: string }>>(
      'GET',
      '/api/org/jurisdictions',
    );
    const cat = cats.find((c) => c.name.includes('路灯'));
    const place = places.find((j) => j.level === 'village');
    if (!cat || !place) throw new Error('no lamp category or village');
    const phone = '13911112468';
    const earlier = await agent.call<TicketView>('POST', '/api/tickets', {
      channel: 'hotline',
      type: 'help',
      categoryId: cat.id,
      title: '银杏路12号门前路灯不亮',
      description: '来电人反映银杏路12号门前的路灯坏了一周,晚上出行不便,希望尽快修好。',
      address: '银杏路12号',
      jurisdictionId: place.id,
      requester: { name: '周先生', phone },
    });

    const a = await openActor(DESKTOP);
    actors.push(a);
    const p = a.page;
    await login(p, stack.base, 'agent');
    await p.goto(`${stack.base}/intake`);
    await p.getByLabel(tIntake.phone, { exact: true }).fill(phone);
    await p.getByLabel(tIntake.ticketTitle, { exact: true }).fill('银杏路12号路灯还是不亮');
    await p
      .getByLabel(tIntake.description, { exact: true })
      .fill('上周反映过银杏路12号门前路灯不亮,到现在还没修好。');
    const warning = p.getByTestId('repeat-warning');
    await warning.getByText(earlier.code).waitFor();
    await shot(p, 'hotspots-3-repeat-warning');
  },
};

export const HOTSPOTS_SCENARIOS: Scenario[] = [hotspotToProject, repeatWarningAtIntake];

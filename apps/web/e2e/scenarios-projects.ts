// Browser scenarios of [Deliberation]: common-problem projects (共性问题专项).
// Run after the scenarios of scenarios.ts.
import type {
  CategoryView,
  JurisdictionView,
  TicketList,
  TicketSummary,
  UnitView,
} from '@jiesu/contracts';
import { fmt, t } from '../src/i18n';
import { DESKTOP, PHONE, apiLogin, openActor, shot, type Actor } from './harness';
import type { Scenario } from './scenarios';
import { choose, login, pick } from './ui';
import { tProjects } from '../src/i18n/projects';

async function actor(actors: Actor[], viewport: { width: number; height: number }) {
  const a = await openActor(viewport);
  actors.push(a);
  return a;
}

const WAITING: TicketSummary['state'][] = [
  'dispatched',
  'accepted',
  'in_progress',
  'feedback_given',
];

/** Names that pick one node of a tree by text: no other name contains them. */
function distinct(name: string, all: readonly string[]): boolean {
  return all.filter((n) => n.includes(name)).length === 1;
}

/**
 * A problem the demo district has many tickets on: a leaf category in a township
 * with at least 20 tickets (most of them still waiting for an answer first), its
 * busiest village and the township's government.
 */
async function busyProblem(api: string) {
  const d = await apiLogin(api, 'dispatcher');
  const cats = await d.call<CategoryView[]>('GET', '/api/categories');
  const places = await d.call<JurisdictionView[]>('GET', '/api/org/jurisdictions');
  const units = await d.call<UnitView[]>('GET', '/api/org/units');
  const byId = new Map(places.map((p) => [p.id, p]));
  const townshipOf = (id: string) => {
    let j = byId.get(id);
    for (let i = 0; j && j.level !== 'township' && i < 10; i++)
      j = j.parentId ? byId.get(j.parentId) : undefined;
    return j?.level === 'township' ? j : undefined;
  };
  const groups = new Map<
    string,
    { cat: string; twp: string; n: number; waiting: number; villages: Map<string, number> }
  >();
  for (let page = 1; ; page++) {
    const list = await d.call<TicketList>('GET', `/api/tickets?pageSize=200&page=${page}`);
    for (const tk of list.items) {
      const twp = townshipOf(tk.jurisdiction.id);
      if (!twp) continue;
      const key = `${tk.category.id}|${twp.id}`;
      const g = groups.get(key) ?? {
        cat: tk.category.id,
        twp: twp.id,
        n: 0,
        waiting: 0,
        villages: new Map<string, number>(),
      };
      g.n++;
      if (WAITING.includes(tk.state)) g.waiting++;
      g.villages.set(tk.jurisdiction.id, (g.villages.get(tk.jurisdiction.id) ?? 0) + 1);
      groups.set(key, g);
    }
    if (page * 200 >= list.total) break;
  }
  const catNames = cats.map((c) => c.name);
  const placeNames = places.filter((p) => p.level !== 'city').map((p) => p.name);
  const catById = new Map(cats.map((c) => [c.id, c]));
  const best = [...groups.values()]
    .filter((g) => g.n >= 20)
    .map((g) => ({
      ...g,
      category: catById.get(g.cat),
      township: byId.get(g.twp),
      government: units.find(
        (u) => u.kind === 'government' && u.active && u.jurisdictionId === g.twp,
      ),
    }))
    .filter(
      (g) =>
        g.category &&
        g.township &&
        g.government &&
        distinct(g.category.name, catNames) &&
        distinct(g.township.name, placeNames),
    )
    .sort((a, b) => b.waiting - a.waiting || b.n - a.n)[0];
  if (!best?.category || !best.township || !best.government)
    throw new Error('no category and township with 20 demo tickets');
  const village = [...best.villages.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  return {
    dispatcher: d,
    category: best.category,
    township: best.township,
    village: byId.get(village)!,
    government: best.government,
    count: best.n,
  };
}

export const PROJECTS_SCENARIOS: Scenario[] = [
  {
    name: 'dispatcher creates a common-problem project, links 20 tickets found by category and area, replies to all; the resident sees the reply',
    async run(stack, actors) {
      const p = tProjects;
      const problem = await busyProblem(stack.api);
      const { dispatcher: d, category, township, village, government } = problem;

      // A resident raises the same problem on the web and follows it with code and phone;
      // the desk dispatches it, so it waits for an answer like the others.
      const phone = '13900139777'; // a number the demo's requesters do not use
      const raised = await fetch(`${stack.api}/api/public/requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'help',
          categoryId: category.id,
          title: `${village.name}${category.name}问题又出现了`,
          description: `${village.name}的${category.name}问题反复出现,希望彻底解决。`,
          address: `${village.name}中心路口`,
          jurisdictionId: village.id,
          name: '周女士',
          phone,
        }),
      });
      if (!raised.ok) throw new Error(`raise: ${raised.status} ${await raised.text()}`);
      const { code } = (await raised.json()) as { code: string };
      const found = await d.call<TicketList>('GET', `/api/tickets?q=${encodeURIComponent(code)}`);
      const residentTicket = found.items[0];
      if (!residentTicket) throw new Error(`ticket ${code} not found`);
      await d.call('POST', `/api/tickets/${residentTicket.id}/actions/dispatch`, {
        input: { leadUnitId: government.id },
      });

      // 1. The dispatcher creates the project in the UI for the township's government.
      const desk = await actor(actors, DESKTOP);
      const dp = desk.page;
      await login(dp, stack.base, 'dispatcher');
      await dp.getByRole('navigation').getByRole('link', { name: t.web.nav.projects }).click();
      await dp.getByRole('heading', { name: p.title }).waitFor();
      await dp.getByRole('button', { name: p.newProject }).click();
      const modal = dp.locator('.ant-modal:visible');
      await modal.waitFor();
      const title = `${township.name}${category.name}集中治理`;
      await dp.getByLabel(p.name, { exact: true }).fill(title);
      await dp
        .getByLabel(p.problem, { exact: true })
        .fill(`${township.name}多个社区(村)反复反映${category.name}问题,逐件办理难以根治。`);
      await pick(dp, p.ownerUnit, government.name);
      await pick(dp, p.category, category.name);
      await pick(dp, p.place, township.name);
      await dp
        .getByLabel(p.plan, { exact: true })
        .fill('一、全面摸排;二、集中整治;三、建立长效巡查机制。');
      await dp.getByLabel(p.budgetNote, { exact: true }).fill('街道专项经费,约 20 万元');
      // A tree select stays open after a pick: close it before the screenshot.
      await modal.locator('.ant-modal-title').click();
      await shot(dp, 'projects-01-create');
      await modal.getByRole('button', { name: t.web.common.save }).click();
      await modal.waitFor({ state: 'hidden' });
      await dp.getByRole('heading', { name: title }).waitFor();
      await dp.getByTestId('volume-change').waitFor();

      // 2. It finds the tickets by the project's category and area and links the first 20.
      const add = dp.getByTestId('add-tickets');
      await add.getByTestId('candidate-find').click();
      await add.getByTestId('candidate-row').first().waitFor();
      await add.locator('.ant-table-row').filter({ hasText: code }).waitFor();
      const rows = await add.getByTestId('candidate-row').count();
      if (rows !== 20) throw new Error(`expected a first page of 20 candidates, got ${rows}`);
      await add.locator('thead .ant-checkbox-input').check();
      const linkButton = add.getByRole('button', { name: fmt(p.linkSelected, { n: 20 }) });
      await shot(dp, 'projects-02-candidates-selected');
      await linkButton.click();
      const linkResult = dp.getByRole('region', { name: p.linkResult });
      await linkResult.getByText(fmt(p.linkDone, { ok: 20, failed: 0 })).waitFor();
      const linkedRows = await linkResult.getByTestId('link-result').count();
      if (linkedRows !== 20) throw new Error(`expected 20 link results, got ${linkedRows}`);
      await dp
        .getByTestId('linked-tickets')
        .getByText(fmt(p.ticketsTitle, { n: 20 }))
        .waitFor();
      await dp.getByTestId('project-ticket-row').filter({ hasText: code }).waitFor();
      await shot(dp, 'projects-03-linked');

      // 3. One reply to every linked ticket still waiting for an answer.
      const text = `${township.name}已对辖区${category.name}问题开展集中治理,并建立长效巡查机制,感谢您的反映和监督。`;
      const reply = dp.getByTestId('project-reply');
      await reply.getByLabel(p.replyText).fill(text);
      await choose(dp, t.replyChannel.sms);
      await reply.getByRole('button', { name: p.send }).click();
      await dp
        .locator('.ant-popconfirm')
        .getByRole('button', { name: p.sendOk, exact: true })
        .click();
      const summary = dp.getByTestId('reply-summary');
      await summary.waitFor();
      const resultRows = dp
        .getByRole('region', { name: p.replyResult })
        .getByTestId('reply-result');
      await resultRows.filter({ hasText: code }).filter({ hasText: p.resultOk }).waitFor();
      const summaryText = (await summary.textContent()) ?? '';
      const replied = Number(/已答复 (\d+) 件/.exec(summaryText)?.[1] ?? 0);
      const skipped = Number(/跳过 (\d+) 件/.exec(summaryText)?.[1] ?? -1);
      if (replied < 1 || replied + skipped !== 20 || /失败 [1-9]/.test(summaryText))
        throw new Error(`unexpected reply outcome: ${summaryText}`);
      await shot(dp, 'projects-04-replied');

      // The resident's ticket page shows the project it is in.
      await dp.goto(`${stack.base}/tickets/${residentTicket.id}`);
      await dp.getByTestId('projects-panel').getByText(title).waitFor();
      await dp.getByText(t.state.replied).first().waitFor();

      // 4. The resident follows the request with code and phone and reads the reply.
      const resident = await actor(actors, PHONE);
      const rp = resident.page;
      await rp.goto(`${stack.base}/m/follow`);
      await rp.getByLabel(t.web.citizen.code).fill(code);
      await rp.getByLabel(t.web.citizen.phone).fill(phone);
      await rp.getByRole('button', { name: t.web.citizen.lookup }).click();
      await rp.getByText(text).waitFor();
      await rp.getByText(t.action.reply_by_project).first().waitFor();
      await shot(rp, 'projects-05-resident-sees-reply');
    },
  },
];

// Browser scenario of [Volunteers] (志愿服务), what the "Done when" names: a village
// cadre creates a team and adds five members; records an activity held with each
// volunteer's hours; on a ticket the village handles, asks the team for help, accepts and
// assigns it as the team's keeper and records the help — which shows on the ticket's
// timeline; a resident on a phone signs up to the team on the village's volunteer page
// and, once the cadre accepts, sees the application accepted.
import type { Page } from 'playwright-core';
import type { TicketView, VolunteerTeamList } from '@jiesu/contracts';
import { t } from '../src/i18n';
import { tVolunteers as v } from '../src/i18n/volunteers';
import { DESKTOP, PHONE, apiLogin, openActor, shot, type Stack } from './harness';
import type { Scenario } from './scenarios';
import { actionButton, login, pick, submitModal } from './ui';

const TEAM = '敬老助老志愿队(浏览器测试)';
const MEMBERS = [
  ['韩春生', '13600006001'],
  ['蒋玉梅', '13600006002'],
  ['沈国强', '13600006003'],
  ['韦淑珍', '13600006004'],
  ['杨立新', '13600006005'],
] as const;
const HELP = '独居老人腿脚不便,请志愿队帮忙到卫生院取药送上门';
const DONE = '两名队员到卫生院取药并送到老人家中,顺便打扫了院子';

const visibleModal = (page: Page) => page.locator('.ant-modal:visible');
async function okModal(page: Page) {
  const modal = visibleModal(page);
  await modal.locator('.ant-modal-footer .ant-btn-primary').click();
  await modal.waitFor({ state: 'hidden' });
}

/** A ticket in the `village` user's village, dispatched there and accepted. */
async function acceptedByVillage(stack: Stack, place: string, unitId: string): Promise<TicketView> {
  const [agent, dispatcher, village] = [
    await apiLogin(stack.api, 'agent'),
    await apiLogin(stack.api, 'dispatcher'),
    await apiLogin(stack.api, 'village'),
  ];
  const cats = await agent.call<Array<{ id: string; name: string }>>('GET', '/api/categories');
  const cat = cats.find((x) => x.name.includes('路灯')) ?? cats.at(-1);
  if (!cat) throw new Error('no category');
  const tk = await agent.call<TicketView>('POST', '/api/tickets', {
    channel: 'hotline',
    type: 'help',
    categoryId: cat.id,
    title: '独居老人需要帮忙取药(志愿服务)',
    description: '来电人反映邻居独居老人行动不便,常用药快吃完了,希望村里帮忙取药。',
    address: '村东头12号',
    jurisdictionId: place,
    requester: { name: '石女士', phone: '13900139777' },
  });
  const act = (who: typeof agent, action: string, input: Record<string, unknown> = {}) =>
    who.call<TicketView>('POST', `/api/tickets/${tk.id}/actions/${action}`, { input });
  await act(dispatcher, 'dispatch', { leadUnitId: unitId });
  return act(village, 'accept');
}

export const volunteersServe: Scenario = {
  name: '志愿服务: a team with 5 members, an activity held with hours, help asked on a ticket shows on its timeline, a resident signs up on a phone and is accepted',
  async run(stack, actors) {
    const villageApi = await apiLogin(stack.api, 'village');
    const unitId = villageApi.me.roles[0]?.unitId;
    const units = await villageApi.call<Array<{ id: string; jurisdictionId: string }>>(
      'GET',
      '/api/org/units',
    );
    const place = units.find((u) => u.id === unitId)?.jurisdictionId;
    if (!unitId || !place) throw new Error('the village login has no village');

    const vil = await openActor(DESKTOP);
    actors.push(vil);
    const vp = vil.page;
    await login(vp, stack.base, 'village');
    await vp.getByRole('navigation').getByRole('link', { name: v.nav }).click();
    await vp.getByRole('heading', { name: v.title }).waitFor();

    // 1. A team, and five members added one by one.
    await vp.getByRole('button', { name: v.newTeam }).click();
    const modal = visibleModal(vp);
    await modal.waitFor();
    const placeName = (
      await villageApi.call<{ items: Array<{ id: string; name: string }> }>(
        'GET',
        '/api/volunteers/places',
      )
    ).items.find((p) => p.id === place)!.name;
    await pick(vp, v.place, placeName);
    await modal.getByLabel(v.teamName).fill(TEAM);
    await pick(vp, v.field, '敬老助老');
    await okModal(vp);
    await vp.getByTestId('team-row').filter({ hasText: TEAM }).getByRole('link').click();
    await vp.getByRole('heading', { name: TEAM }).waitFor();
    for (const [name, phone] of MEMBERS) {
      await vp.getByRole('button', { name: v.addMember }).click();
      await modal.waitFor();
      await modal.getByLabel(v.name, { exact: true }).fill(name);
      await modal.getByLabel(v.phone, { exact: true }).fill(phone);
      await okModal(vp);
      await vp.getByTestId('member-row').filter({ hasText: name }).waitFor();
    }
    await vp.locator('[data-testid="member-count"]', { hasText: /^5$/ }).waitFor();
    // Phones are masked in the list.
    await vp.getByTestId('member-row').filter({ hasText: '136****6001' }).waitFor();
    await shot(vp, 'volunteers-1-team');

    // 2. An activity held, with each volunteer's hours.
    await vp.getByRole('button', { name: v.recordHeld }).click();
    await modal.waitFor();
    await modal.getByLabel(v.activityTitle).fill('重阳节敬老探访');
    await modal.getByLabel(v.activityPlace).fill('村养老驿站');
    await pick(vp, `${v.participant}1`, MEMBERS[0][0]);
    await modal.getByLabel(`${v.hours}1`, { exact: true }).fill('2.5');
    await modal.getByRole('button', { name: v.addParticipant }).click();
    await pick(vp, `${v.participant}2`, MEMBERS[1][0]);
    await modal.getByLabel(`${v.hours}2`, { exact: true }).fill('2');
    await modal.getByLabel(v.report).fill('探访老人15户,送去慰问品并打扫卫生');
    await okModal(vp);
    const held = vp.getByTestId('activity-row').filter({ hasText: '重阳节敬老探访' });
    await held.getByText(v.activityStatus.held).waitFor();
    await held.getByText('4.5', { exact: true }).waitFor();
    await vp.locator('[data-testid="team-hours"]', { hasText: /^4\.5$/ }).waitFor();
    await shot(vp, 'volunteers-2-activity');

    // 3. A ticket asks the team for help; the keeper accepts, assigns, records; the timeline shows it.
    const tk = await acceptedByVillage(stack, place, unitId);
    await vp.goto(`${stack.base}/tickets/${tk.id}`);
    await actionButton(vp, 'request_volunteers');
    await pick(vp, t.web.field.teamId, TEAM);
    await modal.getByLabel(t.web.field.description).fill(HELP);
    await submitModal(vp);
    await vp.getByTestId('volunteer-help-panel').getByText(v.helpStatus.requested).waitFor();

    await vp.goto(`${stack.base}/volunteers?tab=help`);
    const row = vp.getByTestId('help-row').filter({ hasText: tk.code });
    await row.getByRole('button', { name: v.acceptHelp }).click();
    await modal.waitFor();
    await pick(vp, v.assigned, MEMBERS[2][0]);
    await pick(vp, v.assigned, MEMBERS[3][0]);
    await okModal(vp);
    await row.getByText(v.helpStatus.accepted).waitFor();
    await row.getByRole('button', { name: v.recordHelp }).click();
    await modal.waitFor();
    await modal.getByLabel(v.helpWhat).fill(DONE);
    await modal.getByLabel(`${v.hours}1`, { exact: true }).fill('1.5');
    await modal.getByLabel(`${v.hours}2`, { exact: true }).fill('1.5');
    await okModal(vp);
    await row.getByText(v.helpStatus.done).waitFor();

    await vp.goto(`${stack.base}/tickets/${tk.id}`);
    const timeline = vp.locator('.ant-timeline');
    await timeline.getByText(t.action.request_volunteers).waitFor();
    await timeline.getByText(t.action.record_volunteer_help).waitFor();
    await timeline.getByText(DONE).waitFor();
    await timeline.getByText(`${MEMBERS[2][0]}、${MEMBERS[3][0]}`).waitFor();
    await vp.getByTestId('volunteer-help-panel').getByText(v.helpStatus.done).waitFor();
    await shot(vp, 'volunteers-3-ticket-timeline');
    // And the help is the team's activity, with its hours.
    const teams = await villageApi.call<VolunteerTeamList>('GET', '/api/volunteers/teams?mine=1');
    const team = teams.items.find((x) => x.name === TEAM);
    if (!team || team.hoursThisYear !== 7.5)
      throw new Error(`team hours after the help: ${JSON.stringify(team)}`);

    // 4. A resident signs up on a phone; the cadre accepts; the resident sees it.
    const res = await openActor(PHONE);
    actors.push(res);
    const rp = res.page;
    await rp.goto(`${stack.base}/m/v/${place}`);
    const card = rp.getByTestId('public-team').filter({ hasText: TEAM });
    await card.getByRole('button', { name: v.signUp }).click();
    await rp.getByLabel(v.name).fill('毛小燕');
    await rp.getByLabel(v.phone).fill('1370000');
    await rp.getByRole('button', { name: v.submit }).click();
    await rp.getByText(v.phoneInvalid).waitFor();
    await rp.getByLabel(v.phone).fill('13700007001');
    await rp.getByLabel(v.skills).fill('护理,做饭');
    await rp.getByRole('button', { name: v.submit }).click();
    const code = (await rp.getByTestId('application-code').textContent())?.trim() ?? '';
    if (!/^V[A-Z0-9]{7}$/.test(code)) throw new Error(`application code: ${code}`);
    await shot(rp, 'volunteers-4-signed-up');

    await vp.goto(`${stack.base}/volunteers?tab=applications`);
    const app = vp.getByTestId('application-row').filter({ hasText: code });
    await app.getByText('137****7001').waitFor();
    await app.getByRole('button', { name: v.accept, exact: true }).click();
    await vp.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await app.waitFor({ state: 'detached' });
    await vp.goto(`${stack.base}/volunteers/teams/${team.id}`);
    await vp.getByTestId('member-row').filter({ hasText: '毛小燕' }).waitFor();

    await rp.getByRole('button', { name: v.back }).click();
    await rp.getByLabel(v.code).fill(code);
    await rp.getByLabel(v.phone).fill('13700007001');
    await rp.getByRole('button', { name: v.check }).click();
    await rp.getByTestId('application-status').getByText(v.applicationStatus.accepted).waitFor();
    await shot(rp, 'volunteers-5-accepted');
  },
};

export const VOLUNTEERS_SCENARIOS: Scenario[] = [volunteersServe];

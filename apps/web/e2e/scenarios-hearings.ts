// Browser scenarios of [Deliberation]: hearings (听证), consultations (会商) and
// the backlog (积案). Run after the scenarios of scenarios.ts.
import dayjs from 'dayjs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { zhCN, type TicketView, type UnitView } from '@jiesu/contracts';
import { fmt, t } from '../src/i18n';
import { DESKTOP, apiLogin, openActor, shot, type Stack } from './harness';
import type { Scenario } from './scenarios';
import { actionButton, expectText, login, pick, submitModal } from './ui';
import { tHearings } from '../src/i18n/hearings';

const h = tHearings;

/** A field of the open modal form, by its label (or aria-label). */
const modalField = (page: Page, label: string) =>
  page.locator('.ant-modal:visible').getByLabel(label, { exact: true });

/** Types a local date and time into an antd date picker and confirms it. */
async function fillDateTime(page: Page, label: string, value: string): Promise<void> {
  const input = modalField(page, label);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor({
    state: 'hidden',
  });
}

/**
 * A long-running case of the `street` user's township: a street-light call in a
 * village of it, dispatched to the township, handled and reopened at the
 * callback twice (重办 2 次: on the backlog by the district's default rule).
 */
async function reopenedTwice(stack: Stack): Promise<TicketView> {
  const street = await apiLogin(stack.api, 'street');
  const role = street.me.roles[0];
  if (!role) throw new Error('street has no role');
  const [agent, dispatcher] = [
    await apiLogin(stack.api, 'agent'),
    await apiLogin(stack.api, 'dispatcher'),
  ];
  const units = await street.call<UnitView[]>('GET', '/api/org/units');
  const places = await street.call<Array<{ id: string; parentId: string | null; level: string }>>(
    'GET',
    '/api/org/jurisdictions',
  );
  const township = units.find((u) => u.id === role.unitId);
  const village = places.find((p) => p.parentId === township?.jurisdictionId);
  const cats = await agent.call<Array<{ id: string; name: string }>>('GET', '/api/categories');
  const cat = cats.find((c) => c.name.includes('路灯'));
  if (!township || !village || !cat) throw new Error('township, village or category not found');
  const tk = await agent.call<TicketView>('POST', '/api/tickets', {
    channel: 'hotline',
    type: 'complaint',
    categoryId: cat.id,
    title: '小区路灯修了又坏(积案听证)',
    description: '来电人反映小区路灯修了又坏,已多次反映仍未根治,情绪较大,要求彻底解决。',
    address: '小区南门',
    jurisdictionId: village.id,
    requester: { name: '赵先生', phone: '13900139555' },
  });
  const act = (who: typeof agent, action: string, input: Record<string, unknown> = {}) =>
    who.call<TicketView>('POST', `/api/tickets/${tk.id}/actions/${action}`, { input });
  await act(dispatcher, 'dispatch', { leadUnitId: township.id });
  for (let round = 0; round < 2; round++) {
    await act(street, 'accept');
    await act(street, 'start_handling');
    await act(street, 'give_feedback', {
      result: '已更换路灯灯泡并检修线路,现场恢复照明。',
      replyText: '您反映的路灯问题已处理,感谢您的监督。',
    });
    await act(dispatcher, 'send_reply', {
      replyText: '您反映的路灯问题已处理,感谢您的监督。',
      channel: 'sms',
    });
    await act(agent, 'queue_callback');
    await act(agent, 'record_callback', {
      solved: false,
      satisfaction: 'dissatisfied',
      reopen: true,
      comment: '路灯又坏了,问题没有根治',
    });
  }
  const after = await street.call<TicketView>('GET', `/api/tickets/${tk.id}`);
  if (after.reopenCount !== 2 || after.state !== 'dispatched')
    throw new Error(`expected reopened twice, got ${after.reopenCount} in ${after.state}`);
  return after;
}

/** The backlog row of the case, found by its code through the list's search. */
async function backlogRow(page: Page, base: string, code: string) {
  await page.goto(`${base}/backlog?q=${encodeURIComponent(code)}`);
  const row = page.getByTestId('backlog-row').filter({ hasText: code });
  await row.waitFor();
  return row;
}

export const hearingWithCommitment: Scenario = {
  name: 'township: a backlog case gets a hearing with two experts, recorded with a signed commitment, and a consultation',
  async run(stack, actors) {
    const tk = await reopenedTwice(stack);
    const a = await openActor(DESKTOP);
    actors.push(a);
    const page = a.page;
    await login(page, stack.base, 'street');

    // 1. The backlog, from the menu: the case is there, reopened twice, never consulted.
    await page.getByRole('navigation').getByRole('link', { name: t.web.nav.backlog }).click();
    await page.getByRole('heading', { name: h.backlogTitle }).waitFor();
    // The demo district counts 30 days as backlog (the default is 60).
    await expectText(page, fmt(h.rule, { days: 30, reopens: 2 }));
    await page.getByLabel(h.search).fill(tk.code);
    await page.getByLabel(h.search).press('Enter');
    const row = page.getByTestId('backlog-row').filter({ hasText: tk.code });
    await row.getByText(t.backlogReason.reopened, { exact: true }).waitFor();
    await row.getByText(h.neverConsulted).waitFor();
    await shot(page, 'hearings-1-backlog');
    await row.getByRole('link', { name: tk.code }).click();
    await page.getByRole('heading', { name: tk.title }).waitFor();

    // 2. Schedule a hearing with two invited experts.
    const when = dayjs().add(1, 'day').hour(15).minute(0).second(0).millisecond(0);
    await actionButton(page, 'schedule_hearing');
    await fillDateTime(page, t.web.field.scheduledAt, when.format('YYYY-MM-DD HH:mm'));
    await modalField(page, t.web.field.place).fill('街道办事处三楼会议室');
    await modalField(page, t.web.field.matter).fill('小区路灯反复损坏,诉求人多次反映,听取各方意见');
    await modalField(page, `${h.expertName} 1`).fill('刘代表');
    await modalField(page, `${h.expertAffiliation} 1`).fill('区人大代表');
    await page.locator('.ant-modal:visible').getByRole('button', { name: h.addExpert }).click();
    await modalField(page, `${h.expertName} 2`).fill('陈律师');
    await pick(page, `${h.expertKind} 2`, t.expertKind.lawyer);
    await modalField(page, `${h.expertAffiliation} 2`).fill('法律援助中心');
    await shot(page, 'hearings-2-schedule');
    await submitModal(page);
    const panel = page.getByTestId('hearings-panel');
    await panel.getByTestId('hearing-expert').nth(1).waitFor();
    await panel.getByText('陈律师').waitFor();
    await panel.getByText(t.hearingState.scheduled).waitFor();

    // 3. Record it: the only scheduled hearing is picked and its time offered;
    //    the experts sign; the requester signs the commitment.
    await actionButton(page, 'record_hearing');
    const modal = page.locator('.ant-modal:visible');
    await modal
      .getByText(
        fmt(h.scheduledFor, { at: when.format('YYYY-MM-DD HH:mm'), place: '街道办事处三楼会议室' }),
      )
      .waitFor();
    await modalField(page, t.web.field.minutes).fill(
      '听证会上街道说明了线路整体改造方案,人大代表和律师释法说理,诉求人表示认可。',
    );
    await modalField(page, t.web.field.outcome).fill('街道负责月底前完成线路整体改造');
    await modal.getByText(h.hasCommitment).click();
    await modal.getByTestId('commitment-form').waitFor();
    await modalField(page, t.web.field.signerName).fill('赵先生');
    await fillDateTime(page, t.web.field.signedAt, when.add(1, 'hour').format('YYYY-MM-DD HH:mm'));
    await modalField(page, h.commitmentText).fill('本人认可处理方案,今后不再就此事重复信访。');
    await modal.getByRole('button', { name: h.signExperts }).click();
    await modalField(page, `${t.web.form.signatureName} 2`).waitFor();
    await shot(page, 'hearings-3-record');
    await submitModal(page);
    const commitment = panel.getByTestId('hearing-commitment');
    await commitment.getByText(h.commitment).waitFor();
    await commitment.getByText('赵**').waitFor();
    await panel.getByText(t.hearingState.held).waitFor();
    await panel.getByText(fmt(h.signatureCount, { n: 2 }), { exact: false }).waitFor();
    if ((await page.content()).includes('赵先生'))
      throw new Error('the signer’s full name is shown on the ticket page');

    // 4. A consultation on the case.
    await actionButton(page, 'record_consultation');
    await fillDateTime(page, t.web.field.heldAt, when.add(2, 'hour').format('YYYY-MM-DD HH:mm'));
    await modalField(page, t.web.field.participants).fill('街道分管领导、城建科、社区书记、供电所');
    await modalField(page, t.web.field.notes).fill('研究线路整体改造的资金和施工安排。');
    await modalField(page, t.web.field.nextSteps).fill('供电所下周进场勘察');
    await submitModal(page);
    await panel
      .getByTestId('consultation')
      .getByText('供电所下周进场勘察', { exact: false })
      .waitFor();
    await shot(page, 'hearings-4-panel');

    // 5. Back on the backlog, the row shows the consultation and the commitment.
    const again = await backlogRow(page, stack.base, tk.code);
    await again
      .getByTestId('consultation-count')
      .getByText(fmt(h.consultationCount, { n: 1 }))
      .waitFor();
    await again.getByText(h.withCommitment).waitFor();
    await shot(page, 'hearings-5-backlog');
    // Its export: the case with its figures, no personal data.
    const xlsx = await page.request.get(
      `${stack.base}/api/backlog/export.xlsx?q=${encodeURIComponent(tk.code)}`,
    );
    if (!xlsx.ok()) throw new Error(`export: ${xlsx.status()}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
    const sheet = JSON.stringify(wb.worksheets[0]?.getSheetValues() ?? []);
    for (const want of [tk.code, zhCN.backlog.yes, t.backlogReason.reopened])
      if (!sheet.includes(want)) throw new Error(`export lacks ${want}`);
    if (sheet.includes('赵先生') || sheet.includes('13900139555'))
      throw new Error('the export carries personal data');

    // 6. The hearings tab lists it with its commitment.
    await page.getByRole('tab', { name: h.hearingsTab }).click();
    const hearingRow = page.getByTestId('hearing-row').filter({ hasText: tk.code });
    await hearingRow.getByText(h.withCommitment).waitFor();
  },
};

export const HEARINGS_SCENARIOS: Scenario[] = [hearingWithCommitment];

// Browser scenario of [Handling] (办理工具): a township handler records a contact with the
// requester and asks for more time (延期); the dispatcher finds
// the request on 待审批 and approves it from the ticket page; the resident's follow page
// shows the new deadline and why. Then a suspension (挂起): asked, approved (the clock shows
// 已暂停), resumed by the handler; the resident reads "办理暂停" and "恢复办理", not the notes.
import dayjs from 'dayjs';
import type { Page } from 'playwright-core';
import type { TicketSummary, TicketView, UnitView } from '@jiesu/contracts';
import { t } from '../src/i18n';
import { tHandling as h } from '../src/i18n/handling';
import { DESKTOP, PHONE, apiLogin, openActor, shot, type Stack } from './harness';
import type { Scenario } from './scenarios';
import { actionButton, choose, login, submitModal } from './ui';

const PHONE_NO = '13900139456';
const EXT_REASON = '需协调供电公司更换整段线路,材料已报送';
const SITE_FINDINGS = '现场查看:六盏路灯灯头损坏,线路完好';
const SUSPEND_REASON = '等待诉求人补充房屋产权证明(内部备注)';

const modalField = (page: Page, label: string) =>
  page.locator('.ant-modal:visible').getByLabel(label, { exact: true });

async function fillDateTime(page: Page, label: string, value: string): Promise<void> {
  const input = modalField(page, label);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor({
    state: 'hidden',
  });
}

/** A street-light call in the demo village, dispatched to the township (`street`) and signed for. */
async function acceptedByTownship(
  stack: Stack,
  opts: { accept: boolean } = { accept: true },
): Promise<TicketView> {
  const [agent, dispatcher, street, village] = [
    await apiLogin(stack.api, 'agent'),
    await apiLogin(stack.api, 'dispatcher'),
    await apiLogin(stack.api, 'street'),
    await apiLogin(stack.api, 'village'),
  ];
  const units = await village.call<UnitView[]>('GET', '/api/org/units');
  const place = units.find((u) => u.id === village.me.roles[0]?.unitId)?.jurisdictionId;
  const township = street.me.roles[0]?.unitId;
  if (!place || !township) throw new Error('demo village or township not found');
  const cats = await agent.call<Array<{ id: string; name: string }>>('GET', '/api/categories');
  const cat = cats.find((c) => c.name.includes('路灯')) ?? cats.at(-1);
  if (!cat) throw new Error('no category');
  const tk = await agent.call<TicketView>('POST', '/api/tickets', {
    channel: 'hotline',
    type: 'help',
    categoryId: cat.id,
    title: '主路一排路灯全部不亮(办理工具)',
    description: '村口到小学的主路一排路灯已经一周不亮,晚上孩子放学很不安全。',
    address: '村口主路',
    jurisdictionId: place,
    requester: { name: '韩先生', phone: PHONE_NO },
  });
  const act = (who: typeof agent, action: string, input: Record<string, unknown> = {}) =>
    who.call<TicketView>('POST', `/api/tickets/${tk.id}/actions/${action}`, { input });
  const dispatched = await act(dispatcher, 'dispatch', { leadUnitId: township });
  return opts.accept ? act(street, 'accept') : dispatched;
}

async function followTimeline(page: Page, base: string, code: string): Promise<void> {
  await page.goto(`${base}/m/follow`);
  await page.getByLabel(t.web.citizen.code).fill(code);
  await page.getByLabel(t.web.citizen.phone).fill(PHONE_NO);
  await page.getByRole('button', { name: t.web.citizen.lookup }).click();
  await page
    .getByTestId('public-status')
    .getByText(t.web.citizen.timeline, { exact: true })
    .waitFor();
}

export const handlingToolkit: Scenario = {
  name: '办理工具: a township handler records a contact and asks for an extension, the dispatcher approves it on 待审批, the resident sees the new deadline; a suspension approved and resumed',
  async run(stack, actors) {
    const tk = await acceptedByTownship(stack);

    // 1. The township handler records a reached call: it counts as the response.
    const st = await openActor(DESKTOP);
    actors.push(st);
    const sp = st.page;
    await login(sp, stack.base, 'street');
    await sp.goto(`${stack.base}/tickets/${tk.id}`);
    const panel = sp.getByTestId('handling-panel');
    await panel.waitFor();
    await actionButton(sp, 'record_contact');
    await choose(sp, t.contactChannel.phone);
    await choose(sp, t.contactOutcome.reached);
    await modalField(sp, t.web.field.note).fill('已电话联系诉求人,约定明天现场查看');
    await submitModal(sp);
    // Signed for already: the acceptance was the response, the call is logged beside it.
    await panel.getByTestId('contact-item').filter({ hasText: t.contactOutcome.reached }).waitFor();

    // 2. …and asks for more time.
    await actionButton(sp, 'request_extension');
    await modalField(sp, t.web.field.reason).fill(EXT_REASON);
    await fillDateTime(
      sp,
      t.web.field.proposedDueAt,
      dayjs().add(20, 'day').format('YYYY-MM-DD 18:00'),
    );
    await submitModal(sp);
    await panel
      .getByTestId('handling-request')
      .getByText(t.handlingRequestStatus.pending)
      .waitFor();
    await shot(sp, 'handling-1-contact-extension-asked');

    // 3. The dispatcher finds it on 待审批 and approves it from the ticket page.
    const di = await openActor(DESKTOP);
    actors.push(di);
    const dp = di.page;
    await login(dp, stack.base, 'dispatcher');
    await dp.goto(`${stack.base}/handling/approvals`);
    await dp.getByRole('heading', { name: h.title }).waitFor();
    const row = dp.getByTestId('approval-row').filter({ hasText: tk.code });
    await row.getByText(t.handlingRequestKind.extension).waitFor();
    await shot(dp, 'handling-2-approvals');
    await row.getByRole('link').first().click();
    await dp.getByTestId('handling-panel').getByTestId('review-extension').click();
    await dp.locator('.ant-modal:visible').waitFor();
    await choose(dp, t.handlingDecision.approve);
    await modalField(dp, t.web.field.note).fill('情况属实,同意延期');
    await submitModal(dp);
    await dp
      .getByTestId('handling-request-status')
      .filter({ hasText: new RegExp(`^${t.handlingRequestStatus.approved}$`) })
      .first()
      .waitFor();

    // 4. The resident's follow page: the new deadline and the reason.
    const re = await openActor(PHONE);
    actors.push(re);
    const rp = re.page;
    await followTimeline(rp, stack.base, tk.code);
    await rp.getByText('办理期限延期至', { exact: false }).waitFor();
    await rp.getByText(EXT_REASON, { exact: false }).waitFor();
    await shot(rp, 'handling-3-resident-extended');

    // 5. A suspension: asked by the township, approved by the dispatcher, the clock paused.
    await sp.reload();
    await actionButton(sp, 'request_suspension');
    await choose(sp, t.suspensionKind.waiting_requester);
    await modalField(sp, t.web.field.reason).fill(SUSPEND_REASON);
    await fillDateTime(sp, t.web.field.until, dayjs().add(3, 'day').format('YYYY-MM-DD 18:00'));
    await submitModal(sp);
    await dp.reload();
    await dp.getByTestId('handling-panel').getByTestId('review-suspension').click();
    await dp.locator('.ant-modal:visible').waitFor();
    await choose(dp, t.handlingDecision.approve);
    await modalField(dp, t.web.field.note).fill('同意挂起,请及时跟进');
    await submitModal(dp);
    await dp.getByTestId('handling-panel').getByTestId('clock-paused').waitFor();
    await shot(dp, 'handling-4-paused');

    // 6. The township resumes; the resident reads the pause and the resumption, not the notes.
    await sp.reload();
    await sp.getByTestId('clock-paused').waitFor();
    await actionButton(sp, 'resume_handling');
    await submitModal(sp);
    await sp
      .getByTestId('handling-panel')
      .getByTestId('handling-clock')
      .getByText(h.running)
      .waitFor();
    await followTimeline(rp, stack.base, tk.code);
    await rp.getByText('办理暂停:等待诉求人补充材料', { exact: false }).waitFor();
    await rp.getByText('恢复办理,办理期限顺延至', { exact: false }).waitFor();
    if ((await rp.getByText('内部备注', { exact: false }).count()) > 0)
      throw new Error('the suspension reason reached the resident');
    await shot(rp, 'handling-5-resident-resumed');
  },
};

/** The oldest ticket the township leads and holds in handling: any contact now is past its response limit. */
async function oldTownshipTicket(stack: Stack): Promise<TicketSummary> {
  const street = await apiLogin(stack.api, 'street');
  const unit = street.me.roles[0]?.unitId;
  const list = await street.call<{ items: TicketSummary[] }>(
    'GET',
    `/api/tickets?state=in_progress&unitId=${unit}&sort=receivedAt&pageSize=50`,
  );
  const old = list.items.find(
    (i) =>
      i.leadUnit?.id === unit &&
      i.holderUnit?.id === unit &&
      i.responseDueAt &&
      new Date(i.responseDueAt).getTime() < dayjs().valueOf(),
  );
  if (!old) throw new Error('no demo ticket of the township in handling past its response limit');
  return old;
}

export const handlingReviews: Scenario = {
  name: '办理工具(二): a contact inside the response limit counts as the response, one outside does not; a public site visit; an extension refused; a termination reviewed by the dispatcher closes the ticket',
  async run(stack, actors) {
    const dispatcher = await apiLogin(stack.api, 'dispatcher');
    const fresh = await acceptedByTownship(stack, { accept: false });
    const old = await oldTownshipTicket(stack);

    // 1. Inside the limit: a reached call on the dispatched ticket is its response.
    const st = await openActor(DESKTOP);
    actors.push(st);
    const sp = st.page;
    await login(sp, stack.base, 'street');
    const contact = async (id: string, note: string) => {
      await sp.goto(`${stack.base}/tickets/${id}`);
      await sp.getByTestId('handling-panel').waitFor();
      await actionButton(sp, 'record_contact');
      await choose(sp, t.contactChannel.phone);
      await choose(sp, t.contactOutcome.reached);
      await modalField(sp, t.web.field.note).fill(note);
      await submitModal(sp);
      return sp.getByTestId('handling-panel').getByTestId('contact-item').filter({ hasText: note });
    };
    const inside = await contact(fresh.id, '已电话联系诉求人,说明处理安排');
    await inside.getByTestId('contact-response').waitFor();
    // 2. Outside: the old ticket's limit passed long ago; the call is logged as late, not the response.
    const outside = await contact(old.id, '补充联系诉求人,告知进度');
    await outside.getByText(h.late).waitFor();
    if ((await outside.getByTestId('contact-response').count()) > 0)
      throw new Error('a contact past the response limit counted as the response');
    await shot(sp, 'handling-6-contact-late');

    // 3. An extension asked and refused: the deadline does not move.
    const street = await apiLogin(stack.api, 'street');
    const accepted = await street.call<TicketView>(
      'POST',
      `/api/tickets/${fresh.id}/actions/accept`,
      { input: {} },
    );
    await sp.goto(`${stack.base}/tickets/${fresh.id}`);
    // A site visit the resident may read (现场查看, marked public).
    await actionButton(sp, 'record_site_visit');
    await modalField(sp, t.web.field.place).fill('村口主路小学段');
    await modalField(sp, t.web.field.findings).fill(SITE_FINDINGS);
    await sp.locator('.ant-modal:visible').getByText(t.web.field.public).click();
    await submitModal(sp);
    await actionButton(sp, 'request_extension');
    await modalField(sp, t.web.field.reason).fill('施工队排期紧张,需要多几天');
    await fillDateTime(
      sp,
      t.web.field.proposedDueAt,
      dayjs().add(25, 'day').format('YYYY-MM-DD 18:00'),
    );
    await submitModal(sp);
    const di = await openActor(DESKTOP);
    actors.push(di);
    const dp = di.page;
    await login(dp, stack.base, 'dispatcher');
    await dp.goto(`${stack.base}/tickets/${fresh.id}`);
    await dp.getByTestId('handling-panel').getByTestId('review-extension').click();
    await dp.locator('.ant-modal:visible').waitFor();
    await choose(dp, t.handlingDecision.refuse);
    await modalField(dp, t.web.field.note).fill('理由不充分,请按原时限办结');
    await submitModal(dp);
    await dp
      .getByTestId('handling-request-status')
      .filter({ hasText: new RegExp(`^${t.handlingRequestStatus.refused}$`) })
      .first()
      .waitFor();
    const after = await dispatcher.call<TicketView>('GET', `/api/tickets/${fresh.id}`);
    if (after.completionDueAt !== accepted.completionDueAt)
      throw new Error('a refused extension moved the deadline');

    // 4. A termination: the requester withdrew; the dispatcher, a second person, reviews it.
    await sp.reload();
    await actionButton(sp, 'request_termination');
    await choose(sp, t.terminationKind.withdrawn);
    await modalField(sp, t.web.field.reason).fill('诉求人来电表示路灯已由物业自行修复,撤回诉求');
    await submitModal(sp);
    await dp.reload();
    await dp.getByTestId('handling-panel').getByTestId('review-termination').click();
    await dp.locator('.ant-modal:visible').waitFor();
    await choose(dp, t.handlingDecision.approve);
    await modalField(dp, t.web.field.note).fill('已核实诉求人撤回');
    await submitModal(dp);
    await dp.getByText(t.outcome.terminated, { exact: true }).first().waitFor();
    await shot(dp, 'handling-7-terminated');

    // 5. The resident reads why it ended; it is not counted as solved.
    const re = await openActor(PHONE);
    actors.push(re);
    await followTimeline(re.page, stack.base, fresh.code);
    await re.page.getByText(`终止办理:${t.terminationKind.withdrawn}`, { exact: false }).waitFor();
    await re.page.getByText(SITE_FINDINGS, { exact: false }).waitFor();
    const closed = await dispatcher.call<TicketView>('GET', `/api/tickets/${fresh.id}`);
    if (closed.outcome !== 'terminated') throw new Error(`outcome ${closed.outcome}`);
  },
};

export const HANDLING_SCENARIOS: Scenario[] = [handlingToolkit, handlingReviews];

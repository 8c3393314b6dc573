// Browser scenario of [Handling] reply templates (答复口径) and handover (转交): a township
// handler creates a template for the ticket's category with a {工单号} placeholder and
// hands a ticket over to a colleague (the township's leader); the colleague finds it
// under 我的工单, gives feedback starting from the template (the text carries the ticket's
// code), and the timeline shows the handover.
import type { TicketView, UnitView } from '@jiesu/contracts';
import { t } from '../src/i18n';
import { tReplyTemplates as r } from '../src/i18n/reply-templates';
import { DESKTOP, apiLogin, openActor, shot } from './harness';
import type { Scenario } from './scenarios';
import { actionButton, login, pick, submitModal } from './ui';

const TITLE = '路灯维修完成答复(转交场景)';

export const replyTemplatesAndHandover: Scenario = {
  name: '答复口径与转交: a township handler creates a template for a category and hands a ticket over to a colleague, who finds it under 我的工单 and gives feedback from the template',
  async run(stack, actors) {
    const [agent, dispatcher, street, leader, village] = [
      await apiLogin(stack.api, 'agent'),
      await apiLogin(stack.api, 'dispatcher'),
      await apiLogin(stack.api, 'street'),
      await apiLogin(stack.api, 'leader'),
      await apiLogin(stack.api, 'village'),
    ];
    const units = await village.call<UnitView[]>('GET', '/api/org/units');
    const place = units.find((u) => u.id === village.me.roles[0]?.unitId)?.jurisdictionId;
    const township = street.me.roles[0]?.unitId;
    if (!place || !township) throw new Error('demo village or township not found');
    const cats = await agent.call<Array<{ id: string; name: string; parentId: string | null }>>(
      'GET',
      '/api/categories',
    );
    const cat = cats.find((c) => c.name.includes('路灯') && c.parentId) ?? cats.at(-1);
    if (!cat) throw new Error('no category');
    const tk = await agent.call<TicketView>('POST', '/api/tickets', {
      channel: 'hotline',
      type: 'help',
      categoryId: cat.id,
      title: '小学门口路灯不亮(答复口径)',
      description: '小学门口的两盏路灯已经三天不亮,孩子放学时天已经黑了。',
      address: '小学门口',
      jurisdictionId: place,
      requester: { name: '冯女士', phone: '13900139789' },
    });
    const act = (who: typeof agent, action: string, input: Record<string, unknown> = {}) =>
      who.call<TicketView>('POST', `/api/tickets/${tk.id}/actions/${action}`, { input });
    await act(dispatcher, 'dispatch', { leadUnitId: township });
    await act(street, 'accept');
    const me = await leader.call<{ displayName: string }>('GET', '/api/auth/me');

    // 1. The township handler creates a template for the category, inserting {工单号}.
    const st = await openActor(DESKTOP);
    actors.push(st);
    const sp = st.page;
    await login(sp, stack.base, 'street');
    await sp.goto(`${stack.base}/reply-templates`);
    await sp.getByRole('heading', { name: r.title }).waitFor();
    await sp.getByRole('button', { name: r.create }).click();
    const modal = sp.locator('.ant-modal:visible');
    await modal.waitFor();
    await modal.getByLabel(r.fieldTitle, { exact: true }).fill(TITLE);
    await pick(sp, r.fieldCategory, cat.name);
    const body = modal.getByLabel(r.fieldBody, { exact: true });
    await body.fill('您反映的路灯问题(工单');
    await modal.getByTestId('insert-工单号').click();
    await body.press('End');
    await body.pressSequentially(')已处理完毕,路灯已恢复照明。');
    await modal
      .getByTestId('template-preview')
      .getByText(r.sample.工单号, { exact: false })
      .waitFor();
    await shot(sp, 'reply-templates-1-create');
    await submitModal(sp);
    await sp.getByTestId('reply-template-row').filter({ hasText: TITLE }).waitFor();

    // 2. …and hands the ticket over to a colleague (the township's leader).
    await sp.goto(`${stack.base}/tickets/${tk.id}`);
    await actionButton(sp, 'hand_over');
    await pick(sp, t.web.field.toUserId, me.displayName);
    await submitModal(sp);
    await sp.getByTestId('ticket-assignee').getByText(me.displayName).waitFor();

    // 3. The colleague finds it under 我的工单 and gives feedback from the template.
    const le = await openActor(DESKTOP);
    actors.push(le);
    const lp = le.page;
    await login(lp, stack.base, 'leader');
    await lp.goto(`${stack.base}/tickets`);
    await lp.getByTestId('inbox-mine').getByText(r.tabMine, { exact: true }).click();
    await lp.waitForURL(/assignee=me/);
    const row = lp.getByText(tk.code, { exact: false }).first();
    await row.waitFor();
    await shot(lp, 'reply-templates-2-mine');
    await lp.goto(`${stack.base}/tickets/${tk.id}`);
    await actionButton(lp, 'give_feedback');
    await pick(lp, t.web.field.templateId, TITLE);
    const reply = lp
      .locator('.ant-modal:visible')
      .getByLabel(t.web.field.replyText, { exact: true });
    await lp.waitForFunction(
      ({ code }) =>
        Array.from(document.querySelectorAll('.ant-modal textarea')).some((el) =>
          (el as HTMLTextAreaElement).value.includes(code),
        ),
      { code: tk.code },
    );
    if (!(await reply.inputValue()).includes(tk.code)) throw new Error('reply lacks the code');
    await lp
      .locator('.ant-modal:visible')
      .getByLabel(t.web.field.result, { exact: true })
      .fill('已更换小学门口两盏路灯的灯泡,现已恢复照明。');
    await submitModal(lp);

    // 4. The timeline shows the handover, and the feedback with its template.
    await lp.getByText(t.action.hand_over, { exact: true }).first().waitFor();
    await lp.getByText(`${t.web.field.toUserName}: ${me.displayName}`).first().waitFor();
    await lp.getByText(`${t.web.field.templateTitle}: ${TITLE}`).first().waitFor();
    await shot(lp, 'reply-templates-3-timeline');
  },
};

export const REPLY_TEMPLATE_SCENARIOS: Scenario[] = [replyTemplatesAndHandover];

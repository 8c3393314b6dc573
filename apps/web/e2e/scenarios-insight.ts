// Browser scenario of [Insight] reply quality hints: a township handler gives
// feedback; a reply of formulas only ("您好!留言已收悉…") brings the hint that it
// says nothing; a reply with the action, its result and the date clears it; the
// feedback is sent and the ticket moves on.
import type { TicketView } from '@jiesu/contracts';
import { t } from '../src/i18n';
import { tInsight } from '../src/i18n/insight';
import { DESKTOP, apiLogin, openActor, shot } from './harness';
import type { Scenario } from './scenarios';
import { actionButton, expectText, login, submitModal } from './ui';

const replyHints: Scenario = {
  name: '答复内容提示: a reply of formulas only is flagged before it is sent; a reply with the action, result and date is not',
  async run(stack, actors) {
    const agent = await apiLogin(stack.api, 'agent');
    const dispatcher = await apiLogin(stack.api, 'dispatcher');
    const street = await apiLogin(stack.api, 'street');
    const unitId = street.me.roles[0]?.unitId;
    if (!unitId) throw new Error('street user has no unit');
    const cats = await agent.call<{ id: string; name: string }[]>('GET', '/api/categories');
    const cat = cats.find((c) => c.name.includes('路灯'));
    if (!cat) throw new Error('category not found');
    const places = await agent.call<{ id: string; level: string }[]>(
      'GET',
      '/api/org/jurisdictions',
    );
    const units = await agent.call<{ id: string; jurisdictionId: string }[]>(
      'GET',
      '/api/org/units',
    );
    const place = units.find((u) => u.id === unitId)?.jurisdictionId;
    if (!place || !places.some((p) => p.id === place)) throw new Error('street unit has no place');
    const tk = await agent.call<TicketView>('POST', '/api/tickets', {
      channel: 'hotline',
      type: 'help',
      categoryId: cat.id,
      title: '街道主路路灯不亮(答复提示)',
      description: '来电人反映街道主路路灯不亮已三天,夜间出行不便。',
      address: '青岚路中段',
      jurisdictionId: place,
      requester: { phone: '13900139222' },
    });
    await dispatcher.call('POST', `/api/tickets/${tk.id}/actions/dispatch`, {
      input: { leadUnitId: unitId },
    });
    await street.call('POST', `/api/tickets/${tk.id}/actions/accept`, { input: {} });

    const a = await openActor(DESKTOP);
    actors.push(a);
    const p = a.page;
    await login(p, stack.base, 'street');
    await p.goto(`${stack.base}/tickets/${tk.id}`);
    await actionButton(p, 'give_feedback');
    const modal = p.locator('.ant-modal:visible');
    const hints = modal.getByTestId('reply-hints-replyText');
    const reply = modal.getByLabel(t.web.field.replyText, { exact: true });
    await reply.fill('您好!您的留言已收悉,感谢您对我们工作的支持!');
    await hints.getByText(tInsight.replyHints.hint.too_short).waitFor();
    await hints.getByText(tInsight.replyHints.hint.no_date).waitFor();
    await shot(p, 'insight-1-reply-hints');
    await reply.fill('您好!11月20日街道城管科组织人员到场核实并更换了灯具,目前已恢复照明。');
    await hints.waitFor({ state: 'hidden' });
    await modal
      .getByLabel(t.web.field.result, { exact: true })
      .fill('已到场更换主路灯具3盏,恢复照明。');
    await shot(p, 'insight-2-reply-good');
    await submitModal(p);
    await expectText(p, t.state.feedback_given);
  },
};

export const INSIGHT_SCENARIOS: Scenario[] = [replyHints];

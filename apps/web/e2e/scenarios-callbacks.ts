// Browser scenario of [Handling] the callback desk (回访台): a dispatcher finds a replied
// ticket in 待回访, records 未接通 three times and it leaves the queue as 未联系上 (已完成);
// a second ticket is recorded unsolved, goes to 待复核, is reopened (重办) and its page
// shows it dispatched with a new deadline. Tickets are set up through the API.
import type { Page } from 'playwright-core';
import type { CallbackConfig, TicketView, UnitView } from '@jiesu/contracts';
import { t } from '../src/i18n';
import { tCallbacks as c } from '../src/i18n/callbacks';
import { DESKTOP, apiLogin, openActor, shot, type Stack } from './harness';
import type { Scenario } from './scenarios';
import { choose, login, submitModal } from './ui';

const PHONE_NO = '13900139789';

/** A ticket taken through the loop up to 答复 (replied), through the API. */
async function repliedTicket(stack: Stack, title: string): Promise<TicketView> {
  const [agent, dispatcher, village] = [
    await apiLogin(stack.api, 'agent'),
    await apiLogin(stack.api, 'dispatcher'),
    await apiLogin(stack.api, 'village'),
  ];
  const unitId = village.me.roles[0]?.unitId;
  const units = await village.call<UnitView[]>('GET', '/api/org/units');
  const place = units.find((u) => u.id === unitId)?.jurisdictionId;
  if (!place || !unitId) throw new Error('demo village not found');
  const cats = await agent.call<Array<{ id: string; name: string }>>('GET', '/api/categories');
  const cat = cats.find((k) => k.name.includes('路灯')) ?? cats.at(-1);
  if (!cat) throw new Error('no category');
  const tk = await agent.call<TicketView>('POST', '/api/tickets', {
    channel: 'hotline',
    type: 'complaint',
    categoryId: cat.id,
    title,
    description: '小区门口路灯一直不亮,晚上出行很不方便,请尽快处理。',
    address: '小区门口',
    jurisdictionId: place,
    requester: { name: '秦女士', phone: PHONE_NO },
  });
  const act = (who: typeof agent, action: string, input: Record<string, unknown> = {}) =>
    who.call<TicketView>('POST', `/api/tickets/${tk.id}/actions/${action}`, { input });
  await act(dispatcher, 'dispatch', { leadUnitId: unitId });
  await act(village, 'accept');
  await act(village, 'give_feedback', {
    result: '已联系供电所更换灯泡,路灯恢复照明,现场确认。',
    replyText: '您反映的路灯问题已修复,感谢您的监督。',
  });
  return act(dispatcher, 'send_reply', {
    replyText: '您反映的路灯问题已修复,感谢您的监督。',
    channel: 'sms',
  });
}

const row = (page: Page, code: string) =>
  page.getByTestId('callback-row').filter({ hasText: code });

async function openTab(page: Page, base: string, tab: string) {
  await page.goto(`${base}/callbacks?tab=${tab}`);
  await page.getByRole('heading', { name: c.title }).waitFor();
}

export const callbackDesk: Scenario = {
  name: '回访台: 未接通 three times closes as 未联系上; an unsolved callback is reviewed and reopened (重办) with a new deadline',
  async run(stack, actors) {
    // Every reply is called back, at once, three attempts at most.
    const admin = await apiLogin(stack.api, 'dispatcher');
    const before = await admin.call<CallbackConfig>('GET', '/api/callbacks/config');
    await admin.call('PUT', '/api/callbacks/config', {
      ...before,
      rules: [],
      defaultPercent: 100,
      maxAttempts: 3,
      onlineWindowHours: 0,
    });
    try {
      const a = await repliedTicket(stack, '小区门口路灯不亮(回访未接通)');
      const b = await repliedTicket(stack, '小区门口路灯不亮(回访未解决)');

      const di = await openActor(DESKTOP);
      actors.push(di);
      const p = di.page;
      await login(p, stack.base, 'dispatcher');

      // 1. 待回访: three times 未接通, then it leaves the queue.
      await openTab(p, stack.base, 'queue');
      await row(p, a.code).waitFor();
      await shot(p, 'callbacks-1-queue');
      for (let i = 0; i < 3; i++) {
        await row(p, a.code).getByRole('button', { name: c.attempt, exact: true }).click();
        await p.locator('.ant-modal:visible').waitFor();
        await submitModal(p);
      }
      await row(p, a.code).waitFor({ state: 'detached' });
      await openTab(p, stack.base, 'finished');
      await row(p, a.code).getByText(c.statusLabel.not_reached!).waitFor();
      await shot(p, 'callbacks-2-not-reached');

      // 2. Recorded unsolved → 待复核 → 重办.
      await openTab(p, stack.base, 'queue');
      await row(p, b.code).getByRole('button', { name: c.record, exact: true }).click();
      await p.locator('.ant-modal:visible').waitFor();
      await choose(p, c.no);
      await choose(p, t.satisfaction.dissatisfied);
      await p.locator('.ant-modal:visible').getByLabel(c.comment).fill('路灯晚上还是不亮');
      await submitModal(p);
      await row(p, b.code).waitFor({ state: 'detached' });
      await openTab(p, stack.base, 'review');
      await row(p, b.code).getByRole('button', { name: c.reopen, exact: true }).click();
      await p.locator('.ant-modal:visible').waitFor();
      await p.locator('.ant-modal:visible').locator('textarea').fill('诉求人反映路灯仍不亮,重办');
      await submitModal(p);
      await row(p, b.code).waitFor({ state: 'detached' });

      // The ticket is back with the unit, with a new deadline.
      await p.goto(`${stack.base}/tickets/${b.id}`);
      await p.getByText(t.state.dispatched).first().waitFor();
      const view = await admin.call<TicketView>('GET', `/api/tickets/${b.id}`);
      if (view.state !== 'dispatched' || !view.completionDueAt || view.reopenCount !== 1) {
        throw new Error(`not reopened: ${view.state} ${view.completionDueAt}`);
      }
      await shot(p, 'callbacks-3-reopened');
    } finally {
      await admin.call('PUT', '/api/callbacks/config', before);
    }
  },
};

export const CALLBACK_SCENARIOS: Scenario[] = [callbackDesk];

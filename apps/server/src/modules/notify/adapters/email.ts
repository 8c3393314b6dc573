// [Interop] email: the adapter builds the message (from the district's SMTP settings, a
// subject from the message kind, the text) and hands it to a transport. No SMTP library is
// bundled: the composition root passes a transport when one is installed; without one the
// message is recorded (note 'recorded: no SMTP transport'). Tests pass a fake transport.
import type { DeliveryAdapter } from './types.js';
import { DeliveryError } from './types.js';

export interface EmailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  smtp: { host: string; port: number; secure: boolean; user?: string; password?: string };
}

export interface EmailTransport {
  send(m: EmailMessage): Promise<{ messageId?: string }>;
}

const SUBJECTS: Record<string, string> = {
  ticket_received: '诉求已受理',
  ticket_replied: '诉求答复',
  callback_queued: '回访通知',
  notice_published: '评议结果公示',
  ticket_dispatched: '新工单',
  ticket_urged: '督办通知',
  whistle_blown: '吹哨报到',
  due_soon: '工单即将到期',
  overdue: '工单已超期',
};

export function emailAdapter(transport?: EmailTransport): DeliveryAdapter {
  return {
    async send(row, channel) {
      const s = (channel?.settings ?? {}) as {
        host?: string;
        port?: number;
        secure?: boolean;
        user?: string;
        from?: string;
      };
      if (!s.host || !s.port || !s.from) throw new DeliveryError('邮件服务器未配置');
      if (!row.to_email) throw new DeliveryError('缺少邮箱地址');
      if (!transport) return { note: 'recorded: no SMTP transport' };
      try {
        const r = await transport.send({
          from: s.from,
          to: row.to_email,
          subject: `【接诉即办】${SUBJECTS[row.template ?? ''] ?? '通知'}`,
          text: row.text,
          smtp: {
            host: s.host,
            port: s.port,
            secure: s.secure ?? s.port === 465,
            user: s.user,
            password: channel?.secrets.password,
          },
        });
        return { note: r.messageId ? `message ${r.messageId}` : undefined };
      } catch (e) {
        throw new DeliveryError(`邮件发送失败: ${(e as Error).message}`);
      }
    },
  };
}

// [Interop] notifications over HTTP: my in-app list (paging, unread only), marking read,
// the live stream (server-sent events, cookie session), the districts' channel settings
// (admin; secrets write-only) and the deadline sweep (admin; the loop runs it too).
import { Type } from '@sinclair/typebox';
import {
  ChannelConfigInput,
  ChannelConfigList,
  ChannelConfigView,
  ChannelParams,
  DeadlineSweepResult,
  ErrorBody,
  NotificationList,
  NotificationQuery,
  NotificationReadResult,
  Uuid,
  type NotificationStreamEvent,
} from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { actorOf, requireRole, requireStaff } from '../../plugins/auth.js';
import { toItem } from './service.js';

const IdParams = Type.Object({ id: Uuid });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** Every open stream's heartbeat (a comment line) keeps proxies from closing it. */
export const HEARTBEAT_MS = 25_000;

export function notificationRoutes(app: App, c: Container): void {
  app.get('/api/notifications', {
    preHandler: requireStaff,
    schema: {
      tags: ['notifications'],
      summary: '我的站内通知(新到在前),可只看未读;附未读数',
      querystring: NotificationQuery,
      response: { 200: NotificationList, ...errors },
    },
    handler: (req) => c.notifications.mine(actorOf(req), req.query),
  });

  app.post('/api/notifications/:id/read', {
    preHandler: requireStaff,
    schema: {
      tags: ['notifications'],
      summary: '将一条站内通知标为已读',
      params: IdParams,
      response: { 200: NotificationReadResult, ...errors },
    },
    handler: (req) => c.notifications.read(actorOf(req), req.params.id),
  });

  app.post('/api/notifications/read-all', {
    preHandler: requireStaff,
    schema: {
      tags: ['notifications'],
      summary: '将我的站内通知全部标为已读',
      response: { 200: NotificationReadResult, ...errors },
    },
    handler: (req) => c.notifications.readAll(actorOf(req)),
  });

  app.get('/api/notifications/stream', {
    preHandler: requireStaff,
    schema: {
      tags: ['notifications'],
      summary:
        '站内通知实时推送(Server-Sent Events):每条新通知一个 `notification` 事件(通知与未读数),每 25 秒一行心跳注释',
      produces: ['text/event-stream'],
      response: { 401: ErrorBody },
    },
    handler: (req, reply) => {
      const actor = actorOf(req);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 5000\n: connected\n\n');
      const unsubscribe = c.notificationHub.subscribe(
        actor.tenantId,
        actor.userId,
        (row, unread) => {
          const data: NotificationStreamEvent = { notification: toItem(row), unread };
          res.write(`id: ${row.id}\nevent: notification\ndata: ${JSON.stringify(data)}\n\n`);
        },
      );
      const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      let done = false;
      const end = () => {
        if (done) return;
        done = true;
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(end);
        if (!res.writableEnded) res.end();
      };
      streams.add(end);
      req.raw.on('close', end);
      res.on('error', end);
    },
  });

  // Open streams end when the server closes (otherwise `close` waits for them).
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...streams]) end();
  });
  app.addHook('onClose', async () => {
    await c.notificationHub.close();
  });

  app.get('/api/admin/notification-channels', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['notifications'],
      summary: '本区通知渠道设置(短信网关、微信公众号模板消息、邮件);密钥只显示是否已设置',
      response: { 200: ChannelConfigList, ...errors },
    },
    handler: (req) => c.notifications.channels(actorOf(req)),
  });

  app.put('/api/admin/notification-channels/:channel', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['notifications'],
      summary: '设置一个通知渠道;只修改给出的密钥(空字符串清除);未启用的渠道只记录不发送',
      params: ChannelParams,
      body: ChannelConfigInput,
      response: { 200: ChannelConfigView, ...errors },
    },
    handler: (req) => c.notifications.putChannel(actorOf(req), req.params.channel, req.body),
  });

  app.post('/api/notifications/sweep', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['notifications'],
      summary:
        '工单到期提醒:办结时限临近(默认 4 小时内)或已超期的工单,通知承办单位,每个时限每类只通知一次',
      response: { 200: DeadlineSweepResult, ...errors },
    },
    handler: (req) => c.notifications.sweepDeadlines(actorOf(req).tenantId),
  });
}

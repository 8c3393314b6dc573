// [Interop] WeChat template messages (模板消息) of the district's official account: an access
// token from the app id and secret (kept until shortly before it expires), then one template
// message to the row's openid with the template id configured for the message kind; the
// message's params become the template's data fields. errcode ≠ 0 is a failure.
import type { DeliveryAdapter } from './types.js';
import { DeliveryError } from './types.js';

export function wechatAdapter(
  opts: { now?: () => number; timeoutMs?: number } = {},
): DeliveryAdapter {
  const now = opts.now ?? Date.now;
  const tokens = new Map<string, { token: string; until: number }>();

  async function call(url: string, init?: RequestInit): Promise<Record<string, unknown>> {
    let res: Response;
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000) });
    } catch (e) {
      throw new DeliveryError(`微信接口无法连接: ${(e as Error).message}`);
    }
    if (!res.ok) throw new DeliveryError(`微信接口返回 ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  }

  return {
    async send(row, channel) {
      const s = (channel?.settings ?? {}) as {
        appId?: string;
        apiBase?: string;
        templateIds?: Record<string, string>;
      };
      const secret = channel?.secrets.appSecret;
      if (!s.appId || !secret) throw new DeliveryError('微信公众号未配置');
      if (!row.to_openid) throw new DeliveryError('缺少 openid');
      const templateId = row.template ? s.templateIds?.[row.template] : undefined;
      if (!templateId) throw new DeliveryError(`未配置消息模板: ${row.template ?? ''}`);
      const base = (s.apiBase ?? 'https://api.weixin.qq.com').replace(/\/$/, '');
      let t = tokens.get(s.appId);
      if (!t || t.until <= now()) {
        const r = await call(
          `${base}/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(s.appId)}&secret=${encodeURIComponent(secret)}`,
        );
        if (typeof r.access_token !== 'string') {
          throw new DeliveryError(`获取 access_token 失败: ${String(r.errmsg ?? r.errcode)}`);
        }
        const ttl = Number(r.expires_in ?? 7200);
        t = { token: r.access_token, until: now() + Math.max(60, ttl - 300) * 1000 };
        tokens.set(s.appId, t);
      }
      const data: Record<string, { value: string }> = {};
      for (const [k, v] of Object.entries(row.params ?? {})) data[k] = { value: v };
      const r = await call(
        `${base}/cgi-bin/message/template/send?access_token=${encodeURIComponent(t.token)}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ touser: row.to_openid, template_id: templateId, data }),
        },
      );
      if (Number(r.errcode ?? 0) !== 0) {
        // An expired token is dropped so the retry fetches a new one.
        if (r.errcode === 40001 || r.errcode === 42001) tokens.delete(s.appId);
        throw new DeliveryError(`微信模板消息失败 ${String(r.errcode)}: ${String(r.errmsg ?? '')}`);
      }
      return { note: `msgid ${String(r.msgid ?? '')}` };
    },
  };
}

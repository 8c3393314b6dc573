// [Interop] SMS through the district's HTTP gateway: the body template gets `{phone}` and
// `{text}` (escaped for a JSON string), the configured auth header carries the secret value;
// any answer but 2xx is a failure the sender retries.
import type { DeliveryAdapter } from './types.js';
import { DeliveryError, jsonInner } from './types.js';

export function smsHttpAdapter(opts: { timeoutMs?: number } = {}): DeliveryAdapter {
  return {
    async send(row, channel) {
      const s = (channel?.settings ?? {}) as {
        url?: string;
        method?: string;
        contentType?: string;
        authHeader?: string;
        bodyTemplate?: string;
      };
      if (!s.url || !s.bodyTemplate) throw new DeliveryError('短信网关未配置');
      if (!row.to_phone) throw new DeliveryError('缺少手机号');
      const json = (s.contentType ?? 'application/json').includes('json');
      const esc = json ? jsonInner : (v: string) => encodeURIComponent(v);
      const body = s.bodyTemplate
        .replaceAll('{phone}', esc(row.to_phone))
        .replaceAll('{text}', esc(row.text));
      const headers: Record<string, string> = {
        'content-type': s.contentType ?? 'application/json',
      };
      if (s.authHeader && channel?.secrets.authValue)
        headers[s.authHeader] = channel.secrets.authValue;
      let res: Response;
      try {
        res = await fetch(s.url, {
          method: s.method ?? 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
        });
      } catch (e) {
        throw new DeliveryError(`短信网关无法连接: ${(e as Error).message}`);
      }
      const answer = (await res.text()).slice(0, 200);
      if (!res.ok) throw new DeliveryError(`短信网关返回 ${res.status}: ${answer}`);
      return { note: `gateway ${res.status}` };
    },
  };
}

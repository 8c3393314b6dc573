// [Interop] Open311 GeoReport v2 at /open311/v2, outside /api: the format is the
// path's extension (.xml or .json; XML without one, as the spec's default), POST
// bodies are form-encoded (JSON is taken too), and every failure answers in the spec's
// error body (XML <errors><error><code/><description/></error></errors>, JSON
// [{code, description}]) with a stable code in the X-Error-Code header. These routes
// are documented in docs/OPEN311.md, not in the OpenAPI document.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Open311Format } from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { AppError } from '../../shared/errors.js';
import { IDEMPOTENCY_HEADER, RETRY_AFTER_S } from '../idempotency/key.js';
import { Open311Failure, type Params } from './service.js';
import { definitionXml, discoveryXml, errorsXml, listXml, servicesXml } from './xml.js';

export const OPEN311_PREFIX = '/open311/v2';

/** The format a path asks for, and the path without its extension. */
export function formatOf(path: string): { format: Open311Format; base: string } {
  const clean = decodeURIComponent(path.split('?')[0] ?? '');
  if (clean.endsWith('.json')) return { format: 'json', base: clean.slice(0, -5) };
  if (clean.endsWith('.xml')) return { format: 'xml', base: clean.slice(0, -4) };
  return { format: 'xml', base: clean };
}

function paramsOf(req: FastifyRequest): Params {
  const out: Params = {};
  const merge = (o: unknown) => {
    if (!o || typeof o !== 'object') return;
    for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
      const first = Array.isArray(v) ? v[0] : v;
      if (first === undefined || first === null) continue;
      out[k] = typeof first === 'object' ? JSON.stringify(first) : String(first);
    }
  };
  merge(req.query);
  merge(req.body);
  return out;
}

function send(reply: FastifyReply, format: Open311Format, json: unknown, xml: () => string) {
  if (format === 'json') {
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(json));
  }
  return reply.type('text/xml; charset=utf-8').send(xml());
}

function fail(
  reply: FastifyReply,
  format: Open311Format,
  status: number,
  code: string,
  message: string,
) {
  const errors = [{ code: status, description: message }];
  reply.status(status).header('x-error-code', code);
  return send(reply, format, errors, () => errorsXml(errors));
}

export function open311Routes(
  app: App,
  c: Container,
  limits: { max: number; timeWindow: number },
): void {
  const svc = c.open311;
  const config = { scope: 'open311' as const, rateLimit: { ...limits } };
  const schema = { hide: true };

  void app.register(
    async (s) => {
      s.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string' },
        (_req, body, done) => {
          const form: Record<string, string> = {};
          for (const [k, v] of new URLSearchParams(String(body))) if (!(k in form)) form[k] = v;
          done(null, form);
        },
      );

      s.setErrorHandler((err: FastifyError, req, reply) => {
        const { format } = formatOf(req.url);
        if (err instanceof Open311Failure)
          return fail(reply, format, err.status, err.code, err.message);
        if (err instanceof AppError) {
          // An Idempotency-Key reused with another body (422) or still in progress (409).
          const status = [403, 404, 409, 422].includes(err.status) ? err.status : 400;
          if (err.code === 'IDEMPOTENCY_IN_PROGRESS') reply.header('retry-after', RETRY_AFTER_S);
          return fail(reply, format, status, err.code, err.details?.[0]?.message ?? err.message);
        }
        if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
          return fail(reply, format, 400, err.code ?? 'BAD_REQUEST', '请求无效');
        }
        req.log.error({ err }, 'open311: unhandled error');
        return fail(reply, format, 500, 'INTERNAL', '服务器内部错误');
      });
      s.setNotFoundHandler((req, reply) =>
        fail(reply, formatOf(req.url).format, 404, 'NOT_FOUND', '没有这个 Open311 接口'),
      );

      for (const ext of ['', '.xml', '.json']) {
        s.get(`/discovery${ext}`, { schema, config }, (req, reply) => {
          const d = svc.discovery(`${req.protocol}://${req.host}${OPEN311_PREFIX}/`);
          return send(reply, formatOf(req.url).format, d, () => discoveryXml(d));
        });

        s.get(`/services${ext}`, { schema, config }, async (req, reply) => {
          const list = await svc.services(paramsOf(req));
          return send(reply, formatOf(req.url).format, list, () => servicesXml(list));
        });

        s.get(`/requests${ext}`, { schema, config }, async (req, reply) => {
          const list = await svc.requests(paramsOf(req));
          return send(reply, formatOf(req.url).format, list, () =>
            listXml('service_requests', 'request', list),
          );
        });

        // [Proof] Idempotency-Key: a retry (in either format) answers the first request.
        s.post(`/requests${ext}`, { schema, config }, async (req, reply) => {
          const kept = await svc.create(
            paramsOf(req),
            req.ip ?? null,
            req.headers[IDEMPOTENCY_HEADER],
          );
          if (kept.replayed) reply.header('idempotent-replayed', 'true');
          return send(reply.status(kept.status), formatOf(req.url).format, [kept.body], () =>
            listXml('service_requests', 'request', [kept.body]),
          );
        });

        s.get(`/servicerequestupdates${ext}`, { schema, config }, async (req, reply) => {
          const list = await svc.updates(paramsOf(req));
          return send(reply, formatOf(req.url).format, list, () =>
            listXml('service_request_updates', 'request_update', list),
          );
        });

        s.post(`/servicerequestupdates${ext}`, { schema, config }, async (req, reply) => {
          const created = await svc.postUpdate(paramsOf(req), req.ip ?? null);
          return send(reply, formatOf(req.url).format, [created], () =>
            listXml('service_request_updates', 'request_update', [created]),
          );
        });
      }

      s.get('/services/:file', { schema, config }, async (req, reply) => {
        const { format, base } = formatOf((req.params as { file: string }).file);
        const d = await svc.definition(paramsOf(req), base);
        return send(reply, format, d, () => definitionXml(d));
      });

      s.get('/requests/:file', { schema, config }, async (req, reply) => {
        const { format, base } = formatOf((req.params as { file: string }).file);
        const one = await svc.request(paramsOf(req), base);
        return send(reply, format, one, () => listXml('service_requests', 'request', one));
      });

      s.get('/tokens/:file', { schema, config }, async (req, reply) => {
        const { format, base } = formatOf((req.params as { file: string }).file);
        const t = await svc.token(paramsOf(req), base);
        return send(reply, format, [t], () => listXml('service_requests', 'request', [t]));
      });
    },
    { prefix: OPEN311_PREFIX },
  );
}

import { Type } from '@sinclair/typebox';
import {
  CategoryView,
  ErrorBody,
  JurisdictionView,
  PublicInformationBody,
  PublicLookupQuery,
  PublicRatingBody,
  PublicRequestBody,
  PublicRequestCreated,
  PublicRequestView,
} from '@jiesu/contracts';
import type { App } from '../../app.js';
import type { Container } from '../../container.js';
import { IdempotencyHeaders, keyedOf, sendKept } from '../idempotency/http.js';

const CodeParams = Type.Object({ code: Type.String({ maxLength: 40 }) });
const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };

/** Resident endpoints: no sign-in, rate-limited per address. */
export function publicRoutes(
  app: App,
  c: Container,
  limits: { max: number; timeWindow: number },
): void {
  const tenantOf = (h: string | string[] | undefined) =>
    c.defaultTenant(typeof h === 'string' ? h : undefined);
  const rateLimit = { max: limits.max, timeWindow: limits.timeWindow };

  app.post('/api/public/requests', {
    config: { rateLimit },
    schema: {
      tags: ['public'],
      summary: '群众提交诉求',
      headers: IdempotencyHeaders,
      body: PublicRequestBody,
      response: { 201: PublicRequestCreated, ...errors, 422: ErrorBody },
    },
    handler: async (req, reply) =>
      sendKept(
        reply,
        await c.public.raise(await tenantOf(req.headers['x-tenant']), req.body, keyedOf(req)),
      ),
  });

  app.get('/api/public/requests/:code', {
    config: { rateLimit },
    schema: {
      tags: ['public'],
      summary: '凭受理编号和手机号查询进度',
      params: CodeParams,
      querystring: PublicLookupQuery,
      response: { 200: PublicRequestView, ...errors },
    },
    handler: async (req) =>
      c.public.lookup(await tenantOf(req.headers['x-tenant']), req.params.code, req.query.phone),
  });

  app.post('/api/public/requests/:code/rating', {
    config: { rateLimit },
    schema: {
      tags: ['public'],
      summary: '评价办理结果',
      params: CodeParams,
      body: PublicRatingBody,
      response: { 200: PublicRequestView, ...errors },
    },
    handler: async (req) => {
      const { phone, ...input } = req.body;
      return c.public.act(
        await tenantOf(req.headers['x-tenant']),
        req.params.code,
        phone,
        'rate',
        input,
      );
    },
  });

  app.post('/api/public/requests/:code/information', {
    config: { rateLimit },
    schema: {
      tags: ['public'],
      summary: '补充诉求内容',
      params: CodeParams,
      body: PublicInformationBody,
      response: { 200: PublicRequestView, ...errors },
    },
    handler: async (req) => {
      const { phone, ...input } = req.body;
      return c.public.act(
        await tenantOf(req.headers['x-tenant']),
        req.params.code,
        phone,
        'add_information',
        input,
      );
    },
  });

  app.get('/api/public/categories', {
    schema: { tags: ['public'], summary: '诉求分类', response: { 200: Type.Array(CategoryView) } },
    handler: async (req) =>
      (await c.catalogue.categories(await tenantOf(req.headers['x-tenant']))).filter(
        (x) => x.active,
      ),
  });

  app.get('/api/public/jurisdictions', {
    schema: {
      tags: ['public'],
      summary: '行政区域(街乡镇、村社区)',
      response: { 200: Type.Array(JurisdictionView) },
    },
    handler: async (req) => c.org.jurisdictions(await tenantOf(req.headers['x-tenant'])),
  });
}

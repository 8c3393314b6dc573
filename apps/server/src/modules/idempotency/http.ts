// The HTTP side of Idempotency-Key: the header's OpenAPI declaration, who the caller is,
// and sending a kept answer (a replay carries `Idempotent-Replayed: true`).
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IDEMPOTENCY_HEADER } from './key.js';
import type { Kept, Keyed } from './service.js';

/**
 * The header, documented on each creating route. Its rules are checked by the service
 * (400 IDEMPOTENCY_KEY_INVALID), not by the schema, so the client gets the stable code.
 */
export const IdempotencyHeaders = Type.Object({
  [IDEMPOTENCY_HEADER]: Type.Optional(
    Type.String({
      description:
        '幂等键(1 至 255 个可见 ASCII 字符,建议用 UUID):同一调用方在 24 小时内以同一个键重试同一请求,只建一张工单,返回第一次的结果(响应头 Idempotent-Replayed: true);同一个键配不同的请求体返回 422 IDEMPOTENCY_KEY_REUSED;第一次请求仍在处理时返回 409 IDEMPOTENCY_IN_PROGRESS(带 Retry-After)',
    }),
  ),
});

/** The key as sent and the caller: an API token, a signed-in user, or an anonymous resident. */
export function keyedOf(req: FastifyRequest, user?: { userId: string }): Keyed {
  const caller = req.apiToken
    ? `token:${req.apiToken.id}`
    : user
      ? `user:${user.userId}`
      : 'public';
  return { key: req.headers[IDEMPOTENCY_HEADER], caller };
}

export function sendKept<T>(reply: FastifyReply, kept: Kept<T>): FastifyReply {
  if (kept.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(kept.status).send(kept.body);
}

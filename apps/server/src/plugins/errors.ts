import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { zhCN, type ErrorBody, type ErrorCode } from '@jiesu/contracts';
import type { ErrorObject } from 'ajv';
import { AppError } from '../shared/errors.js';
import { RETRY_AFTER_S } from '../modules/idempotency/key.js';
import { describeValidation } from './validation.js';
import { wantsApp } from './web.js';

function body(
  code: ErrorCode,
  details?: ErrorBody['error']['details'],
  message?: string,
): ErrorBody {
  return { error: { code, message: message ?? zhCN.error[code], ...(details ? { details } : {}) } };
}

/**
 * Fastify's own refusals before routing (a path segment that is not valid
 * percent-encoded UTF-8, a parameter over the router's length limit) would
 * otherwise leave in Fastify's shape; they are input errors like any other.
 * Passed as the `frameworkErrors` option when the app is created.
 */
export function frameworkErrors(
  err: FastifyError,
  _req: FastifyRequest,
  reply: FastifyReply,
): void {
  const message =
    err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? '请求地址中的参数过长' : '请求地址的编码无效';
  reply.status(400).send(body('VALIDATION_FAILED', [{ path: 'params:/', message }]));
}

const MULTIPART_BROKEN =
  /^(Multipart: Boundary not found|Unexpected end of multipart data|Unexpected end of form|Malformed part header)/;

/** Every failure leaves as `{ error: { code, message, details? } }`; nothing unknown leaks out. */
export function registerErrorHandling(app: FastifyInstance, opts: { serveApp: boolean }): void {
  app.setErrorHandler((err: FastifyError & { validationContext?: string }, req, reply) => {
    if (err instanceof AppError) {
      // The first request with this Idempotency-Key is still running: retry shortly.
      if (err.code === 'IDEMPOTENCY_IN_PROGRESS') reply.header('retry-after', RETRY_AFTER_S);
      return reply.status(err.status).send(body(err.code, err.details, err.message));
    }
    if (err.validation) {
      const { unknownField, details } = describeValidation(
        err.validation as ErrorObject[],
        err.validationContext ?? 'body',
      );
      return reply
        .status(400)
        .send(body(unknownField ? 'UNKNOWN_FIELD' : 'VALIDATION_FAILED', details));
    }
    switch (err.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
      case 'FST_REQ_FILE_TOO_LARGE':
        return reply.status(413).send(body('PAYLOAD_TOO_LARGE'));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        return reply
          .status(400)
          .send(body('VALIDATION_FAILED', [{ path: '/', message: err.message }]));
      case 'FST_FILES_LIMIT':
        return reply.status(400).send(body('TOO_MANY_FILES'));
    }
    if (err.statusCode === 429) return reply.status(429).send(body('RATE_LIMITED'));
    // A database refusal that validation should have caught is still the client's input.
    const pgCode = (err as { code?: string }).code ?? '';
    if (/^22/.test(pgCode) || pgCode === '23503' || pgCode === '23514') {
      req.log.warn({ err }, 'input refused by the database');
      return reply.status(400).send(body('VALIDATION_FAILED'));
    }
    if (pgCode === '23505') return reply.status(409).send(body('DUPLICATE'));
    if (pgCode === '40001' || pgCode === '40P01')
      return reply.status(409).send(body('VERSION_CONFLICT'));
    if (err instanceof SyntaxError || err.statusCode === 400) {
      return reply
        .status(400)
        .send(body('VALIDATION_FAILED', [{ path: '/', message: '请求体不是有效的 JSON' }]));
    }
    // A multipart body that is not one (no boundary in it, cut short): busboy's plain Error.
    if (MULTIPART_BROKEN.test(err.message ?? '')) {
      return reply
        .status(400)
        .send(body('VALIDATION_FAILED', [{ path: '/', message: '上传的表单格式不正确' }]));
    }
    // The cause stays in the log; the client gets the generic message and the id to quote.
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { ...body('INTERNAL').error, requestId: req.id } });
  });

  app.setNotFoundHandler((req, reply) => {
    if (opts.serveApp && wantsApp(req.method, req.url)) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.status(404).send(body('NOT_FOUND'));
  });
}

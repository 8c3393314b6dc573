// Request validation with two Ajv instances: bodies are validated strictly
// (no type coercion, unknown fields rejected, never silently removed), while
// query strings and path parameters are coerced from text as HTTP requires.
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import localizeZhModule from 'ajv-i18n/localize/zh/index.js';

// Typed as an ES default export, but at run time the CommonJS function itself.
const localizeZh = localizeZhModule as unknown as (errors: ErrorObject[]) => void;
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import { AppError } from '../shared/errors.js';

// CJS interop: ajv-formats exports its function as `default.default` under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule })
  .default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    removeAdditional: false,
    useDefaults: true,
    coerceTypes: coerce ? 'array' : false,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

const bodyAjv = makeAjv(false);
const textAjv = makeAjv(true);

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const validate = (httpPart === 'body' ? bodyAjv : textAjv).compile(schema);
  return (data: unknown) => {
    if (validate(data)) return { value: data };
    const errors = [...(validate.errors ?? [])];
    localizeZh(errors);
    const err = Object.assign(new Error('validation failed'), {
      validation: errors,
      validationContext: httpPart,
    });
    return { error: err };
  };
};

export interface FieldError {
  path: string;
  message: string;
}

/** Turns Ajv errors into stable, readable details: a JSON pointer and a Chinese message. */
export function describeValidation(
  errors: ErrorObject[],
  context: string,
): { unknownField: boolean; details: FieldError[] } {
  let unknownField = false;
  const details = errors.map((e) => {
    if (e.keyword === 'additionalProperties') {
      unknownField = true;
      const field = (e.params as { additionalProperty: string }).additionalProperty;
      return { path: `${e.instancePath}/${field}`, message: `不允许的字段 ${field}` };
    }
    return {
      path: `${context === 'body' ? '' : `${context}:`}${e.instancePath || '/'}`,
      message: e.message ?? '格式不正确',
    };
  });
  return { unknownField, details };
}

/** Deeper JSON than any route's schema has; a deeper body is refused before any code walks it. */
export const MAX_BODY_DEPTH = 32;

/** The nesting depth of a parsed JSON value, walked without recursion (so 100,000 levels are fine). */
export function jsonDepth(value: unknown, stopAt = Infinity): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d + 1 > max) max = d + 1;
    if (max > stopAt) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

/**
 * Refuses JSON bodies nested deeper than MAX_BODY_DEPTH: a free-form field (a saved view's
 * filters) took 5,000 levels, and JSON.stringify on the way to the database overflowed the
 * stack (found by the fuzzer).
 */
export function registerBodyDepthLimit(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    if (
      req.body &&
      typeof req.body === 'object' &&
      jsonDepth(req.body, MAX_BODY_DEPTH) > MAX_BODY_DEPTH
    ) {
      throw new AppError('VALIDATION_FAILED', [
        { path: '/', message: `请求体嵌套超过 ${MAX_BODY_DEPTH} 层` },
      ]);
    }
  });
}

// Request validation with two Ajv instances: bodies are validated strictly
// (no type coercion, unknown fields rejected, never silently removed), while
// query strings and path parameters are coerced from text as HTTP requires.
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import localizeZhModule from 'ajv-i18n/localize/zh/index.js';

// Typed as an ES default export, but at run time the CommonJS function itself.
const localizeZh = localizeZhModule as unknown as (errors: ErrorObject[]) => void;
import type { FastifySchemaCompiler } from 'fastify';

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

import type { Rule } from 'antd/es/form';
import { fmt, t } from '../i18n';

/** "Please fill in …" for a form field. */
export function requiredRule(field: string): Rule {
  return { required: true, message: fmt(t.web.form.required, { field }) };
}

/** "… may be at most {n} characters" for a form field. */
export function maxLengthRule(field: string, max: number): Rule {
  return { max, message: fmt(t.web.form.maxLength, { field, n: max }) };
}

/** A required text of at least `min` characters (and at most `max`, when given). */
export function requiredText(field: string, min: number, max?: number): Rule[] {
  return [
    requiredRule(field),
    {
      min,
      ...(max === undefined ? {} : { max }),
      message: fmt(t.web.form.minLength, { field, n: min }),
    },
  ];
}

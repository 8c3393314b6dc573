// [Handling] the placeholder renderer: every known placeholder is replaced, the text
// around the placeholders is left exactly as it was, and unknown ones are reported.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  REPLY_PLACEHOLDERS,
  renderReplyTemplate,
  unknownPlaceholders,
  type ReplyPlaceholder,
} from './reply-templates.js';

// Text without braces, so the pieces between placeholders are plain text.
const plain = fc.string({ maxLength: 20 }).map((s) => s.replace(/[{}]/g, ''));
const placeholder = fc.constantFrom(...REPLY_PLACEHOLDERS);
const values = fc.record(
  Object.fromEntries(REPLY_PLACEHOLDERS.map((p) => [p, fc.string({ maxLength: 12 })])) as Record<
    ReplyPlaceholder,
    fc.Arbitrary<string>
  >,
);

describe('renderReplyTemplate', () => {
  it('replaces every known placeholder and keeps the text between them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(plain, placeholder), { maxLength: 8 }),
        plain,
        values,
        (parts, tail, v) => {
          const body = parts.map(([text, p]) => `${text}{${p}}`).join('') + tail;
          const expected = parts.map(([text, p]) => text + v[p]).join('') + tail;
          expect(renderReplyTemplate(body, v)).toBe(expected);
          expect(unknownPlaceholders(body)).toEqual([]);
        },
      ),
    );
  });

  it('leaves text without placeholders unchanged, and a value is not filled again', () => {
    fc.assert(
      fc.property(plain, values, (text, v) => {
        expect(renderReplyTemplate(text, v)).toBe(text);
      }),
    );
    const v = Object.fromEntries(REPLY_PLACEHOLDERS.map((p) => [p, p])) as Record<
      ReplyPlaceholder,
      string
    >;
    expect(renderReplyTemplate('{地址}', { ...v, 地址: '{工单号}' })).toBe('{工单号}');
  });

  it('reports unknown placeholders once each and leaves them in the text', () => {
    const body = '工单{工单号}由{办理人}办理,{办理人}负责,{}不算';
    expect(unknownPlaceholders(body)).toEqual(['办理人']);
    const v = Object.fromEntries(REPLY_PLACEHOLDERS.map((p) => [p, 'X'])) as Record<
      ReplyPlaceholder,
      string
    >;
    expect(renderReplyTemplate(body, v)).toBe('工单X由{办理人}办理,{办理人}负责,{}不算');
  });
});

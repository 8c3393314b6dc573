import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkReply, replySubstance } from './reply-quality.js';

// Invented replies of the fictional district.
const GOOD =
  '您好!您反映的青岚路12号路灯不亮问题,街道城管科于11月20日组织人员到场核实并更换了灯具,目前已恢复照明。感谢您的监督!';

describe('reply quality hints', () => {
  it('finds nothing missing in a reply that says what was done, with what result, and when', () => {
    expect(checkReply(GOOD).hints).toEqual([]);
  });

  it('flags a reply of greetings, receipt and thanks only as empty of substance', () => {
    for (const text of [
      '网友:您好!留言已收悉',
      '已收悉',
      '感谢您对我们工作的关心、监督与支持。',
      '您好!您的留言已收悉。现将有关情况回复如下:特此回复!',
    ]) {
      const c = checkReply(text);
      expect(c.hints, text).toContain('too_short');
      expect(c.substance, text).toBeLessThan(15);
    }
  });

  it('names each missing part: action, result, date', () => {
    // Substance but no action, no result, no date.
    expect(checkReply('关于小区门口那段路面的情况,我们这边非常重视这件事情。').hints).toEqual([
      'no_action',
      'no_result',
      'no_date',
    ]);
    // An action and a date, no result.
    expect(
      checkReply('11月18日工作人员到场查看了小区门口那段路面的破损情况和周边排水情况。').hints,
    ).toEqual(['no_result']);
    // A basis for not doing it counts as the result.
    expect(
      checkReply('经核实,该路段不属于市政道路,根据有关规定由开发商负责维修,11月底前完成。').hints,
    ).toEqual([]);
  });

  it('keeps the substance: formulas out, facts in', () => {
    expect(replySubstance('您好!留言已收悉。路灯已于昨日修复。感谢您的支持!')).toBe(
      '路灯已于昨日修复',
    );
  });

  it('never lets added formulas make a reply look better, nor a dated action look worse', () => {
    const formula = fc.constantFrom(
      '您好!',
      '您的留言已收悉。',
      '现将有关情况回复如下:',
      '感谢您对我们工作的支持!',
      '特此回复。',
    );
    const body = fc.string({
      unit: fc.constantFrom(...'路灯小区破损居民反映情况问题'),
      maxLength: 40,
    });
    fc.assert(
      fc.property(fc.array(formula, { maxLength: 4 }), body, (formulas, text) => {
        const plain = checkReply(text);
        const dressed = checkReply(formulas.join('') + text);
        // Formulas add no substance and remove no hint.
        expect(dressed.substance).toBe(plain.substance);
        expect(dressed.hints).toEqual(plain.hints);
        // A dated action with its result, appended, answers action, result and date.
        const done = checkReply(`${text}11月20日已组织人员维修完毕。`);
        for (const h of ['no_action', 'no_result', 'no_date'] as const)
          expect(done.hints).not.toContain(h);
      }),
    );
  });
});

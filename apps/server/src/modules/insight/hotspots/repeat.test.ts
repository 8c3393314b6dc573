// Repeat similarity: same matter at the same place is a repeat, another matter or
// another place is not; the score is bounded and a request repeats itself fully.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { REPEAT_THRESHOLD, bestRepeat, repeatProfile, repeatSimilarity } from './repeat.js';

const lift = {
  title: '翠湖苑小区3号楼电梯频繁故障',
  description:
    '来电人反映翠湖苑小区3号楼的电梯最近三天两头坏,昨天还困人了,希望督促维保单位尽快修好。',
  address: '青石街道翠湖社区翠湖苑小区3号楼',
  jurisdiction_id: 'j1',
};

describe('repeat similarity', () => {
  it('tells the same matter from another matter and another place', () => {
    const p = repeatProfile(lift);
    const again = repeatProfile({
      title: '翠湖苑3号楼电梯又坏了',
      description: '来电人再次反映翠湖苑小区3号楼电梯停运,上次反映后仍未修好,老人下不了楼。',
      address: '青石街道翠湖社区翠湖苑小区',
      jurisdiction_id: 'j1',
    });
    const rubbish = repeatProfile({
      title: '翠湖苑小区门口垃圾清运不及时',
      description: '来电人反映翠湖苑小区门口垃圾桶满了好几天没人清运,气味很大。',
      address: '青石街道翠湖社区翠湖苑小区',
      jurisdiction_id: 'j1',
    });
    const elsewhere = repeatProfile({
      ...lift,
      title: '锦绣家园电梯频繁故障',
      description: '来电人反映锦绣家园5号楼的电梯最近三天两头坏,希望督促维保单位尽快修好。',
      address: '河西镇锦绣社区锦绣家园',
      jurisdiction_id: 'j2',
    });
    expect(repeatSimilarity(p, again)).toBeGreaterThanOrEqual(REPEAT_THRESHOLD);
    expect(repeatSimilarity(p, rubbish)).toBeLessThan(REPEAT_THRESHOLD);
    expect(repeatSimilarity(p, elsewhere)).toBe(0);
    const best = bestRepeat(lift, [
      {
        ...lift,
        id: 'a',
        title: '翠湖苑小区门口垃圾清运不及时',
        description: '垃圾桶满了没人清运。',
      },
      { ...lift, id: 'b' },
    ]);
    expect(best?.match.id).toBe('b');
    expect(best?.similarity).toBe(1);
  });

  it('is bounded, symmetric, and 1 for the same request', () => {
    const text = fc.string({
      unit: fc.constantFrom(...'电梯故障路灯不亮垃圾噪音小区楼门口老人维修反映'.split('')),
      minLength: 4,
      maxLength: 40,
    });
    fc.assert(
      fc.property(text, text, fc.boolean(), (a, b, samePlace) => {
        const x = repeatProfile({ title: a, description: a, address: '', jurisdiction_id: 'j1' });
        const y = repeatProfile({
          title: b,
          description: b,
          address: '',
          jurisdiction_id: samePlace ? 'j1' : 'j2',
        });
        const s = repeatSimilarity(x, y);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(repeatSimilarity(y, x)).toBe(s);
        expect(repeatSimilarity(x, x)).toBe(1);
      }),
      { numRuns: 150 },
    );
  });
});

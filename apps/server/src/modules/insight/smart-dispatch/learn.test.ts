// The stored model format and the held-out split (properties), and training in a worker
// thread giving the same model as training inline.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { predict, train, type Example } from '../classifier/model.js';
import { MAX_HOLDOUT, MIN_PER_LABEL, learn, pack, split, unpack, usable } from './learn.js';
import { learnInWorker } from './trainer.js';

const WORDS: Record<string, string[]> = {
  light: ['路灯', '不亮', '灯泡', '漆黑', '照明'],
  cover: ['井盖', '缺失', '下水井', '窨井', '踩空'],
  heat: ['暖气', '不热', '供暖', '温度低', '冰凉'],
};

const examples = fc.array(
  fc.record({
    label: fc.constantFrom('light', 'cover', 'heat'),
    picks: fc.array(fc.nat(4), { minLength: 2, maxLength: 6 }),
    noise: fc.string({ maxLength: 6 }),
  }),
  { minLength: 12, maxLength: 60 },
);
const toExamples = (xs: Array<{ label: string; picks: number[]; noise: string }>): Example[] =>
  xs.map((x) => ({
    label: x.label,
    text: x.picks.map((i) => WORDS[x.label]![i]).join('') + x.noise,
  }));

describe('pack / unpack', () => {
  it('keeps labels, keys and bias, and every weight within half a quantisation step', () => {
    fc.assert(
      fc.property(examples, (xs) => {
        const ex = toExamples(xs);
        fc.pre(new Set(ex.map((e) => e.label)).size >= 2);
        const m = train(ex);
        const back = unpack(pack(m, m.keys.length));
        expect(back.labels).toEqual(m.labels);
        expect(Array.from(back.keys)).toEqual(Array.from(m.keys));
        expect(Array.from(back.bias)).toEqual(Array.from(m.bias));
        const L = m.labels.length;
        for (let j = 0; j < m.keys.length; j++) {
          let max = 0;
          for (let k = 0; k < L; k++) max = Math.max(max, Math.abs(m.weights[j * L + k]!));
          for (let k = 0; k < L; k++)
            expect(Math.abs(back.weights[j * L + k]! - m.weights[j * L + k]!)).toBeLessThanOrEqual(
              max / 127 / 2 + 1e-6,
            );
        }
      }),
      { numRuns: 25 },
    );
  });

  it('keeps the features with the largest weights when pruning', () => {
    const ex = toExamples(
      Array.from({ length: 30 }, (_, i) => ({
        label: ['light', 'cover', 'heat'][i % 3]!,
        picks: [i % 5, (i + 2) % 5],
        noise: '',
      })),
    );
    const m = train(ex);
    const half = Math.floor(m.keys.length / 2);
    const small = unpack(pack(m, half));
    expect(small.keys.length).toBe(half);
    expect([...small.keys].every((k, i, a) => i === 0 || a[i - 1]! < k)).toBe(true);
    for (const e of ex) expect(predict(small, e.text, 1)[0]!.label).toBe(e.label);
  });
});

describe('split', () => {
  it('holds out at most one in five (and MAX_HOLDOUT), disjoint, with labels seen in training', () => {
    fc.assert(
      fc.property(examples, (xs) => {
        const ex = usable(toExamples(xs));
        const { train: tr, test } = split(ex);
        expect(tr.length + test.length).toBeLessThanOrEqual(ex.length);
        expect(test.length).toBeLessThanOrEqual(MAX_HOLDOUT);
        const trained = new Set(tr.map((e) => e.label));
        for (const e of test) {
          expect(trained.has(e.label)).toBe(true);
          expect(tr).not.toContain(e);
        }
        // Deterministic: the same rows split the same way in any order.
        const again = split([...ex].reverse());
        expect(new Set(again.test.map((e) => e.text))).toEqual(new Set(test.map((e) => e.text)));
      }),
      { numRuns: 50 },
    );
  });

  it('drops labels with fewer than MIN_PER_LABEL texts', () => {
    const ex = [
      ...Array.from({ length: MIN_PER_LABEL }, () => ({ text: '路灯不亮', label: 'a' })),
      ...Array.from({ length: MIN_PER_LABEL - 1 }, () => ({ text: '井盖缺失', label: 'b' })),
    ];
    expect(usable(ex).map((e) => e.label)).toEqual(Array(MIN_PER_LABEL).fill('a'));
  });
});

describe('training thread', () => {
  it('gives the same model as training inline', async () => {
    const ex = toExamples(
      Array.from({ length: 90 }, (_, i) => ({
        label: ['light', 'cover', 'heat'][i % 3]!,
        picks: [i % 5, (i * 7) % 5, (i * 3) % 5],
        noise: String(i),
      })),
    );
    const inline = learn(ex, () => performance.now());
    const threaded = await learnInWorker(ex);
    expect(Buffer.from(threaded.bytes).equals(Buffer.from(inline.bytes))).toBe(true);
    expect(threaded.macroF1).toBe(inline.macroF1);
    expect(threaded.samples + threaded.holdout).toBe(90);
  });
});

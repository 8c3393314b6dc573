import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deserialise, predict, serialise, train, type Example } from './model.js';
import { evaluate, stratifiedFolds } from './metrics.js';
import { normalise } from './features.js';

// Invented 12345-style complaints: a place, then a problem whose words belong to one label.
const PLACES = [
  '幸福里小区',
  '东风路',
  '南湖新村',
  '学府街',
  '建设巷',
  '红星社区',
  '滨河公园',
  '北关菜市场',
];
const PROBLEMS: Record<string, string[]> = {
  路灯照明: ['路灯坏了晚上一片漆黑', '路灯不亮多日无人维修', '照明灯杆倾斜灯泡损坏'],
  噪音扰民: ['夜间施工噪音太大无法入睡', '广场舞音响声音扰民', '商铺喇叭噪音吵得睡不着'],
  垃圾清运: ['垃圾桶满了没人清运', '生活垃圾堆积发臭', '建筑垃圾乱倒无人清理'],
  供暖问题: ['暖气不热室温只有十二度', '供暖管道漏水家里不热', '集中供暖温度不达标'],
};

function toy(variants: number[]): Example[] {
  const rows: Example[] = [];
  for (const [label, problems] of Object.entries(PROBLEMS))
    for (const [p, place] of PLACES.entries())
      for (const v of variants)
        rows.push({ text: `${place}${problems[(p + v) % problems.length]}，请尽快处理`, label });
  return rows;
}

const trainRows = toy([0, 1]);
const model = train(trainRows, { svm: { seed: 7 } });

describe('dispatch classifier', () => {
  it('learns a separable toy set and labels unseen combinations', () => {
    const test = toy([2]);
    const e = evaluate(
      test.map((x) => x.label),
      test.map((x) => predict(model, x.text, 1)[0]!.label),
    );
    expect(e.accuracy).toBe(1);
    expect(e.macroF1).toBe(1);
    expect(predict(model, '我家楼下的路灯坏了好几天', 1)[0]!.label).toBe('路灯照明');
    expect(predict(model, '隔壁工地半夜施工噪音很大', 1)[0]!.label).toBe('噪音扰民');
  });

  it('gives the top 3, sorted, with scores that sum to at most 1', () => {
    const top = predict(model, '小区垃圾没人清运', 3);
    expect(top).toHaveLength(3);
    expect(top[0]!.label).toBe('垃圾清运');
    for (let i = 1; i < top.length; i++)
      expect(top[i - 1]!.score).toBeGreaterThanOrEqual(top[i]!.score);
    const sum = top.reduce((s, x) => s + x.score, 0);
    expect(sum).toBeLessThanOrEqual(1 + 1e-9);
    expect(top[0]!.score).toBeGreaterThan(0.5);
    expect(new Set(top.map((x) => x.label)).size).toBe(3);
  });

  it('scores of all labels form a probability distribution for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.constantFrom(...PLACES), (s, place) => {
        const all = predict(model, place + s, 10);
        expect(all).toHaveLength(4);
        const sum = all.reduce((a, x) => a + x.score, 0);
        expect(Math.abs(sum - 1)).toBeLessThan(1e-9);
        for (const x of all) expect(x.score).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 100 },
    );
  });

  it('round-trips through the model file with identical predictions', () => {
    const again = deserialise(serialise(model));
    for (const text of ['东风路暖气不热', '路灯坏了', '噪音', '', 'ＡＢＣ１２３'])
      expect(predict(again, text, 4)).toEqual(predict(model, text, 4));
    expect(serialise(again)).toBe(serialise(model));
    expect(() => deserialise(serialise(model).replace('"version":1', '"version":99'))).toThrow(
      /version/,
    );
  });

  it('is deterministic for a seed', () => {
    expect(serialise(train(trainRows, { svm: { seed: 7 } }))).toBe(serialise(model));
  });

  it('does not depend on the order of the training rows', () => {
    const small = toy([0]);
    const reference = serialise(train(small, { svm: { seed: 3 } }));
    fc.assert(
      fc.property(fc.shuffledSubarray(small, { minLength: small.length }), (rows) => {
        expect(serialise(train(rows, { svm: { seed: 3 } }))).toBe(reference);
      }),
      { numRuns: 15 },
    );
  });

  it('normalises full-width characters, case and digit runs', () => {
    expect(String.fromCharCode(...normalise('ＡＢｃ 123号'))).toBe('abc0号');
  });

  it('makes stratified folds with every label spread evenly', () => {
    const labels = [...'aaaaabbbbbbbbbbcc'];
    const folds = stratifiedFolds(labels, 5, 1);
    for (const l of ['a', 'b']) {
      const per = [0, 1, 2, 3, 4].map(
        (f) => labels.filter((x, i) => x === l && folds[i] === f).length,
      );
      expect(Math.max(...per) - Math.min(...per)).toBeLessThanOrEqual(1);
    }
    expect(stratifiedFolds(labels, 5, 1)).toEqual(folds);
  });
});

describe('jiesu classify (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jiesu-classify-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const csv = (rows: Example[]) =>
    'id,text,label,extra\n' +
    rows.map((r, i) => `${i},"${r.text.replace(/"/g, '""')}",${r.label},x`).join('\n') +
    '\n';
  const cli = (args: string[], input?: string) =>
    spawnSync(process.execPath, ['apps/server/bin/jiesu.js', 'classify', ...args], {
      encoding: 'utf8',
      input,
      timeout: 60_000,
    });

  it('trains, evaluates and predicts from CSV files', () => {
    const trainFile = join(dir, 'train.csv');
    const testFile = join(dir, 'test.csv');
    const modelFile = join(dir, 'model.json');
    // A quoted field with a comma and a line break must come through whole.
    writeFileSync(
      trainFile,
      csv([...trainRows, { text: '滨河公园路灯坏了，\n晚上很黑', label: '路灯照明' }]),
    );
    writeFileSync(testFile, csv(toy([2])));
    const t = cli(['train', '--input', trainFile, '--model', modelFile]);
    expect(t.status, t.stderr).toBe(0);
    expect(JSON.parse(t.stdout)).toMatchObject({ n: trainRows.length + 1, labels: 4 });

    const e = cli(['eval', '--model', modelFile, '--input', testFile]);
    expect(e.status, e.stderr).toBe(0);
    const lines = e.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(result)).toEqual(['n', 'accuracy', 'macroF1', 'perClass']);
    expect(result).toMatchObject({ n: 32, accuracy: 1, macroF1: 1 });
    expect(Object.keys(result.perClass as object).sort()).toEqual(Object.keys(PROBLEMS).sort());

    const p = cli(['predict', '--model', modelFile], '红星社区暖气不热\n学府街垃圾堆积\n');
    expect(p.status, p.stderr).toBe(0);
    const out = p.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { top: { label: string; score: number }[] });
    expect(out).toHaveLength(2);
    expect(out[0]!.top).toHaveLength(3);
    expect(out[0]!.top[0]!.label).toBe('供暖问题');
    expect(out[1]!.top[0]!.label).toBe('垃圾清运');
  }, 180_000);

  it('prints the usage and exits 2 on bad arguments', () => {
    const r = cli(['train', '--input', 'x.csv']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--model/);
    expect(cli(['bogus']).status).toBe(2);
  }, 120_000);
});

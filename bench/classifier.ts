// Smart-dispatch classifier, measured on real citizen messages: stratified
// k-fold cross-validation (seeded) on the labelled file of the 2020 泰迪杯 C
// problem (read at run time from ../shared/data; never copied into the repo),
// against a character 1–2-gram TF-IDF + linear SVM baseline trained and tested
// on the same folds; predictions per second on one thread; model size; and the
// training time on 10,000 texts (the labelled texts repeated, each copy
// perturbed).
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { readExamples } from '../apps/server/src/modules/insight/classifier/csv.js';
import {
  mergeOptions,
  predict,
  serialise,
  train,
  type Example,
  type Model,
  type TrainInput,
} from '../apps/server/src/modules/insight/classifier/model.js';
import {
  evaluate,
  stratifiedFolds,
} from '../apps/server/src/modules/insight/classifier/metrics.js';
import { prng } from '../apps/server/src/modules/insight/classifier/linear.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_DATA = resolve(REPO, '../shared/data/taidi2020/messages_labelled.csv');

const USAGE = `usage: npm run bench -- classifier [--data FILE.csv] [--folds 5] [--seed 42]
       [--options JSON] [--no-baseline] [--no-10k]
  --data     labelled CSV with text,label (default ../shared/data/taidi2020/messages_labelled.csv)
  --options  training options for the model, e.g. '{"svm":{"C":1}}' (default: the model's defaults)`;

/** The baseline: character 1–2-grams, sublinear TF-IDF, one-vs-rest linear SVM (C = 1, unweighted). */
export const BASELINE: TrainInput = {
  features: { charMin: 1, charMax: 2, words: false, headChars: 0 },
  svm: { C: 1, balanced: false },
};

const log = (msg: string) => console.error(`[classifier] ${msg}`);
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
const sd = (a: number[]) => Math.sqrt(mean(a.map((x) => (x - mean(a)) ** 2)));

interface FoldResult {
  fold: number;
  train: number;
  test: number;
  macroF1: number;
  accuracy: number;
  trainS: number;
}

function crossValidate(
  data: Example[],
  folds: number[],
  k: number,
  options: TrainInput,
  name: string,
) {
  const results: FoldResult[] = [];
  const truth: string[] = [];
  const predicted: string[] = [];
  const topScores: number[] = [];
  let logLoss = 0;
  let first: Model | undefined;
  for (let f = 0; f < k; f++) {
    const trainRows = data.filter((_, i) => folds[i] !== f);
    const testRows = data.filter((_, i) => folds[i] === f);
    const t = performance.now();
    const model = train(trainRows, options);
    const trainS = (performance.now() - t) / 1000;
    first ??= model;
    const p = testRows.map((x) => {
      const all = predict(model, x.text, model.labels.length);
      topScores.push(all[0]!.score);
      logLoss -= Math.log(Math.max(all.find((s) => s.label === x.label)?.score ?? 0, 1e-12));
      return all[0]!.label;
    });
    const e = evaluate(
      testRows.map((x) => x.label),
      p,
    );
    truth.push(...testRows.map((x) => x.label));
    predicted.push(...p);
    results.push({
      fold: f,
      train: trainRows.length,
      test: testRows.length,
      macroF1: r4(e.macroF1),
      accuracy: r4(e.accuracy),
      trainS: Math.round(trainS * 100) / 100,
    });
    log(
      `${name} fold ${f}: macro-F1 ${e.macroF1.toFixed(4)}, accuracy ${e.accuracy.toFixed(4)}, trained in ${trainS.toFixed(1)} s`,
    );
  }
  const pooled = evaluate(truth, predicted);
  const f1s = results.map((r) => r.macroF1);
  const accs = results.map((r) => r.accuracy);
  return {
    summary: {
      macroF1Mean: r4(mean(f1s)),
      macroF1Sd: r4(sd(f1s)),
      macroF1Min: r4(Math.min(...f1s)),
      macroF1Max: r4(Math.max(...f1s)),
      accuracyMean: r4(mean(accs)),
      trainSMean: Math.round(mean(results.map((r) => r.trainS)) * 100) / 100,
    },
    folds: results,
    pooled: {
      macroF1: r4(pooled.macroF1),
      accuracy: r4(pooled.accuracy),
      /** Calibration: the mean top-1 score should be close to the accuracy. */
      meanTop1Score: r4(mean(topScores)),
      logLoss: r4(logLoss / truth.length),
      perClassF1: Object.fromEntries(
        Object.entries(pooled.perClass).map(([l, c]) => [l, r4(c.f1)]),
      ),
      labels: pooled.labels,
      confusion: pooled.confusion,
    },
    model: first!,
    heldOut: data.filter((_, i) => folds[i] === 0).map((x) => x.text),
  };
}

/** Single-thread predictions per second over the held-out texts, repeated for at least 2 s. */
function throughput(model: Model, texts: string[]) {
  for (const t of texts.slice(0, 200)) predict(model, t, 3); // warm-up
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < 2000) {
    for (const t of texts) predict(model, t, 3);
    n += texts.length;
    elapsed = performance.now() - start;
  }
  return { predictions: n, seconds: r4(elapsed / 1000), perS: Math.round(n / (elapsed / 1000)) };
}

/** 10,000 texts: the labelled ones repeated, each copy cut at a random point and its halves swapped or trimmed. */
function tenThousand(data: Example[], seed: number): Example[] {
  const rand = prng(seed);
  const out: Example[] = [];
  for (let i = 0; out.length < 10_000; i++) {
    const x = data[i % data.length]!;
    if (i < data.length) {
      out.push(x);
      continue;
    }
    const cut = Math.floor(rand() * x.text.length);
    const text =
      rand() < 0.5 ? x.text.slice(cut) + x.text.slice(0, cut) : x.text.slice(0, Math.max(cut, 10));
    out.push({ text, label: x.label });
  }
  return out;
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string', default: DEFAULT_DATA },
      folds: { type: 'string', default: '5' },
      seed: { type: 'string', default: '42' },
      options: { type: 'string', default: '{}' },
      'no-baseline': { type: 'boolean' },
      'no-10k': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.error(USAGE);
    return 0;
  }
  const k = Number(values.folds);
  const seed = Number(values.seed);
  if (!Number.isInteger(k) || k < 2 || !Number.isInteger(seed)) {
    console.error(USAGE);
    return 2;
  }
  const file = resolve(values.data);
  if (!existsSync(file)) {
    console.error(`no data file at ${file} (pass --data)\n\n${USAGE}`);
    return 2;
  }
  const options = JSON.parse(values.options) as TrainInput;
  const load0 = loadavg()[0]!;
  const data = readExamples(file);
  log(`${data.length} labelled texts from ${file}, ${k} folds, seed ${seed}`);
  const folds = stratifiedFolds(
    data.map((x) => x.label),
    k,
    seed,
  );

  const cv = crossValidate(data, folds, k, options, 'model');
  const speed = throughput(cv.model, cv.heldOut);
  // Hotline tickets are often shorter than these board messages (~420 characters): the same texts cut to 120.
  const speedShort = throughput(
    cv.model,
    cv.heldOut.map((t) => t.slice(0, 120)),
  );
  log(
    `model: ${speed.perS} predictions/s on one thread (${speedShort.perS}/s on texts cut to 120 characters)`,
  );
  const baseline = values['no-baseline']
    ? undefined
    : crossValidate(data, folds, k, BASELINE, 'baseline');

  let train10k: { texts: number; seconds: number; features: number } | undefined;
  if (!values['no-10k']) {
    const big = tenThousand(data, seed);
    const t = performance.now();
    const m = train(big, options);
    train10k = {
      texts: big.length,
      seconds: r4((performance.now() - t) / 1000),
      features: m.keys.length,
    };
    log(`trained on ${big.length} texts in ${train10k.seconds.toFixed(1)} s`);
  }

  const result = {
    bench: 'classifier',
    data: { file, rows: data.length, folds: k, seed },
    machine: {
      cores: cpus().length,
      loadAverage1mAtStart: r4(load0),
      loadAverage1mAtEnd: r4(loadavg()[0]!),
    },
    options: mergeOptions(options),
    model: {
      ...cv.summary,
      folds: cv.folds,
      pooled: cv.pooled,
      meanHeldOutChars: Math.round(mean(cv.heldOut.map((t) => t.length))),
      predictionsPerS: speed,
      predictionsPerSTextsCutTo120Chars: speedShort,
      modelBytes: Buffer.byteLength(serialise(cv.model)),
      features: cv.model.keys.length,
    },
    baseline: baseline && {
      ...baseline.summary,
      folds: baseline.folds,
      pooled: baseline.pooled,
      modelBytes: Buffer.byteLength(serialise(baseline.model)),
    },
    train10k,
    goals: {
      macroF1AtLeast093: cv.summary.macroF1Mean >= 0.93,
      predictionsPerSAtLeast5000: speed.perS >= 5000,
      train10kUnder60s: train10k ? train10k.seconds < 60 : null,
    },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  log(
    `macro-F1 ${cv.summary.macroF1Mean} ± ${cv.summary.macroF1Sd} (accuracy ${cv.summary.accuracyMean})` +
      (baseline
        ? `; baseline ${baseline.summary.macroF1Mean} ± ${baseline.summary.macroF1Sd}`
        : ''),
  );
  return 0;
}

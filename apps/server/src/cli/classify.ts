// `jiesu classify train|eval|predict`: the smart-dispatch classifier from the
// command line. Files are CSV with a header and the columns `text,label`.
import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { readExamples } from '../modules/insight/classifier/csv.js';
import { deserialise, predict, serialise, train } from '../modules/insight/classifier/model.js';
import { evaluate } from '../modules/insight/classifier/metrics.js';

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

function loadModel(file: string) {
  return deserialise(readFileSync(file, 'utf8'));
}

export function registerClassify(program: Command): void {
  const classify = program
    .command('classify')
    .description(
      'smart-dispatch classifier: learn labels (category, lead unit) from closed tickets',
    )
    .showHelpAfterError()
    // Bad arguments: the usage and exit code 2 (help itself exits 0).
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

  classify
    .command('train')
    .description('train a model from a CSV with the columns text,label')
    .requiredOption('--input <file>', 'CSV with a header: text,label (other columns ignored)')
    .requiredOption('--model <out>', 'where to write the model (JSON)')
    .option('--seed <n>', 'random seed', '1')
    .action((o: { input: string; model: string; seed: string }) => {
      const seed = Number(o.seed);
      if (!Number.isInteger(seed)) {
        console.error('--seed must be an integer');
        process.exit(2);
      }
      const examples = readExamples(o.input);
      const started = performance.now();
      const model = train(examples, { svm: { seed } });
      const text = serialise(model);
      writeFileSync(o.model, text);
      console.log(
        JSON.stringify({
          n: examples.length,
          labels: model.labels.length,
          features: model.keys.length,
          trainMs: Math.round(performance.now() - started),
          bytes: Buffer.byteLength(text),
        }),
      );
    });

  classify
    .command('eval')
    .description('score a model on a labelled CSV: accuracy, macro-F1, per-class figures')
    .requiredOption('--model <file>')
    .requiredOption('--input <file>', 'CSV with a header: text,label')
    .action((o: { model: string; input: string }) => {
      const model = loadModel(o.model);
      const examples = readExamples(o.input);
      const e = evaluate(
        examples.map((x) => x.label),
        examples.map((x) => predict(model, x.text, 1)[0]!.label),
      );
      const perClass = Object.fromEntries(
        Object.entries(e.perClass).map(([l, c]) => [
          l,
          { precision: r4(c.precision), recall: r4(c.recall), f1: r4(c.f1), support: c.support },
        ]),
      );
      console.log(
        JSON.stringify({ n: e.n, accuracy: r4(e.accuracy), macroF1: r4(e.macroF1), perClass }),
      );
    });

  classify
    .command('predict')
    .description('read one text per line on stdin, print one JSON line each with the top 3 labels')
    .requiredOption('--model <file>')
    .option('--top <k>', 'how many labels', '3')
    .action(async (o: { model: string; top: string }) => {
      const k = Number(o.top);
      if (!Number.isInteger(k) || k < 1) {
        console.error('--top must be a positive integer');
        process.exit(2);
      }
      const model = loadModel(o.model);
      const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
      for await (const line of lines) {
        const top = predict(model, line, k).map((s) => ({ label: s.label, score: r4(s.score) }));
        process.stdout.write(`${JSON.stringify({ top })}\n`);
      }
    });
}

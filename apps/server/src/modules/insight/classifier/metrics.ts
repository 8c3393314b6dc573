// Evaluation helpers: confusion matrix, per-class and macro F1, stratified folds.
import { prng } from './linear.js';

export interface Evaluation {
  n: number;
  accuracy: number;
  macroF1: number;
  perClass: Record<string, { precision: number; recall: number; f1: number; support: number }>;
  labels: string[];
  /** confusion[i][j]: true label i predicted as j. */
  confusion: number[][];
}

export function evaluate(truth: readonly string[], predicted: readonly string[]): Evaluation {
  const labels = [...new Set([...truth, ...predicted])].sort();
  const at = new Map(labels.map((l, i) => [l, i]));
  const confusion = labels.map(() => labels.map(() => 0));
  let correct = 0;
  truth.forEach((t, i) => {
    confusion[at.get(t)!]![at.get(predicted[i]!)!]! += 1;
    if (t === predicted[i]) correct++;
  });
  const perClass: Evaluation['perClass'] = {};
  let f1Sum = 0;
  let classes = 0;
  labels.forEach((l, i) => {
    const tp = confusion[i]![i]!;
    const support = confusion[i]!.reduce((a, b) => a + b, 0);
    const predictedN = confusion.reduce((a, row) => a + row[i]!, 0);
    const precision = predictedN ? tp / predictedN : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[l] = { precision, recall, f1, support };
    if (support > 0) {
      f1Sum += f1;
      classes++;
    }
  });
  return {
    n: truth.length,
    accuracy: truth.length ? correct / truth.length : 0,
    macroF1: classes ? f1Sum / classes : 0,
    perClass,
    labels,
    confusion,
  };
}

/** Stratified k folds: fold index per row, each label spread evenly, seeded. */
export function stratifiedFolds(labels: readonly string[], k: number, seed: number): number[] {
  const rand = prng(seed);
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => byLabel.set(l, [...(byLabel.get(l) ?? []), i]));
  const fold = new Array<number>(labels.length).fill(0);
  let offset = 0;
  for (const l of [...byLabel.keys()].sort()) {
    const rows = byLabel.get(l)!;
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    rows.forEach((r, i) => (fold[r] = (i + offset) % k));
    offset += rows.length;
  }
  return fold;
}

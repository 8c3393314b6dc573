// Reads a CSV with a header row and the columns `text` and `label` (others ignored).
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Example } from './model.js';

export function readExamples(file: string, { requireLabel = true } = {}): Example[] {
  const records = parse(readFileSync(file), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
  }) as Record<string, string | undefined>[];
  if (records.length && !('text' in records[0]!)) throw new Error(`${file}: no "text" column`);
  if (requireLabel && records.length && !('label' in records[0]!))
    throw new Error(`${file}: no "label" column`);
  return records
    .map((r) => ({ text: (r.text ?? '').trim(), label: (r.label ?? '').trim() }))
    .filter((r) => r.text && (!requireLabel || r.label));
}

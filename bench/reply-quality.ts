// Reply quality hints (checkReply, packages/contracts/src/reply-quality.ts) on the
// 2,816 real official replies of the 2020 泰迪杯 C message board, read at run time
// from ../shared/data/taidi2020/replies.csv (never copied into the repository).
// Prints how many replies each hint flags, the share flagged at all, the speed,
// and — beside it, in the same run — a baseline that flags by length alone (< 30
// characters), which misses the long replies that are only formulas and catches
// short ones with substance. `--show N` prints N flagged replies per hint (stderr),
// to read them.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import {
  REPLY_HINTS,
  checkReply,
  replySubstance,
} from '../packages/contracts/src/reply-quality.js';

const USAGE = `usage: npm run -s bench -- reply-quality [--input FILE.csv] [--show N]
  --input   default ../shared/data/taidi2020/replies.csv (beside the repository); column 答复意见`;

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { input: { type: 'string' }, show: { type: 'string', default: '0' } },
  });
  const input =
    values.input ?? resolve(import.meta.dirname, '../../shared/data/taidi2020/replies.csv');
  const show = Number(values.show);
  if (!Number.isInteger(show) || show < 0) {
    console.error(USAGE);
    return 2;
  }
  const rows = parse(readFileSync(input), {
    columns: true,
    bom: true,
    relax_quotes: true,
  }) as Array<Record<string, string>>;
  const texts = rows.map((r) => r['答复意见'] ?? '').filter((t) => t.trim() !== '');
  const byHint = Object.fromEntries(REPLY_HINTS.map((h) => [h, 0])) as Record<string, number>;
  const shown: Record<string, string[]> = {};
  let flagged = 0;
  let formulaOnly = 0;
  let lengthBaseline = 0;
  let lengthMissed = 0;
  const t0 = performance.now();
  for (const text of texts) {
    const c = checkReply(text);
    if (c.hints.length) flagged++;
    if (c.hints.includes('too_short')) formulaOnly++;
    for (const h of c.hints) {
      byHint[h]!++;
      if (show > 0 && (shown[h] ??= []).length < show) shown[h]!.push(text.trim().slice(0, 120));
    }
    const short = text.trim().length < 30;
    if (short) lengthBaseline++;
    // A long reply that is only formulas: the length rule lets it through.
    if (!short && replySubstance(text).length < 15) lengthMissed++;
  }
  const ms = performance.now() - t0;
  for (const [h, list] of Object.entries(shown)) {
    console.error(`— ${h}`);
    for (const t of list) console.error(`  ${t}`);
  }
  console.log(
    JSON.stringify(
      {
        benchmark: 'reply-quality',
        replies: texts.length,
        flagged,
        flaggedShare: Math.round((flagged / texts.length) * 1000) / 1000,
        byHint,
        emptyOfSubstance: formulaOnly,
        baselineByLength: { flagged: lengthBaseline, longButOnlyFormulasMissed: lengthMissed },
        checksPerSecond: Math.round(texts.length / (ms / 1000)),
      },
      null,
      2,
    ),
  );
  return 0;
}

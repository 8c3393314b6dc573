// Reading messages for hot-spot mining from a CSV file with the message
// board's columns (留言编号, 留言用户, 留言主题, 留言时间, 留言详情, 反对数, 点赞数).
// Subjects and details may hold quoted line breaks: a real CSV parser reads them.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { HotspotMessage } from './cluster.js';

export const HOTSPOT_COLUMNS = [
  '留言编号',
  '留言用户',
  '留言主题',
  '留言时间',
  '留言详情',
  '反对数',
  '点赞数',
];

/** '2019-02-28 11:25:05' or '2019/2/28 11:25' → epoch ms, read as wall-clock time (UTC arithmetic, no time zone). */
export function parseTime(text: string): number {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(
    text.trim(),
  );
  if (!m) return Number.NaN;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
}

/** The inverse of parseTime: 'YYYY-MM-DD HH:mm:ss'. */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export function parseHotspotCsv(text: string | Buffer): HotspotMessage[] {
  const rows = parse(text, {
    columns: true,
    bom: true,
    skip_empty_lines: true,
    trim: true,
  }) as Record<string, string>[];
  const missing = HOTSPOT_COLUMNS.filter((c) => c !== '反对数' && rows.length && !(c in rows[0]!));
  if (missing.length) throw new Error(`missing columns: ${missing.join(', ')}`);
  const out: HotspotMessage[] = [];
  rows.forEach((r, i) => {
    const time = parseTime(r['留言时间'] ?? '');
    if (Number.isNaN(time)) throw new Error(`row ${i + 2}: bad 留言时间 "${r['留言时间']}"`);
    out.push({
      id: r['留言编号'] ?? String(i + 1),
      user: r['留言用户'] ?? '',
      subject: r['留言主题'] ?? '',
      detail: r['留言详情'] ?? '',
      time,
      likes: Number(r['点赞数']) || 0,
    });
  });
  return out;
}

export async function readHotspotCsv(path: string): Promise<HotspotMessage[]> {
  return parseHotspotCsv(await readFile(path));
}

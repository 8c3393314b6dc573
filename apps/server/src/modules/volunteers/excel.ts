// The members' Excel: the import template, reading an upload by header, the export.
import ExcelJS from 'exceljs';
import { volunteerMessages as m } from '@jiesu/contracts';

export const MEMBER_COLUMNS = [
  m.col.name,
  m.col.phone,
  m.col.role,
  m.col.skills,
  m.col.availability,
  m.col.joinedOn,
] as const;
export const MAX_IMPORT_ROWS = 2000;

export interface MemberSheetRow {
  row: number;
  name: string;
  phone: string;
  role: string;
  skills: string;
  availability: string;
  joinedOn: string;
}

function layout(ws: ExcelJS.Worksheet, header: readonly string[]) {
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  header.forEach((h, i) => (ws.getColumn(i + 1).width = Math.max(12, h.length * 2 + 4)));
}

export async function templateWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(m.membersSheet);
  ws.addRow([...MEMBER_COLUMNS]);
  ws.addRow(['张三', '13800000000', '队员', '医疗,驾驶', '周末', '2026-01-01']);
  layout(ws, MEMBER_COLUMNS);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const cellText = (cell: ExcelJS.Cell): string => {
  const v = cell.value;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : cell.text;
  return (cell.text ?? '').trim();
};

export type ParsedMembers = { ok: true; rows: MemberSheetRow[] } | { ok: false; message: string };

export async function readMembers(data: Buffer): Promise<ParsedMembers> {
  if (data.length < 4 || data.readUInt32LE(0) !== 0x04034b50)
    return { ok: false, message: m.unreadable };
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return { ok: false, message: m.unreadable };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { ok: false, message: m.empty };
  const header = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => {
    const name = cell.text.trim();
    if (name && !header.has(name)) header.set(name, col);
  });
  const missing = MEMBER_COLUMNS.filter((c) => !header.has(c));
  if (missing.length)
    return { ok: false, message: m.missingColumns.replace('{columns}', missing.join('、')) };
  const get = (r: ExcelJS.Row, c: string) => cellText(r.getCell(header.get(c)!)).trim();
  const rows: MemberSheetRow[] = [];
  for (let i = 2; i <= ws.rowCount; i++) {
    const r = ws.getRow(i);
    const row: MemberSheetRow = {
      row: i,
      name: get(r, m.col.name),
      phone: get(r, m.col.phone),
      role: get(r, m.col.role),
      skills: get(r, m.col.skills),
      availability: get(r, m.col.availability),
      joinedOn: get(r, m.col.joinedOn),
    };
    if (Object.entries(row).every(([k, v]) => k === 'row' || v === '')) continue;
    rows.push(row);
    if (rows.length > MAX_IMPORT_ROWS)
      return { ok: false, message: m.tooManyRows.replace('{n}', String(MAX_IMPORT_ROWS)) };
  }
  if (!rows.length) return { ok: false, message: m.empty };
  return { ok: true, rows };
}

export async function sheetsWorkbook(
  sheets: Array<{ name: string; header: string[]; rows: Array<Array<string | number>> }>,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.addRow(s.header);
    for (const r of s.rows) ws.addRow(r);
    layout(ws, s.header);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

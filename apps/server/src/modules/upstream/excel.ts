// Reads a 12345 export (.xlsx) through a column mapping: the header row names the
// columns, each mapped header gives one field; every later non-blank row becomes one
// upstream ticket (as JSON would give it) with its sheet row number.
import ExcelJS from 'exceljs';
import { UPSTREAM_MAX_BATCH, UPSTREAM_REQUIRED_FIELDS, type UpstreamField } from '@jiesu/contracts';
import { AppError } from '../../shared/errors.js';

export interface Mapping {
  headerRow: number;
  columns: Record<string, string>;
}

export interface SheetTicket {
  row: number;
  item: Record<string, unknown>;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Excel times carry no zone: exceljs gives the wall clock as UTC; it is Beijing time. */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v instanceof Date) {
    return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}`;
  }
  return cell.text.trim();
}

/** Fields a mapping leaves without a column. */
export function unmappedRequired(columns: Record<string, string>): UpstreamField[] {
  const mapped = new Set(Object.values(columns));
  return UPSTREAM_REQUIRED_FIELDS.filter((f) => !mapped.has(f));
}

export async function readUpstreamWorkbook(data: Buffer, mapping: Mapping): Promise<SheetTicket[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new AppError('UPSTREAM_FILE_UNREADABLE');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('UPSTREAM_FILE_UNREADABLE');
  const byField = new Map<string, number>();
  ws.getRow(mapping.headerRow).eachCell((cell, col) => {
    const field = mapping.columns[cell.text.trim()];
    if (field && !byField.has(field)) byField.set(field, col);
  });
  const missing = Object.entries(mapping.columns)
    .filter(([, f]) => UPSTREAM_REQUIRED_FIELDS.includes(f as UpstreamField) && !byField.has(f))
    .map(([header]) => header);
  if (missing.length) {
    throw new AppError(
      'UPSTREAM_MAPPING_INVALID',
      missing.map((h) => ({
        path: `/columns/${h}`,
        message: `表格第 ${mapping.headerRow} 行没有"${h}"列`,
      })),
    );
  }
  const out: SheetTicket[] = [];
  for (let n = mapping.headerRow + 1; n <= ws.rowCount; n++) {
    const r = ws.getRow(n);
    const f: Record<string, string> = {};
    for (const [field, col] of byField) f[field] = cellText(r.getCell(col));
    if (Object.values(f).every((v) => v === '')) continue;
    if (out.length >= UPSTREAM_MAX_BATCH) throw new AppError('UPSTREAM_BATCH_TOO_LARGE');
    const item: Record<string, unknown> = {};
    for (const k of [
      'upstreamId',
      'receivedAt',
      'type',
      'category',
      'title',
      'description',
      'address',
      'upstreamDeadline',
      'channel',
    ]) {
      if (f[k]) item[k] = f[k];
    }
    if (f.requesterName || f.requesterPhone) {
      item.requester = {
        ...(f.requesterName ? { name: f.requesterName } : {}),
        ...(f.requesterPhone ? { phone: f.requesterPhone } : {}),
      };
    }
    if (f.lng && f.lat) item.point = { lng: Number(f.lng), lat: Number(f.lat) };
    out.push({ row: n, item });
  }
  return out;
}

/** A workbook in the layout of a mapping (for tests and the bench). */
export async function writeUpstreamWorkbook(
  mapping: Mapping,
  rows: Array<Record<string, string>>,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('工单');
  const headers = Object.keys(mapping.columns);
  for (let i = 1; i < mapping.headerRow; i++) ws.addRow([`12345 工单导出 ${i}`]);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(headers.map((h) => r[mapping.columns[h]!] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

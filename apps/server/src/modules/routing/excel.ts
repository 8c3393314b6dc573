// The catalogue's Excel format: one sheet, a header row with the Chinese column
// names of CATALOGUE_COLUMNS, one rule per row. Codes identify the category and
// the area; the names beside them are for people (checked when filled in).
// Units are named as in the organisation screen; several co-units are separated
// by 、 , ; or line breaks, and 属地街乡镇 / 属地村社区 name the territorial ones.
import ExcelJS from 'exceljs';
import {
  CATALOGUE_COLUMNS,
  RULE_TARGETS,
  TERRITORIAL_TARGETS,
  fmt,
  zhCN,
  type RuleTarget,
  type TerritorialTarget,
} from '@jiesu/contracts';

export type Column = (typeof CATALOGUE_COLUMNS)[number];
export const SHEET_NAME = '派单目录';
export const MAX_IMPORT_ROWS = 5000;

export interface ExportRow {
  categoryCode: string;
  categoryName: string;
  jurisdictionCode: string;
  jurisdictionName: string;
  target: RuleTarget;
  unitName: string | null;
  coUnitNames: string[];
  coTerritorial: TerritorialTarget[];
  note: string | null;
}

const WIDTHS: Record<Column, number> = {
  分类编码: 12,
  分类: 18,
  区域编码: 16,
  区域: 16,
  承办方式: 14,
  承办单位: 26,
  协办单位: 32,
  备注: 30,
};

export async function buildWorkbook(rows: readonly ExportRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET_NAME);
  ws.columns = CATALOGUE_COLUMNS.map((c) => ({ header: c, key: c, width: WIDTHS[c] }));
  for (const r of rows) {
    const row = ws.addRow({
      分类编码: r.categoryCode,
      分类: r.categoryName,
      区域编码: r.jurisdictionCode,
      区域: r.jurisdictionName,
      承办方式: zhCN.ruleTarget[r.target],
      承办单位: r.unitName ?? '',
      协办单位: [...r.coUnitNames, ...r.coTerritorial.map((t) => zhCN.ruleTarget[t])].join('、'),
      备注: r.note ?? '',
    });
    // Codes stay text: '010101' must not become the number 10101.
    row.getCell(1).numFmt = '@';
    row.getCell(3).numFmt = '@';
  }
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface SheetRow {
  /** The row number as Excel shows it (the header is row 1). */
  row: number;
  cells: Record<Column, string>;
}

export type ParsedSheet = { ok: true; rows: SheetRow[] } | { ok: false; problems: string[] };

/** Reads the workbook's first sheet into trimmed text cells by column; blank rows are skipped. */
export async function readWorkbook(data: Buffer): Promise<ParsedSheet> {
  const M = zhCN.catalogue;
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return { ok: false, problems: [M.unreadable] };
  }
  const ws = wb.getWorksheet(SHEET_NAME) ?? wb.worksheets[0];
  if (!ws) return { ok: false, problems: [M.unreadable] };
  const header = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => {
    const name = cell.text.trim();
    if (name && !header.has(name)) header.set(name, col);
  });
  const missing = CATALOGUE_COLUMNS.filter((c) => !header.has(c));
  if (missing.length) {
    return { ok: false, problems: missing.map((column) => fmt(M.missingHeader, { column })) };
  }
  const rows: SheetRow[] = [];
  for (let n = 2; n <= ws.rowCount; n++) {
    const r = ws.getRow(n);
    const cells = Object.fromEntries(
      CATALOGUE_COLUMNS.map((c) => [c, r.getCell(header.get(c)!).text.trim()]),
    ) as Record<Column, string>;
    if (Object.values(cells).every((v) => v === '')) continue;
    rows.push({ row: n, cells });
    if (rows.length > MAX_IMPORT_ROWS) {
      return { ok: false, problems: [fmt(M.tooManyRows, { n: MAX_IMPORT_ROWS })] };
    }
  }
  if (rows.length === 0) return { ok: false, problems: [M.empty] };
  return { ok: true, rows };
}

/** The target a 承办方式 cell names: its Chinese label, or the code itself. */
export function targetOf(text: string): RuleTarget | null {
  for (const t of RULE_TARGETS) if (text === zhCN.ruleTarget[t] || text === t) return t;
  return null;
}

/** Whether a co-unit token names a territorial co-unit (属地街乡镇 / 属地村社区). */
export function territorialOf(token: string): TerritorialTarget | null {
  for (const t of TERRITORIAL_TARGETS) if (token === zhCN.ruleTarget[t] || token === t) return t;
  return null;
}

export function splitList(text: string): string[] {
  return text
    .split(/[、,，;；\n\r]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

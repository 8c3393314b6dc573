// The ledger's Excel formats: the import template (one sheet 住户人员 with the
// Chinese headers of RESIDENT_IMPORT_COLUMNS, a second sheet 填写说明 with the
// rules and the district's kinds), reading an uploaded workbook into text cells
// by header, and the export (the import's columns plus 村(社区) and 迁出日期).
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { RESIDENT_IMPORT_COLUMNS, type ResidentImportColumn } from '@jiesu/contracts';

/** The data sheet; it comes first in the template, and the first sheet is read. */
export const SHEET = '住户人员';
export const MAX_IMPORT_ROWS = 20_000;

const WIDTHS: Record<ResidentImportColumn, number> = {
  网格: 20,
  地址: 32,
  姓名: 10,
  性别: 6,
  出生日期: 12,
  与户主关系: 10,
  联系电话: 14,
  身份证号: 22,
  人员类别: 24,
  照护需求: 20,
  备注: 20,
};

export async function templateWorkbook(kinds: Array<{ label: string; keyPopulation: boolean }>) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  ws.columns = RESIDENT_IMPORT_COLUMNS.map((c) => ({ header: c, key: c, width: WIDTHS[c] }));
  for (let c = 1; c <= RESIDENT_IMPORT_COLUMNS.length; c++) ws.getColumn(c).numFmt = '@';
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列', key: 'c', width: 14 },
    { header: '说明', key: 'd', width: 80 },
  ];
  const notes: Array<[string, string]> = [
    ['网格', '必填。网格名称或网格编码,须是您有权管理的网格'],
    ['地址', '必填。同一网格内地址相同的人员归为同一户'],
    ['姓名', '必填'],
    ['性别', '男 / 女;留空时按身份证号推算'],
    ['出生日期', '如 1956-03-08;留空时按身份证号推算'],
    ['与户主关系', '如 户主、配偶、子女、父母'],
    ['联系电话', '手机或带区号的固定电话'],
    ['身份证号', '18 位,校验位须正确;加密保存,同一身份证号不能重复登记'],
    ['人员类别', '多个用"、"分隔,须是下列类别之一'],
    ['照护需求', '如 定期服药、行动不便'],
    ['可用类别', kinds.map((k) => (k.keyPopulation ? `${k.label}(重点)` : k.label)).join('、')],
  ];
  for (const [c, d] of notes) help.addRow({ c, d });
  help.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface SheetRow {
  /** The row number as Excel shows it (the header is row 1). */
  row: number;
  cells: Record<ResidentImportColumn, string>;
}

export type ParsedSheet = { ok: true; rows: SheetRow[] } | { ok: false; message: string };

const cellText = (cell: ExcelJS.Cell): string => {
  const v = cell.value;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : cell.text;
  return (cell.text ?? '').trim();
};

/**
 * Reads the first worksheet (the template's 住户人员) with ExcelJS's streaming
 * reader — about twice as fast as loading the whole workbook — into trimmed text
 * cells by header; blank rows are skipped.
 */
export async function readWorkbook(data: Buffer): Promise<ParsedSheet> {
  const unreadable = { ok: false as const, message: '无法读取文件,请上传 .xlsx 格式的 Excel 文件' };
  if (data.length < 4 || data.readUInt32LE(0) !== 0x04034b50) return unreadable;
  const rows: SheetRow[] = [];
  let header: Map<string, number> | undefined;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(data), {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      worksheets: 'emit',
    });
    for await (const ws of reader) {
      for await (const r of ws as AsyncIterable<ExcelJS.Row>) {
        if (!header) {
          header = new Map();
          r.eachCell((cell, col) => {
            const name = cell.text.trim();
            if (name && !header!.has(name)) header!.set(name, col);
          });
          const missing = RESIDENT_IMPORT_COLUMNS.filter((c) => !header!.has(c));
          if (missing.length)
            return { ok: false, message: `缺少列:${missing.join('、')},请使用导入模板` };
          continue;
        }
        const cells = Object.fromEntries(
          RESIDENT_IMPORT_COLUMNS.map((c) => [c, cellText(r.getCell(header!.get(c)!)).trim()]),
        ) as Record<ResidentImportColumn, string>;
        if (Object.values(cells).every((v) => v === '')) continue;
        rows.push({ row: r.number, cells });
        if (rows.length > MAX_IMPORT_ROWS)
          return { ok: false, message: `一次最多导入 ${MAX_IMPORT_ROWS} 行,请分批导入` };
      }
      break; // the first worksheet only
    }
  } catch {
    return unreadable;
  }
  if (!header) return { ok: false, message: '文件中没有工作表' };
  if (rows.length === 0) return { ok: false, message: '文件中没有数据行' };
  return { ok: true, rows };
}

export const EXPORT_COLUMNS = ['村(社区)', ...RESIDENT_IMPORT_COLUMNS, '迁出日期'] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

export async function exportWorkbook(rows: Array<Record<ExportColumn, string>>) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  ws.columns = EXPORT_COLUMNS.map((c) => ({
    header: c,
    key: c,
    width: c in WIDTHS ? WIDTHS[c as ResidentImportColumn] : 14,
  }));
  for (const r of rows) ws.addRow(r);
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

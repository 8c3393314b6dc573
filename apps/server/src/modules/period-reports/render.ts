// A report as a document — title, headline numbers, tables — and its three
// renderings: Excel (a sheet per table), PDF (title page, tables with repeated
// headers, page numbers; Noto Sans SC embedded as a subset) and CSV (one table,
// UTF-8 with a BOM so spreadsheet programs read the Chinese).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import type { PeriodReportTable } from '@jiesu/contracts';

export type Cell = string | number;

export interface ReportColumn {
  header: string;
  /** Relative width (about the characters it needs). */
  width: number;
  numeric?: boolean;
}

export interface ReportTableDoc {
  key: PeriodReportTable;
  title: string;
  columns: ReportColumn[];
  rows: Cell[][];
  /** Shown under the table, e.g. "共 812 件,列出前 500 件". */
  note?: string;
}

export interface ReportDocument {
  title: string;
  district: string;
  period: string;
  scope: string;
  /** Local time, `YYYY-MM-DD HH:mm`. */
  generatedAt: string;
  headline: Array<[label: string, value: string]>;
  tables: ReportTableDoc[];
  /** The download's name without extension. */
  fileBase: string;
}

export interface RenderedFile {
  name: string;
  contentType: string;
  data: Buffer;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// ---- Excel -------------------------------------------------------------------

export async function toXlsx(d: ReportDocument): Promise<RenderedFile> {
  const wb = new ExcelJS.Workbook();
  wb.creator = d.district;
  const cover = wb.addWorksheet('概况');
  cover.columns = [
    { header: d.title, key: 'k', width: 22 },
    { header: '', key: 'v', width: 60 },
  ];
  cover.getRow(1).font = { bold: true, size: 14 };
  cover.addRow(['地区', d.district]);
  cover.addRow(['报告期', d.period]);
  cover.addRow(['范围', d.scope]);
  cover.addRow(['生成时间', d.generatedAt]);
  cover.addRow([]);
  for (const [k, v] of d.headline) cover.addRow([k, v]);
  const used = new Set<string>();
  for (const t of d.tables) {
    // Sheet names: at most 31 characters, unique.
    let name = t.title.slice(0, 28);
    while (used.has(name)) name = `${name.slice(0, 26)}_${used.size}`;
    used.add(name);
    const ws = wb.addWorksheet(name);
    ws.columns = t.columns.map((c) => ({ header: c.header, width: Math.max(8, c.width + 2) }));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    for (const r of t.rows) ws.addRow(r);
    if (t.note) ws.addRow([t.note]);
  }
  return {
    name: `${d.fileBase}.xlsx`,
    contentType: XLSX,
    data: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}

// ---- CSV ---------------------------------------------------------------------

export function toCsv(d: ReportDocument, tables: ReportTableDoc[]): RenderedFile {
  const cell = (v: Cell) => {
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  // Several tables of one kind (the rankings of each peer group) share one CSV, told apart by a first column.
  const many = tables.length > 1;
  const first = tables[0]!;
  const header = [...(many ? ['分组'] : []), ...first.columns.map((c) => c.header)];
  const rows = tables.flatMap((t) => t.rows.map((r) => (many ? [t.title, ...r] : r)));
  const lines = [header, ...rows].map((r) => r.map(cell).join(','));
  return {
    name: `${d.fileBase}-${many ? first.key : first.title}.csv`,
    contentType: 'text/csv; charset=utf-8',
    data: Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n'),
  };
}

// ---- PDF ---------------------------------------------------------------------

const FONT = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf';
let fontBytes: Promise<Buffer> | undefined;
/** Noto Sans SC Regular (about 10 MB), read once on first use and kept. */
export function cjkFont(): Promise<Buffer> {
  fontBytes ??= readFile(createRequire(import.meta.url).resolve(FONT)).catch((e: unknown) => {
    fontBytes = undefined;
    throw e;
  });
  return fontBytes;
}

const INK = '#1f2329';
const MUTED = '#646a73';
const RULE = '#d0d3d6';
const HEAD_BG = '#eef1f5';

export async function toPdf(d: ReportDocument): Promise<RenderedFile> {
  const font = await cjkFont();
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: 40, bottom: 46, left: 40, right: 40 },
    bufferPages: true,
    info: { Title: `${d.title} ${d.period}`, Author: d.district, Creator: 'jiesu' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font);
  doc.font('cjk').fillColor(INK);

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  // Title page.
  doc.moveDown(6);
  doc.fontSize(14).fillColor(MUTED).text(d.district, { align: 'center' });
  doc.moveDown(0.6);
  doc.fontSize(28).fillColor(INK).text(d.title, { align: 'center' });
  doc.moveDown(0.6);
  doc.fontSize(16).text(d.period, { align: 'center' });
  doc.moveDown(0.4);
  doc.fontSize(12).fillColor(MUTED).text(`范围:${d.scope}`, { align: 'center' });
  doc.text(`生成时间:${d.generatedAt}`, { align: 'center' });
  doc.moveDown(2);
  const boxW = Math.min(width, 130 * Math.min(d.headline.length, 6));
  const perRow = Math.min(d.headline.length, 6) || 1;
  const cellW = boxW / perRow;
  let y = doc.y;
  d.headline.forEach(([label, value], i) => {
    const x = left + (width - boxW) / 2 + (i % perRow) * cellW;
    if (i > 0 && i % perRow === 0) y += 56;
    doc
      .rect(x + 4, y, cellW - 8, 48)
      .strokeColor(RULE)
      .stroke();
    doc
      .fillColor(INK)
      .fontSize(18)
      .text(value, x + 4, y + 6, { width: cellW - 8, align: 'center', lineBreak: false });
    doc
      .fillColor(MUTED)
      .fontSize(9)
      .text(label, x + 4, y + 31, { width: cellW - 8, align: 'center', lineBreak: false });
  });

  for (const t of d.tables) {
    doc.addPage();
    drawTable(doc, t, left, width);
  }

  // Page numbers on every page, written after the content (pages are buffered).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not open a page
    doc
      .fontSize(8)
      .fillColor(MUTED)
      .text(
        `${d.title} · ${d.period}    第 ${i + 1} 页 / 共 ${range.count} 页`,
        left,
        doc.page.height - 30,
        { width, align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await ended;
  return { name: `${d.fileBase}.pdf`, contentType: 'application/pdf', data: Buffer.concat(chunks) };
}

function drawTable(doc: PDFKit.PDFDocument, t: ReportTableDoc, left: number, width: number) {
  const pad = 3;
  const size = 8.5;
  const total = t.columns.reduce((n, c) => n + c.width, 0) || 1;
  const widths = t.columns.map((c) => (c.width / total) * width);
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  doc.fillColor(INK).fontSize(14).text(t.title, left, doc.page.margins.top);
  doc.moveDown(0.4);
  let y = doc.y;

  const rowHeight = (cells: Cell[]) =>
    Math.max(
      ...cells.map((c, i) =>
        doc.fontSize(size).heightOfString(String(c), { width: widths[i]! - 2 * pad }),
      ),
      size,
    ) +
    2 * pad;

  const drawRow = (cells: Cell[], header: boolean) => {
    const h = rowHeight(cells);
    if (header) doc.rect(left, y, width, h).fill(HEAD_BG);
    let x = left;
    cells.forEach((c, i) => {
      const w = widths[i]!;
      doc
        .fillColor(INK)
        .fontSize(size)
        .text(String(c), x + pad, y + pad, {
          width: w - 2 * pad,
          align: !header && t.columns[i]?.numeric ? 'right' : 'left',
        });
      x += w;
    });
    y += h;
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
  };

  const headers = t.columns.map((c) => c.header);
  drawRow(headers, true);
  if (!t.rows.length) {
    doc
      .fillColor(MUTED)
      .fontSize(size + 1)
      .text('(无)', left + pad, y + pad);
    y = doc.y;
  }
  for (const r of t.rows) {
    if (y + rowHeight(r) > bottom()) {
      doc.addPage();
      y = doc.page.margins.top;
      doc.fillColor(MUTED).fontSize(9).text(`${t.title}(续)`, left, y);
      y = doc.y + 4;
      drawRow(headers, true);
    }
    drawRow(r, false);
  }
  if (t.note) {
    if (y + 20 > bottom()) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    doc
      .fillColor(MUTED)
      .fontSize(9)
      .text(t.note, left, y + 6);
  }
}

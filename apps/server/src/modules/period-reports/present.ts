// The reports as documents (render.ts): Chinese titles, headline numbers and
// tables, instants in the district's local time. Pure.
import type {
  PeriodReport,
  ReportCategoryCount,
  ReportHeadline,
  ReportOverdueTicket,
  UnitAssessmentRow,
  WeeklyPack,
} from '@jiesu/contracts';
import type { ReportDocument, ReportTableDoc } from './render.js';

export const pct = (x: number | null) =>
  x === null ? '—' : `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

const localTime = (iso: string | null, offset: number, withTime = true) =>
  iso
    ? new Date(new Date(iso).getTime() + offset * 60_000)
        .toISOString()
        .slice(0, withTime ? 16 : 10)
        .replace('T', ' ')
    : '';

function headlinePairs(h: ReportHeadline): Array<[string, string]> {
  return [
    ['受理', String(h.received)],
    ['派单', String(h.dispatched)],
    ['办结', String(h.completed)],
    ['按期办结率', pct(h.onTimeRate)],
    ['当前超期', String(h.overdueNow)],
  ];
}

function listNote(total: number, shown: number, what: string) {
  return total > shown ? `共 ${total} ${what},列出前 ${shown} ${what}` : `共 ${total} ${what}`;
}

function overdueTable(
  o: { total: number; items: ReportOverdueTicket[] },
  offset: number,
  title: string,
): ReportTableDoc {
  return {
    key: 'overdue',
    title,
    columns: [
      { header: '序号', width: 4, numeric: true },
      { header: '工单编号', width: 14 },
      { header: '标题', width: 28 },
      { header: '主办单位', width: 16 },
      { header: '所在地', width: 12 },
      { header: '办结期限', width: 14 },
      { header: '超期天数', width: 7, numeric: true },
    ],
    rows: o.items.map((t, i) => [
      i + 1,
      t.code,
      t.title,
      t.leadUnit?.name ?? '',
      t.place,
      localTime(t.dueAt, offset),
      t.daysOverdue,
    ]),
    note: listNote(o.total, o.items.length, '件'),
  };
}

function categoriesTable(rows: ReportCategoryCount[], now: string, before: string): ReportTableDoc {
  return {
    key: 'categories',
    title: '突出问题(诉求量前十的分类)',
    columns: [
      { header: '排名', width: 4, numeric: true },
      { header: '分类', width: 24 },
      { header: now, width: 8, numeric: true },
      { header: before, width: 8, numeric: true },
      { header: '增减', width: 8, numeric: true },
    ],
    rows: rows.map((c, i) => [i + 1, c.category.name, c.count, c.previous, signed(c.change)]),
  };
}

export function weeklyDocument(p: WeeklyPack, offset: number): ReportDocument {
  const h = p.headline;
  const tables: ReportTableDoc[] = [
    overdueTable(p.overdue, offset, '超期工单'),
    {
      key: 'red',
      title: '红色清单未清结事项',
      columns: [
        { header: '事项', width: 28 },
        { header: '责任单位', width: 16 },
        { header: '层级', width: 6 },
        { header: '关联工单', width: 14 },
        { header: '清结期限', width: 12 },
        { header: '列入时间', width: 12 },
      ],
      rows: p.red.items.map((r) => [
        r.title,
        r.unit?.name ?? '',
        r.level === 'township' ? '街乡镇' : r.level === 'village' ? '村(社区)' : r.level,
        r.ticketCode ?? '',
        localTime(r.clearBy, offset, false),
        localTime(r.createdAt, offset, false),
      ]),
      note: p.red.available ? listNote(p.red.total, p.red.items.length, '项') : '三色清单尚未启用',
    },
    categoriesTable(p.topCategories, '本周', '上周'),
    {
      key: 'villages',
      title: '诉求集中的村(社区)',
      columns: [
        { header: '村(社区)', width: 20 },
        { header: '诉求量', width: 8, numeric: true },
      ],
      rows: p.topVillages.map((v) => [v.name, v.count]),
    },
    {
      key: 'addresses',
      title: '诉求集中的地址',
      columns: [
        { header: '地址', width: 30 },
        { header: '诉求量', width: 8, numeric: true },
      ],
      rows: p.topAddresses.map((v) => [v.name, v.count]),
    },
    {
      key: 'escalations',
      title: '待审核的上交申请',
      columns: [
        { header: '工单编号', width: 14 },
        { header: '标题', width: 22 },
        { header: '申请单位', width: 14 },
        { header: '审核单位', width: 14 },
        { header: '上交理由', width: 24 },
        { header: '申请时间', width: 13 },
        { header: '已等待(天)', width: 8, numeric: true },
      ],
      rows: p.escalations.items.map((e) => [
        e.ticket.code,
        e.ticket.title,
        e.fromUnit.name,
        e.toUnit.name,
        e.reason,
        localTime(e.raisedAt, offset),
        e.waitingDays,
      ]),
      note: listNote(p.escalations.total, p.escalations.items.length, '件'),
    },
  ];
  return {
    title: '周调度会材料',
    district: p.district,
    period: p.period.label,
    scope: p.scope.name,
    generatedAt: localTime(p.generatedAt, offset),
    headline: [
      ...headlinePairs(h),
      ['上周受理', String(p.previousHeadline.received)],
      ['红色清单未清结', p.red.available ? String(p.red.total) : '—'],
      ['待审核上交', String(p.escalations.total)],
    ],
    tables,
    fileBase: `周调度会材料-${p.scope.name}-${p.period.key}`,
  };
}

function rankingTable(title: string, rows: UnitAssessmentRow[]): ReportTableDoc {
  return {
    key: 'rankings',
    title,
    columns: [
      { header: '排名', width: 5 },
      { header: '单位', width: 20 },
      { header: '派单量', width: 7, numeric: true },
      { header: '响应率', width: 7, numeric: true },
      { header: '解决率', width: 7, numeric: true },
      { header: '满意率', width: 7, numeric: true },
      { header: '综合得分', width: 7, numeric: true },
      { header: '按期办结率', width: 8, numeric: true },
      { header: '退单(有误)', width: 8, numeric: true },
      { header: '重办', width: 5, numeric: true },
      { header: '万人诉求比', width: 8, numeric: true },
      { header: '末位', width: 5 },
    ],
    rows: rows.map((r) => [
      r.rank ?? '不参与',
      r.unit.name,
      r.volume,
      pct(r.responseRate),
      pct(r.resolutionRate),
      pct(r.satisfactionRate),
      r.composite ?? '—',
      pct(r.onTimeRate),
      `${r.returns}(${r.returnsFault})`,
      r.reopened,
      r.per10k ?? '—',
      r.bottom ? '是' : '',
    ]),
  };
}

export function monthlyDocument(r: PeriodReport, offset: number): ReportDocument {
  const kindName = r.kind === 'monthly' ? '月度报告' : '季度报告';
  const a = r.assessment;
  const unitPairs: Array<[string, string]> = a
    ? [
        ['响应率', pct(a.responseRate)],
        ['解决率', pct(a.resolutionRate)],
        ['满意率', pct(a.satisfactionRate)],
        ['综合得分', a.composite === null ? '—' : String(a.composite)],
        ['排名', a.rank === null ? '不参与' : String(a.rank)],
        ['退单(有误)', `${a.returns}(${a.returnsFault})`],
        ['重办', String(a.reopened)],
      ]
    : [];
  const tables: ReportTableDoc[] = [
    ...r.rankings.map((g) => rankingTable(`${g.label}三率排名`, g.rows)),
    {
      key: 'trend',
      title: r.kind === 'monthly' ? '近三个月走势' : '季度内逐月走势',
      columns: [
        { header: '月份', width: 8 },
        { header: '受理', width: 7, numeric: true },
        { header: '派单', width: 7, numeric: true },
        { header: '办结', width: 7, numeric: true },
        { header: '按期办结', width: 7, numeric: true },
        { header: '按期办结率', width: 8, numeric: true },
      ],
      rows: r.trend.map((m) => [
        m.month,
        m.received,
        m.dispatched,
        m.completed,
        m.completedOnTime,
        pct(m.onTimeRate),
      ]),
    },
    categoriesTable(r.topCategories, '本期', '上期'),
    ...(r.scope.kind === 'district'
      ? [
          {
            key: 'overdueByUnit' as const,
            title: '各单位当前超期件数',
            columns: [
              { header: '单位', width: 24 },
              { header: '超期件数', width: 8, numeric: true },
            ],
            rows: r.overdueByUnit.map((u) => [u.unit.name, u.count]),
          },
        ]
      : []),
    overdueTable(
      r.overdue,
      offset,
      r.scope.kind === 'district' ? '超期工单(超期最久的在前)' : '本单位超期工单',
    ),
  ];
  // A unit's main table (the CSV default) is its overdue list; the district's, the rankings.
  if (r.scope.kind === 'unit') tables.unshift(tables.pop()!);
  return {
    title: `${r.scope.kind === 'unit' ? r.scope.name : ''}${kindName}`,
    district: r.district,
    period: r.period.label,
    scope: r.scope.name,
    generatedAt: localTime(r.generatedAt, offset),
    headline: [...headlinePairs(r.headline), ...unitPairs],
    tables,
    fileBase: `${kindName}-${r.scope.name}-${r.period.key}`,
  };
}

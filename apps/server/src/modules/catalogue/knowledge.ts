// The knowledge base / service catalogue (五公开): administrators keep the
// items, agents search them in Chinese and answer consultations from them
// (the `answer_directly` hooks in modules/intake record the item and count it).
import type { Kysely } from 'kysely';
import ExcelJS from 'exceljs';
import type { KnowledgeItemBody, KnowledgeItemView, KnowledgeQuery } from '@jiesu/contracts';
import { zhCN } from '@jiesu/contracts';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import type { StaffActor } from '../../shared/actor.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { utcOffsetOf } from '../calendar/service.js';
import { orgRepository } from '../org/repository.js';
import { catalogueRepository } from './repository.js';
import {
  knowledgeRepository,
  type KnowledgeFields,
  type KnowledgeRow,
} from './knowledge-repository.js';
import { searchTerms } from './search.js';

/** The export's columns, in the order of the 五公开 fields. */
const COLUMNS = [
  { header: '标题', key: 'title', width: 28 },
  { header: '分类', key: 'category', width: 14 },
  { header: '内容', key: 'body', width: 50 },
  { header: '办理流程', key: 'procedure', width: 40 },
  { header: '政策依据', key: 'policyBasis', width: 32 },
  { header: '咨询电话', key: 'phone', width: 16 },
  { header: '责任单位与人员', key: 'staff', width: 22 },
  { header: '关键词', key: 'keywords', width: 20 },
  { header: '状态', key: 'active', width: 8 },
  { header: '使用次数', key: 'useCount', width: 10 },
  { header: '更新时间', key: 'updatedAt', width: 18 },
] as const;

export function toKnowledgeView(k: KnowledgeRow): KnowledgeItemView {
  return {
    id: k.id,
    title: k.title,
    body: k.body,
    procedure: k.procedure,
    policyBasis: k.policy_basis,
    phone: k.phone,
    staff: k.staff,
    keywords: k.keywords,
    categoryId: k.category_id,
    categoryName: k.category_name,
    active: k.active,
    useCount: Number(k.use_count),
    updatedAt: k.updated_at.toISOString(),
  };
}

export function knowledgeService(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;
  const repo = knowledgeRepository(db);

  async function checkCategory(tenantId: string, categoryId: string | null | undefined) {
    if (!categoryId) return;
    if (!(await catalogueRepository(db).category(tenantId, categoryId))) {
      throw new AppError('UNKNOWN_CATEGORY', [
        { path: '/categoryId', message: zhCN.error.UNKNOWN_CATEGORY },
      ]);
    }
  }

  const trimmed = (s: string | undefined) => (s ?? '').trim();

  /** The item's fields as stored: texts trimmed, optional ones empty when not given. */
  const fieldsOf = (body: KnowledgeItemBody): KnowledgeFields => ({
    category_id: body.categoryId ?? null,
    title: body.title.trim(),
    body: body.body.trim(),
    procedure: trimmed(body.procedure),
    policy_basis: trimmed(body.policyBasis),
    phone: trimmed(body.phone),
    staff: trimmed(body.staff),
    keywords: trimmed(body.keywords),
  });

  async function get(tenantId: string, id: string): Promise<KnowledgeItemView> {
    const k = await repo.byId(tenantId, id);
    if (!k) throw new AppError('NOT_FOUND');
    return toKnowledgeView(k);
  }

  return {
    get,

    /** Chinese search: the query is cut into words, items ranked by where they are found. */
    async search(actor: StaffActor, q: KnowledgeQuery): Promise<KnowledgeItemView[]> {
      const includeInactive = q.all ?? false;
      if (includeInactive && !actor.grants.some((g) => g.role === 'admin')) {
        throw new AppError('FORBIDDEN');
      }
      const rows = await repo.search(actor.tenantId, searchTerms(q.q ?? ''), {
        includeInactive,
        limit: q.limit ?? 20,
      });
      return rows.map(toKnowledgeView);
    },

    async create(tenantId: string, body: KnowledgeItemBody): Promise<KnowledgeItemView> {
      await checkCategory(tenantId, body.categoryId);
      const id = newId();
      await repo.insert({
        id,
        tenant_id: tenantId,
        ...fieldsOf(body),
        active: body.active ?? true,
        updated_at: clock.now(),
      });
      return get(tenantId, id);
    },

    async update(tenantId: string, id: string, body: KnowledgeItemBody) {
      await checkCategory(tenantId, body.categoryId);
      const ok = await repo.update(tenantId, id, {
        ...fieldsOf(body),
        ...(body.active === undefined ? {} : { active: body.active }),
        updated_at: clock.now(),
      });
      if (!ok) throw new AppError('NOT_FOUND');
      return get(tenantId, id);
    },

    /** Answers already given keep the item's title on their events. */
    async remove(tenantId: string, id: string): Promise<void> {
      if (!(await repo.remove(tenantId, id))) throw new AppError('NOT_FOUND');
    },

    /** Every item, the five fields in columns, as an .xlsx workbook. */
    async exportXlsx(tenantId: string): Promise<Buffer> {
      const tenant = await orgRepository(db).tenant(tenantId);
      const offsetMs = utcOffsetOf(tenant?.settings) * 60_000;
      const local = (d: Date) =>
        new Date(d.getTime() + offsetMs).toISOString().slice(0, 16).replace('T', ' ');
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet(zhCN.intake.exportSheet);
      ws.columns = COLUMNS.map((c) => ({ ...c }));
      for (const k of await repo.all(tenantId)) {
        // The view's fields under the columns' keys; those without a column are left out.
        const v = toKnowledgeView(k);
        const row = ws.addRow({
          ...v,
          category: v.categoryName ?? '',
          active: v.active ? zhCN.intake.active : zhCN.intake.inactive,
          updatedAt: local(k.updated_at),
        });
        row.alignment = { wrapText: true, vertical: 'top' };
      }
      ws.getRow(1).font = { bold: true };
      ws.views = [{ state: 'frozen', ySplit: 1 }];
      return Buffer.from(await wb.xlsx.writeBuffer());
    },
  };
}
export type KnowledgeService = ReturnType<typeof knowledgeService>;

import type { CategoryView, PolicyBody, PolicyView } from '@jiesu/contracts';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import type { CalendarService } from '../calendar/service.js';
import type { CatalogueRepository } from './repository.js';

export function catalogueService(deps: {
  catalogue: CatalogueRepository;
  calendar: CalendarService;
  clock: Clock;
}) {
  const { catalogue, clock } = deps;
  return {
    async categories(tenantId: string): Promise<CategoryView[]> {
      const rows = await catalogue.categories(tenantId);
      return rows.map((c) => ({
        id: c.id,
        parentId: c.parent_id,
        code: c.code,
        name: c.name,
        level: c.level,
        active: c.active,
        sort: c.sort,
      }));
    },

    async policies(tenantId: string): Promise<PolicyView[]> {
      const rows = await catalogue.policies(tenantId);
      return rows.map((p) => ({
        id: p.id,
        categoryId: p.category_id,
        urgency: p.urgency,
        response: { amount: Number(p.response_amount), unit: p.response_unit },
        completion: { amount: Number(p.completion_amount), unit: p.completion_unit },
      }));
    },

    /** One policy per (category, urgency): saving replaces the earlier one. */
    async putPolicy(tenantId: string, body: PolicyBody): Promise<void> {
      if (body.categoryId && !(await catalogue.category(tenantId, body.categoryId))) {
        throw new AppError('UNKNOWN_CATEGORY');
      }
      if (body.completion.unit === 'working_days' && !Number.isInteger(body.completion.amount)) {
        throw new AppError('VALIDATION_FAILED', [
          { path: '/completion/amount', message: '工作日须为整数' },
        ]);
      }
      if (body.response.unit === 'working_days' && !Number.isInteger(body.response.amount)) {
        throw new AppError('VALIDATION_FAILED', [
          { path: '/response/amount', message: '工作日须为整数' },
        ]);
      }
      await catalogue.upsertPolicy({
        id: newId(),
        tenant_id: tenantId,
        category_id: body.categoryId,
        urgency: body.urgency,
        response_amount: body.response.amount,
        response_unit: body.response.unit,
        completion_amount: body.completion.amount,
        completion_unit: body.completion.unit,
        updated_at: clock.now(),
      });
    },

    async deletePolicy(tenantId: string, id: string): Promise<void> {
      if (!(await catalogue.deletePolicy(tenantId, id))) throw new AppError('NOT_FOUND');
    },
  };
}

// What the project actions do beyond the ticket row: linking a ticket to a
// common-problem project (共性问题/每月一题), taking it out, and the one reply
// sent to every linked ticket. The project's title is derived into the event,
// so the ticket's timeline names the project without a lookup.
import { zhCN } from '@jiesu/contracts';
import { AppError } from '../../shared/errors.js';
import type { HookContext, HookRegistry } from '../tickets/hooks.js';
import { projectRepository } from './repository.js';

const CLOSED = new Set(['completed', 'cancelled']);

async function projectOf(c: HookContext) {
  const repo = projectRepository(c.trx);
  const p = await repo.project(c.tenantId, c.input.projectId as string);
  if (!p) {
    throw new AppError('PROJECT_NOT_FOUND', [
      { path: '/input/projectId', message: zhCN.error.PROJECT_NOT_FOUND },
    ]);
  }
  return { repo, p };
}

export const projectHooks: HookRegistry = {
  link_project: [
    {
      async prepare(c) {
        const { repo, p } = await projectOf(c);
        if (CLOSED.has(p.state)) throw new AppError('PROJECT_CLOSED');
        if (await repo.isLinked(p.id, c.ticket.id)) throw new AppError('PROJECT_ALREADY_LINKED');
        return { projectTitle: p.title };
      },
      async after(c) {
        await projectRepository(c.trx).link({
          tenant_id: c.tenantId,
          project_id: c.input.projectId as string,
          ticket_id: c.ticket.id,
          linked_at: c.at,
          linked_by: c.actor?.userId ?? null,
        });
      },
    },
  ],
  unlink_project: [
    {
      async prepare(c) {
        const { repo, p } = await projectOf(c);
        // A finished project's list is its record (and its before/after figure): it stays.
        if (CLOSED.has(p.state)) throw new AppError('PROJECT_CLOSED');
        if (!(await repo.isLinked(p.id, c.ticket.id))) throw new AppError('PROJECT_NOT_LINKED');
        return { projectTitle: p.title };
      },
      async after(c) {
        const removed = await projectRepository(c.trx).unlink(
          c.input.projectId as string,
          c.ticket.id,
        );
        if (!removed) throw new AppError('PROJECT_NOT_LINKED');
      },
    },
  ],
  reply_by_project: [
    {
      async prepare(c) {
        const { repo, p } = await projectOf(c);
        // A completed project may still answer its tickets; a cancelled one answers nothing.
        if (p.state === 'cancelled') throw new AppError('PROJECT_CLOSED');
        if (!(await repo.isLinked(p.id, c.ticket.id))) throw new AppError('PROJECT_NOT_LINKED');
        return { projectTitle: p.title };
      },
    },
  ],
};

// What objections (异议/退单) and co-unit tasks (协办) add to ticket actions;
// the composition root hands these to the ticket service.
import { joinHooks } from '../tickets/hooks.js';
import { objectionHooks } from './objections.js';
import { taskHooks } from './tasks.js';

export const collaborationHooks = joinHooks(objectionHooks, taskHooks);

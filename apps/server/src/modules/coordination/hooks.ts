// What the coordination actions do beyond the ticket row: whistles and
// report-ins (吹哨报到), passing down and up (三上三下). Registered in the
// composition root with the other modules' hooks.
import { joinHooks, type HookRegistry } from '../tickets/hooks.js';
import { delegationHooks } from './delegations.js';
import { whistleHooks } from './whistles.js';

export const coordinationHooks: HookRegistry = joinHooks(whistleHooks, delegationHooks);

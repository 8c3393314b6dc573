// What the deliberation actions do beyond the ticket row: escalations (上交)
// and village deliberation (下交群评) with its sessions, notices and ledger.
// Registered in the composition root with the other modules' hooks.
import { joinHooks, type HookRegistry } from '../tickets/hooks.js';
import { escalationHooks } from './escalations.js';
import { ledgerHooks } from './ledger.js';

export const deliberationHooks: HookRegistry = joinHooks(escalationHooks, ledgerHooks);

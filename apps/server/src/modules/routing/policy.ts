// Who may read and who may change the dispatch catalogue. The catalogue decides
// where every ticket goes, so it is edited by the administrator and by the
// dispatch centre's leader (who also reviews objections to dispatches, i.e. owns
// the consequences of a wrong rule); the desk (dispatchers, agents) and the
// supervisors read it. Units outside the centre neither read nor edit it: they
// see the outcome on their tickets.
import { hasRole, isCentre, type StaffActor } from '../../shared/actor.js';

export function canReadCatalogue(actor: StaffActor): boolean {
  return isCentre(actor) || hasRole(actor, ['supervisor', 'admin']);
}

export function canEditCatalogue(actor: StaffActor): boolean {
  return hasRole(actor, ['admin']) || isCentre(actor, ['unit_leader']);
}

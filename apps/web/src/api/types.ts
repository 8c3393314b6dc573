// Response types the contracts package exports as schemas only, stated once here.
import type { KnowledgeItemView, Role, TicketAction, TicketSummary } from '@jiesu/contracts';

export interface RoleAssignment {
  unitId: string;
  unitName: string;
  role: Role;
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  active: boolean;
  roles: RoleAssignment[];
}

/** A knowledge-base item with its 五公开 fields. */
export type KnowledgeItem = KnowledgeItemView;

export interface RelatedTickets {
  sameRequester: TicketSummary[];
  samePlace: TicketSummary[];
}

/** The catalogue's answer first (`source: 'catalogue'`, with co-units), then history's. */
export type { UnitSuggestion } from '@jiesu/contracts';

export interface BulkResult {
  results: { id: string; ok: boolean; status: number; error?: { code: string; message: string } }[];
}

export interface PublicTimelineEntry {
  at: string;
  action: string;
  label: string;
  text: string | null;
}

export interface PublicCreated {
  code: string;
  receivedAt: string;
  nextSteps: string;
}

export type { TicketAction };

// Response types the contracts package exports as schemas only, stated once here.
import type { Role, TicketAction, TicketSummary } from '@jiesu/contracts';

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

export interface KnowledgeItem {
  id: string;
  title: string;
  body: string;
  categoryId: string | null;
}

export interface RelatedTickets {
  sameRequester: TicketSummary[];
  samePlace: TicketSummary[];
}

export interface UnitSuggestion {
  unit: { id: string; name: string };
  count: number;
  share: number;
}

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

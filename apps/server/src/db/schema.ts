// Kysely's view of the schema: one interface per table, typed as the `pg`
// driver returns values (timestamptz → Date, numeric → string, bigserial → string).
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  Channel,
  Colour,
  JurisdictionLevel,
  LimitUnit,
  Outcome,
  Role,
  Satisfaction,
  TicketState,
  TicketType,
  UnitKind,
  Urgency,
  ActorKind,
} from '@jiesu/contracts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string | T, string | T>;
type Numeric = ColumnType<string, number | string, number | string>;

export interface TenantTable {
  id: string;
  name: string;
  settings: Json<TenantSettings>;
  created_at: Timestamp;
}

export interface TenantSettings {
  utcOffsetMinutes?: number;
  workingHours?: { periods: Array<{ start: string; end: string }> };
  weekend?: number[];
  demo?: boolean;
}

export interface JurisdictionTable {
  id: string;
  tenant_id: string;
  parent_id: string | null;
  level: JurisdictionLevel;
  code: string;
  name: string;
  population: number;
  path: string;
  boundary: Json<unknown> | null;
  centre_lng: number | null;
  centre_lat: number | null;
}

export interface UnitTable {
  id: string;
  tenant_id: string;
  jurisdiction_id: string;
  kind: UnitKind;
  key: string | null;
  name: string;
  phone: string | null;
  active: Generated<boolean>;
}

export interface UserTable {
  id: string;
  tenant_id: string;
  username: string;
  display_name: string;
  phone: string | null;
  password_hash: string;
  active: Generated<boolean>;
  created_at: Timestamp;
}

export interface RoleAssignmentTable {
  tenant_id: string;
  user_id: string;
  unit_id: string;
  role: Role;
}

export interface SessionTable {
  id: string;
  tenant_id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiTokenTable {
  id: string;
  tenant_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface LoginAttemptTable {
  key: string;
  failures: number;
  first_failure_at: Timestamp;
  locked_until: Timestamp | null;
}

export interface CategoryTable {
  id: string;
  tenant_id: string;
  parent_id: string | null;
  code: string;
  name: string;
  level: number;
  path: string;
  active: Generated<boolean>;
  sort: Generated<number>;
}

export interface TimeLimitPolicyTable {
  id: string;
  tenant_id: string;
  category_id: string | null;
  urgency: Urgency | null;
  response_amount: Numeric;
  response_unit: LimitUnit;
  completion_amount: Numeric;
  completion_unit: LimitUnit;
  updated_at: Timestamp;
}

export interface CalendarDayTable {
  tenant_id: string;
  /** `date` comes back as a string: the pool's type parser keeps it 'YYYY-MM-DD'. */
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface KnowledgeItemTable {
  id: string;
  tenant_id: string;
  category_id: string | null;
  title: string;
  body: string;
  updated_at: Timestamp;
}

export interface TicketCodeCounterTable {
  tenant_id: string;
  day: string;
  last: number;
}

export interface TicketTable {
  id: string;
  tenant_id: string;
  code: string;
  upstream_id: string | null;
  channel: Channel;
  type: TicketType;
  category_id: string;
  title: string;
  description: string;
  address: string;
  jurisdiction_id: string;
  lng: number | null;
  lat: number | null;
  requester_name: string | null;
  requester_phone: string | null;
  anonymous: boolean;
  confidential: boolean;
  urgency: Urgency;
  colour: Colour | null;
  subject_unit_id: string | null;
  lead_unit_id: string | null;
  holder_unit_id: string | null;
  state: TicketState;
  outcome: Outcome | null;
  received_at: Timestamp;
  dispatched_at: Timestamp | null;
  accepted_at: Timestamp | null;
  feedback_at: Timestamp | null;
  replied_at: Timestamp | null;
  closed_at: Timestamp | null;
  response_due_at: Timestamp | null;
  completion_due_at: Timestamp | null;
  solved: boolean | null;
  satisfaction: Satisfaction | null;
  reopen_count: number;
  created_by: string | null;
  version: number;
  updated_at: Timestamp;
}

export interface TicketAssignmentTable {
  id: string;
  tenant_id: string;
  ticket_id: string;
  unit_id: string;
  role: 'lead' | 'co' | 'watcher';
  assigned_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface TicketEventTable {
  id: Generated<string>;
  tenant_id: string;
  ticket_id: string;
  seq: number;
  action: string;
  from_state: TicketState | null;
  to_state: TicketState;
  actor_kind: ActorKind;
  actor_user_id: string | null;
  actor_unit_id: string | null;
  at: Timestamp;
  reason: string | null;
  visibility: 'public' | 'internal';
  payload: Json<Record<string, unknown>>;
}

export interface AttachmentTable {
  id: string;
  tenant_id: string;
  ticket_id: string | null;
  storage_key: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  uploaded_by: string | null;
  created_at: Timestamp;
}

export interface PersonalDataReadTable {
  id: Generated<string>;
  tenant_id: string;
  user_id: string;
  ticket_id: string;
  fields: string;
  purpose: string | null;
  at: Timestamp;
}

export interface SavedViewTable {
  id: string;
  tenant_id: string;
  user_id: string;
  name: string;
  query: Json<Record<string, unknown>>;
  created_at: Timestamp;
}

export interface DB {
  tenants: TenantTable;
  jurisdictions: JurisdictionTable;
  units: UnitTable;
  users: UserTable;
  role_assignments: RoleAssignmentTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  login_attempts: LoginAttemptTable;
  categories: CategoryTable;
  time_limit_policies: TimeLimitPolicyTable;
  calendar_days: CalendarDayTable;
  knowledge_items: KnowledgeItemTable;
  ticket_code_counters: TicketCodeCounterTable;
  tickets: TicketTable;
  ticket_assignments: TicketAssignmentTable;
  ticket_events: TicketEventTable;
  attachments: AttachmentTable;
  personal_data_reads: PersonalDataReadTable;
  saved_views: SavedViewTable;
}

export type Ticket = Selectable<TicketTable>;
export type NewTicket = Insertable<TicketTable>;
export type TicketPatch = Updateable<TicketTable>;
export type TicketEvent = Selectable<TicketEventTable>;
export type NewTicketEvent = Insertable<TicketEventTable>;

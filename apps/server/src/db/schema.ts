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
  ObjectionReason,
  ObjectionState,
  RuleTarget,
  SummonsState,
  TaskSource,
  TaskState,
  EscalationNeed,
  EscalationState,
  ElderKind,
  DeliberationBasis,
  DeliberationState,
  DeliberationFinding,
  ParticipantKind,
  ExpertKind,
  HearingState,
  ProjectState,
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
  /** How long after a dispatch the unit may still object (首接负责); default 24. */
  objectionWindowHours?: number;
  workingHours?: { periods: Array<{ start: string; end: string }> };
  weekend?: number[];
  /** [Deliberation]: 公示 days, repeated-request threshold and window, backlog rules. */
  noticeDays?: number;
  repeatThreshold?: number;
  repeatWindowDays?: number;
  backlogDays?: number;
  backlogReopens?: number;
  /** [Handling]: the longest suspension (days) and the failed contacts before no_contact termination. */
  suspensionMaxDays?: number;
  noContactAttempts?: number;
  /** Who reviews an extension: the dispatch centre (default), the lead unit's leader, or either. */
  extensionReviewer?: 'centre' | 'unit_leader' | 'either';
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
  /** [Grid]: households counted in the place, and a grid's difficulty grade. */
  households: ColumnType<number | null, number | null | undefined, number | null>;
  grade: ColumnType<
    'A' | 'B' | 'C' | null,
    'A' | 'B' | 'C' | null | undefined,
    'A' | 'B' | 'C' | null
  >;
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
  /** [Interop] what the token may reach (0028), its last use (at most once a minute) and expiry. */
  scopes: ColumnType<string[], string[] | undefined, string[]>;
  last_used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_used_ip: ColumnType<string | null, string | null | undefined, string | null>;
  expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** [Interop] what an Open311 client sent with a request that a ticket has no column for (0028). */
export interface Open311RequestTable {
  ticket_id: string;
  tenant_id: string;
  token_id: string | null;
  media_url: string | null;
  account_id: string | null;
  device_id: string | null;
  created_at: Timestamp;
}

/** [Interop] mySociety servicerequestupdates posted to us, idempotent on the client's update_id. */
export interface Open311UpdateTable {
  id: string;
  tenant_id: string;
  ticket_id: string;
  client_update_id: string;
  status: string;
  description: string;
  media_url: string | null;
  updated_datetime: Timestamp;
  event_seq: number | null;
  token_id: string | null;
  created_at: Timestamp;
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
  procedure: Generated<string>;
  policy_basis: Generated<string>;
  phone: Generated<string>;
  staff: Generated<string>;
  keywords: Generated<string>;
  active: Generated<boolean>;
  use_count: Generated<number>;
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
  /** Set while the ticket is merged into another (并单). */
  master_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** [Handling] the first reached contact since the response clock started (0025). */
  first_contact_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** [Handling] while an approved suspension runs: since when, and its bound (0025). */
  paused_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  paused_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** [Handling] the person of the holding unit who has it in hand (承办人, 0027). */
  assignee_user_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export type AssignmentRole = 'lead' | 'co' | 'watcher' | 'summoned' | 'delegate';

export interface TicketAssignmentTable {
  id: string;
  tenant_id: string;
  ticket_id: string;
  unit_id: string;
  role: AssignmentRole;
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
  open311_requests: Open311RequestTable;
  open311_updates: Open311UpdateTable;
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
  dispatch_rules: DispatchRuleTable;
  dispatch_rule_changes: DispatchRuleChangeTable;
  ticket_tasks: TicketTaskTable;
  ticket_objections: TicketObjectionTable;
  whistles: WhistleTable;
  whistle_summonses: WhistleSummonsTable;
  ticket_delegations: TicketDelegationTable;
  escalations: EscalationTable;
  elder_panels: ElderPanelTable;
  elders: ElderTable;
  deliberations: DeliberationTable;
  deliberation_sessions: DeliberationSessionTable;
  public_notices: PublicNoticeTable;
  hearings: HearingTable;
  consultations: ConsultationTable;
  projects: ProjectTable;
  project_milestones: ProjectMilestoneTable;
  project_tickets: ProjectTicketTable;
  grid_members: GridMemberTable;
  broadcasts: BroadcastTable;
  broadcast_recipients: BroadcastRecipientTable;
  notification_outbox: NotificationOutboxTable;
  notification_channels: NotificationChannelTable;
  notification_deadline_marks: NotificationDeadlineMarkTable;
  grid_assessment_formulas: GridAssessmentFormulaTable;
  studios: StudioTable;
  studio_duties: StudioDutyTable;
  studio_receptions: StudioReceptionTable;
  studio_reception_reads: StudioReceptionReadTable;
  studio_checks: StudioCheckTable;
  resident_kinds: ResidentKindTable;
  households: HouseholdTable;
  residents: ResidentTable;
  resident_reads: ResidentReadTable;
  resident_imports: ResidentImportTable;
  patrols: PatrolTable;
  visits: VisitTable;
  duty_rules: DutyRuleTable;
  patrol_reports: PatrolReportTable;
  unit_day_rollups: UnitDayRollupTable;
  intake_day_rollups: IntakeDayRollupTable;
  ticket_search: TicketSearchTable;
  unit_assessment_configs: UnitAssessmentConfigTable;
  urges: UrgeTable;
  colour_items: ColourItemTable;
  colour_item_changes: ColourItemChangeTable;
  colour_cadence_configs: ColourCadenceConfigTable;
  assessment_snapshots: AssessmentSnapshotTable;
  assessment_appeals: AssessmentAppealTable;
  assessment_summons: AssessmentSummonsTable;
  civility_rules: CivilityRuleTable;
  civility_rule_versions: CivilityRuleVersionTable;
  civility_entries: CivilityEntryTable;
  volunteer_fields: VolunteerFieldTable;
  volunteer_teams: VolunteerTeamTable;
  volunteer_members: VolunteerMemberTable;
  volunteer_contact_reads: VolunteerContactReadTable;
  volunteer_help_requests: VolunteerHelpRequestTable;
  volunteer_activities: VolunteerActivityTable;
  volunteer_participations: VolunteerParticipationTable;
  volunteer_applications: VolunteerApplicationTable;
  hotspot_configs: HotspotConfigTable;
  hotspot_alerts: HotspotAlertTable;
  ticket_repeats: TicketRepeatTable;
  handling_requests: HandlingRequestTable;
  callbacks: CallbackTable;
  callback_configs: CallbackConfigTable;
  reply_templates: ReplyTemplateTable;
  dispatch_models: DispatchModelTable;
  dispatch_suggestions: DispatchSuggestionTable;
  dispatch_configs: DispatchConfigTable;
  webhook_subscriptions: WebhookSubscriptionTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_attempts: WebhookAttemptTable;
  upstream_mappings: UpstreamMappingTable;
  upstream_tickets: UpstreamTicketTable;
  idempotency_keys: IdempotencyKeyTable;
}

// ── [Grid] ──────────────────────────────────────────────────────────────────

// [Grid] households and residents (0008): ID numbers only as cipher, keyed hash and mask.
export interface ResidentKindTable {
  tenant_id: string;
  code: string;
  label: string;
  sort: ColumnType<number, number | undefined, number>;
  key_population: ColumnType<boolean, boolean | undefined, boolean>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface HouseholdTable {
  id: string;
  tenant_id: string;
  grid_id: string;
  address: string;
  note: string | null;
  import_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ResidentTable {
  id: string;
  tenant_id: string;
  household_id: string;
  name: string;
  gender: 'male' | 'female' | null;
  birth_date: ColumnType<string | null, string | null, string | null>;
  relation: string | null;
  phone: string | null;
  id_number_cipher: string | null;
  id_number_hash: string | null;
  id_number_masked: string | null;
  kinds: ColumnType<string[], string[] | undefined, string[]>;
  care_needs: string | null;
  note: string | null;
  import_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
  left_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface ResidentReadTable {
  id: Generated<string>;
  tenant_id: string;
  user_id: string;
  resident_id: string | null;
  action: 'view' | 'reveal' | 'export' | 'export_full';
  count: number | null;
  purpose: string | null;
  at: Timestamp;
}

export interface ResidentImportTable {
  id: string;
  tenant_id: string;
  user_id: string;
  file_name: string | null;
  status: 'previewed' | 'running' | 'done' | 'failed';
  total: number;
  valid: number;
  invalid: number;
  done: ColumnType<number, number | undefined, number>;
  households_created: ColumnType<number, number | undefined, number>;
  rows: Json<unknown[]>;
  errors: Json<unknown[]>;
  failure: string | null;
  created_at: Timestamp;
  started_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

// [Grid] duties (0009): patrols, visits, the rules, patrol reports (三必到/四必报).
export interface GeoPoint {
  lng: number;
  lat: number;
  at: string;
}

export interface PatrolTable {
  id: string;
  tenant_id: string;
  grid_id: string;
  worker_user_id: string;
  started_at: Timestamp;
  ended_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  points: Json<GeoPoint[]>;
  note: string | null;
  photos: Json<string[]>;
  created_at: Timestamp;
}

export interface VisitTable {
  id: string;
  tenant_id: string;
  household_id: string;
  grid_id: string;
  worker_user_id: string;
  planned_for: ColumnType<string | null, string | null | undefined, string | null>;
  done_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  note: string | null;
  created_at: Timestamp;
}

export interface DutyRuleTable {
  tenant_id: string;
  patrols_per_day: number;
  key_visits_per_month: number;
  five_visit_kinds: ColumnType<string[], string[], string[]>;
  five_visits_per_month: number;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface PatrolReportTable {
  id: string;
  tenant_id: string;
  grid_id: string;
  worker_user_id: string;
  patrol_id: string | null;
  kind: string;
  grp: 'must_attend' | 'must_report';
  reported_at: Timestamp;
  arrived_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  description: string;
  address: string | null;
  lng: number | null;
  lat: number | null;
  photos: Json<string[]>;
  outcome: 'ticket' | 'closed_on_spot';
  ticket_id: string | null;
  evidence: string | null;
  created_at: Timestamp;
}

export type GridRole = 'head' | 'supervisor' | 'commander' | 'worker' | 'informant';

// [Grid] studios (我来办工作室)
export interface StudioTable {
  id: string;
  tenant_id: string;
  village_id: string;
  name: string;
  phone: string;
  address: string;
  opening_note: string | null;
  secretary_name: string | null;
  /** ISO weekday, 1 = Monday. */
  secretary_weekday: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StudioDutyTable {
  id: string;
  tenant_id: string;
  studio_id: string;
  day: DateOnly;
  name: string;
  user_id: string | null;
}

export interface StudioReceptionTable {
  id: string;
  tenant_id: string;
  studio_id: string;
  received_at: Timestamp;
  visitor_name: string;
  visitor_phone: string | null;
  matter: string;
  staff_name: string;
  outcome: 'answered' | 'ticket';
  answer: string | null;
  ticket_id: string | null;
  grade: 'small' | 'big' | 'hard' | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface StudioReceptionReadTable {
  tenant_id: string;
  reception_id: string;
  user_id: string;
  at: Timestamp;
}

export interface StudioCheckTable {
  id: string;
  tenant_id: string;
  studio_id: string;
  checked_on: DateOnly;
  kind: 'safety' | 'dispute' | 'environment' | 'other';
  cycle: 'weekly' | 'monthly' | 'other';
  checker: string;
  area: string;
  items: string;
  findings: string;
  follow_up: 'none' | 'handled' | 'ticket';
  follow_up_note: string | null;
  ticket_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface GridMemberTable {
  id: string;
  tenant_id: string;
  jurisdiction_id: string;
  role: GridRole;
  user_id: string | null;
  name: string;
  phone: string | null;
  since: DateOnly;
  until: DateOnly | null;
  created_at: Timestamp;
}

/** [Grid] 一令到底 (0010): a notice or instruction sent down to the grid workers. */
export interface BroadcastTable {
  id: string;
  tenant_id: string;
  kind: 'notice' | 'instruction';
  title: string;
  body: string;
  target_id: string;
  sender_user_id: string;
  sender_unit_id: string;
  ack_required: boolean;
  due_at: Timestamp | null;
  sent_at: Timestamp;
}

export interface BroadcastRecipientTable {
  broadcast_id: string;
  tenant_id: string;
  user_id: string;
  grid_id: string;
  name: string;
  phone: string | null;
  read_at: Timestamp | null;
  acked_at: Timestamp | null;
  ack_note: string | null;
  reminded_at: Timestamp | null;
  remind_count: Generated<number>;
}

/** Messages for an SMS gateway (or in-app), written in the transaction that decided to send them. */
export interface NotificationOutboxTable {
  id: string;
  tenant_id: string;
  channel: 'sms' | 'wechat' | 'email' | 'in_app';
  to_user_id: string | null;
  to_name: string;
  to_phone: string | null;
  text: string;
  source: string;
  source_id: string | null;
  status: Generated<'queued' | 'sent' | 'failed' | 'dead'>;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  /** [Interop] notifications (0030): addresses, template, delivery schedule, read mark. */
  to_email: ColumnType<string | null, string | null | undefined, string | null>;
  to_openid: ColumnType<string | null, string | null | undefined, string | null>;
  template: ColumnType<string | null, string | null | undefined, string | null>;
  params: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  ticket_id: ColumnType<string | null, string | null | undefined, string | null>;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  note: ColumnType<string | null, string | null | undefined, string | null>;
  read_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** [Interop] a district's settings for one delivery channel (0030); secrets never leave the server. */
export interface NotificationChannelTable {
  tenant_id: string;
  channel: 'sms' | 'wechat' | 'email';
  enabled: boolean;
  settings: ColumnType<Record<string, unknown>, string, string>;
  secrets: ColumnType<Record<string, string>, string, string>;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** [Interop] the deadline sweep's marks: one notice per ticket, kind and deadline (0030). */
export interface NotificationDeadlineMarkTable {
  tenant_id: string;
  ticket_id: string;
  kind: 'due_soon' | 'overdue';
  due_at: Timestamp;
  at: Timestamp;
}

/** [Grid] 网格员考核 (0012): a version of the district's scoring formula. */
export interface GridAssessmentFormulaTable {
  id: string;
  tenant_id: string;
  version: number;
  base: number;
  weights: Json<{ patrols: number; visits: number; reports: number; tickets: number }>;
  grade_factors: Json<{ A: number; B: number; C: number }>;
  report_target: number;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface DispatchRuleTable {
  id: string;
  tenant_id: string;
  category_id: string;
  jurisdiction_id: string;
  target: RuleTarget;
  unit_id: string | null;
  co_unit_ids: ColumnType<string[], string[] | undefined, string[]>;
  /** Territorial co-units: the ticket's township or village government joins (0005). */
  co_territorial: ColumnType<
    Array<'territorial_township' | 'territorial_village'>,
    Array<'territorial_township' | 'territorial_village'> | undefined,
    Array<'territorial_township' | 'territorial_village'>
  >;
  note: string | null;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface DispatchRuleChangeTable {
  id: Generated<string>;
  tenant_id: string;
  rule_id: string;
  change: 'create' | 'update' | 'delete' | 'import';
  before: Json<Record<string, unknown>> | null;
  after: Json<Record<string, unknown>> | null;
  changed_by: string | null;
  changed_at: Timestamp;
}

export interface TicketTaskTable {
  id: string;
  tenant_id: string;
  ticket_id: string;
  unit_id: string;
  source: TaskSource;
  whistle_id: string | null;
  state: TaskState;
  assigned_at: Timestamp;
  response_due_at: Timestamp | null;
  completion_due_at: Timestamp | null;
  accepted_at: Timestamp | null;
  reported_at: Timestamp | null;
  part: string | null;
  reported_by: string | null;
}

export interface TicketObjectionTable {
  id: string;
  tenant_id: string;
  ticket_id: string;
  unit_id: string;
  reason: ObjectionReason;
  text: string;
  attachment_ids: ColumnType<string[], string[] | undefined, string[]>;
  raised_by: string | null;
  raised_at: Timestamp;
  dispatched_at: Timestamp | null;
  dispatcher_id: string | null;
  state: ObjectionState;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  review_note: string | null;
  dispatch_fault: boolean | null;
  new_unit_id: string | null;
}

export interface WhistleTable {
  id: string;
  tenant_id: string;
  ticket_id: string | null;
  unit_id: string;
  topic: string;
  jurisdiction_id: string | null;
  due_at: Timestamp;
  created_by: string | null;
  created_at: Timestamp;
}

export interface WhistleSummonsTable {
  id: string;
  tenant_id: string;
  whistle_id: string;
  unit_id: string;
  state: SummonsState;
  reported_at: Timestamp | null;
  reported_by: string | null;
  note: string | null;
}

export interface TicketDelegationTable {
  id: string;
  tenant_id: string;
  ticket_id: string;
  from_unit_id: string;
  to_unit_id: string;
  to_user_id: string | null;
  note: string | null;
  at: Timestamp;
  ended_at: Timestamp | null;
  ended_how: 'pulled_back' | 'sent_up' | 'reassigned' | null;
}

// ── [Deliberation] ──────────────────────────────────────────────────────────

/** DATE columns: read as 'YYYY-MM-DD' strings (see db/engine.ts type parsers). */
type DateOnly = ColumnType<string, string, string>;

export interface EscalationTable {
  id: string;
  tenant_id: string;
  ticket_id: string;
  from_unit_id: string;
  to_unit_id: string;
  reason: string;
  tried: string;
  needs: EscalationNeed[];
  needs_note: string | null;
  state: EscalationState;
  raised_by: string | null;
  raised_at: Timestamp;
  reviewed_by: string | null;
  reviewed_unit_id: string | null;
  reviewed_at: Timestamp | null;
  review_note: string | null;
}

export interface ElderPanelTable {
  id: string;
  tenant_id: string;
  unit_id: string;
  term_start: DateOnly;
  term_end: DateOnly;
  created_by: string | null;
  created_at: Timestamp;
  superseded_at: Timestamp | null;
}

export interface ElderTable {
  id: string;
  tenant_id: string;
  panel_id: string;
  name: string;
  kind: ElderKind;
  note: string | null;
  sort: number;
}

export interface DeliberationTable {
  id: string;
  tenant_id: string;
  ticket_id: string;
  basis: DeliberationBasis;
  reason: string;
  proposed_by: string | null;
  proposed_unit_id: string;
  proposed_at: Timestamp;
  village_unit_id: string;
  signer_unit_id: string;
  state: DeliberationState;
  signed_by: string | null;
  signed_at: Timestamp | null;
  sign_note: string | null;
  ended_at: Timestamp | null;
  end_note: string | null;
}

export interface SessionParticipant {
  name: string;
  kind: ParticipantKind;
}
export interface Signature {
  name: string;
  signedAt: string;
}

export interface DeliberationSessionTable {
  id: string;
  tenant_id: string;
  deliberation_id: string;
  ticket_id: string;
  unit_id: string;
  panel_id: string;
  held_at: Timestamp;
  place: string;
  convenor: string;
  panel_member_ids: string[];
  participants: Json<SessionParticipant[]>;
  matter: string;
  minutes: string;
  finding: DeliberationFinding;
  settlement: string;
  signatures: Json<Signature[]>;
  attachment_ids: ColumnType<string[], string[] | undefined, string[]>;
  recorded_by: string | null;
  recorded_at: Timestamp;
  archived_at: Timestamp | null;
  archived_by: string | null;
}

export interface PublicNoticeTable {
  id: string;
  tenant_id: string;
  ticket_id: string;
  deliberation_id: string;
  session_id: string;
  unit_id: string;
  jurisdiction_id: string;
  title: string;
  text: string;
  finding: DeliberationFinding;
  starts_at: Timestamp;
  ends_at: Timestamp;
  published_by: string | null;
}

export interface HearingExpert {
  name: string;
  kind: ExpertKind;
  affiliation?: string;
}
export interface HearingCommitment {
  signerName: string;
  signedAt: string;
  text: string;
  attachmentIds?: string[];
}

export interface HearingTable {
  id: string;
  tenant_id: string;
  ticket_id: string;
  unit_id: string;
  state: HearingState;
  scheduled_at: Timestamp;
  place: string;
  matter: string;
  experts: Json<HearingExpert[]>;
  scheduled_by: string | null;
  created_at: Timestamp;
  held_at: Timestamp | null;
  minutes: string | null;
  outcome: string | null;
  signatures: Json<Signature[]> | null;
  attachment_ids: ColumnType<string[], string[] | undefined, string[]>;
  commitment: Json<HearingCommitment> | null;
  recorded_by: string | null;
  recorded_at: Timestamp | null;
}

export interface ConsultationTable {
  id: string;
  tenant_id: string;
  ticket_id: string;
  unit_id: string;
  held_at: Timestamp;
  participants: string;
  notes: string;
  next_steps: string | null;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface ProjectTable {
  id: string;
  tenant_id: string;
  title: string;
  problem: string;
  category_id: string | null;
  jurisdiction_id: string | null;
  owner_unit_id: string;
  plan: string;
  budget_note: string;
  state: ProjectState;
  monthly_topic: string | null;
  starts_on: DateOnly;
  due_on: DateOnly | null;
  completed_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: number;
}

export interface ProjectMilestoneTable {
  id: string;
  tenant_id: string;
  project_id: string;
  title: string;
  due_on: DateOnly | null;
  done_at: Timestamp | null;
  note: string | null;
  sort: number;
}

export interface ProjectTicketTable {
  tenant_id: string;
  project_id: string;
  ticket_id: string;
  linked_at: Timestamp;
  linked_by: string | null;
}

export type Ticket = Selectable<TicketTable>;
export type TicketTask = Selectable<TicketTaskTable>;
export type TicketObjection = Selectable<TicketObjectionTable>;
export type TicketDelegation = Selectable<TicketDelegationTable>;
export type NewTicket = Insertable<TicketTable>;
export type TicketPatch = Updateable<TicketTable>;
export type TicketEvent = Selectable<TicketEventTable>;
export type NewTicketEvent = Insertable<TicketEventTable>;

// ── [Assessment] ────────────────────────────────────────────────────────────

// [Assessment] per-unit daily counters kept from the event trail (0014).
export interface UnitDayRollupTable {
  tenant_id: string;
  unit_id: string;
  /** The local day of the events counted, 'YYYY-MM-DD'. */
  day: ColumnType<string, string, string>;
  dispatched: number;
  accepted: number;
  accepted_on_time: number;
  completed: number;
  completed_on_time: number;
  called_back: number;
  rated: number;
  solved: number;
  satisfied: number;
  basically_satisfied: number;
  dissatisfied: number;
  returns_upheld: number;
  returns_fault: number;
  reopened: number;
  /** (0016) Dispatched tickets repeating the requester's request on the matter within the window. */
  repeats: ColumnType<number, number | undefined, number>;
  /** (0016) 下交群评 cases settled on the ledger. */
  delegated_settled: ColumnType<number, number | undefined, number>;
  /** (0016) First dispatches, and the seconds from receipt to them (bigint). */
  first_dispatched: ColumnType<number, number | undefined, number>;
  dispatch_wait_s: ColumnType<string | number, number | undefined, number>;
}

// [Assessment] the district's 三率 weights and minimum volume, versioned (0014).
export interface UnitAssessmentConfigTable {
  id: string;
  tenant_id: string;
  version: number;
  effective_from: ColumnType<string, string, string>;
  weights: Json<{ response: number; resolution: number; satisfaction: number }>;
  basically_satisfied_weight: number;
  min_volume: number;
  bottom_n: number;
  /** (0016) A request repeats one of the same requester on the same matter within these days. */
  repeat_window_days: ColumnType<number, number | undefined, number>;
  reason: string;
  created_by: string | null;
  created_at: Timestamp;
}

// [Assessment] urges (督办) with their answer and escalation (0015).
export interface UrgeTable {
  id: string;
  tenant_id: string;
  ticket_id: string;
  unit_id: string;
  by_user_id: string | null;
  by_unit_id: string | null;
  note: string;
  due_at: Timestamp;
  responded_at: Timestamp | null;
  responded_by: string | null;
  response: string | null;
  finish_by: Timestamp | null;
  escalated_at: Timestamp | null;
  escalated_to_unit_id: string | null;
  created_at: Timestamp;
}

// [Assessment] frozen months (immutable, versioned), appeals to exclude a ticket,
// summons of bottom-ranked units (0017).
export interface AssessmentSnapshotTable {
  id: string;
  tenant_id: string;
  month: string;
  grp: string;
  township_id: string | null;
  version: number;
  reason: string;
  data: Json<unknown>;
  config_version: number;
  frozen_at: Timestamp;
  created_by: string | null;
}

export interface AssessmentAppealTable {
  id: string;
  tenant_id: string;
  ticket_id: string;
  unit_id: string;
  month: string;
  reason: string;
  status: 'pending' | 'accepted' | 'rejected';
  decided_by: string | null;
  decision_note: string | null;
  decided_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface AssessmentSummonsTable {
  id: string;
  tenant_id: string;
  unit_id: string;
  month: string;
  held_on: ColumnType<string, string, string>;
  attendees: string;
  notes: string;
  recorded_by: string | null;
  created_at: Timestamp;
}

// [Insight] the ticket search document (0021): jieba words as a `simple` tsvector; see modules/search.
export interface TicketSearchTable {
  ticket_id: string;
  tenant_id: string;
  /** The ticket's, copied once: the newest-first walk of a frequent word reads this table only. */
  received_at: Timestamp;
  /** A tsvector, written and read in SQL only. */
  doc: string;
}

// [Assessment] dashboard rollups (0020): per local day, top-level category, township,
// village and channel; see modules/dashboard/rollups.ts.
export interface IntakeDayRollupTable {
  tenant_id: string;
  day: ColumnType<string, string, string>;
  category_id: string;
  township_id: string | null;
  village_id: string | null;
  channel: Channel;
  received: number;
  closed: number;
  reopened: number;
  rated: number;
  solved: number;
  satisfied: number;
  basically_satisfied: number;
}

// [Assessment] colour lists (三色清单, 0018): items, their append-only change log, cadences.
export interface ColourItemTable {
  id: string;
  tenant_id: string;
  unit_id: string;
  level: 'village' | 'township';
  colour: Colour;
  title: string;
  description: string | null;
  source: ColumnType<string, string | undefined, string>;
  ticket_id: string | null;
  status: ColumnType<'open' | 'cleared', 'open' | 'cleared' | undefined, 'open' | 'cleared'>;
  clear_by: Timestamp;
  created_at: Timestamp;
  raised_by: string | null;
  cleared_at: Timestamp | null;
  cleared_by: string | null;
  clear_note: string | null;
}

export interface ColourItemChangeTable {
  id: Generated<string>;
  tenant_id: string;
  item_id: string;
  at: Timestamp;
  kind: 'added' | 'raised' | 'lowered' | 'cleared';
  from_colour: Colour | null;
  to_colour: Colour;
  clear_by: Timestamp;
  reason: string | null;
  by_user_id: string | null;
}

export interface ColourCadenceConfigTable {
  tenant_id: string;
  version: number;
  cadences: Json<
    Record<Colour, { clear: 'day' | 'week' | 'month'; report: 'week' | 'month' | 'quarter' }>
  >;
  reason: string;
  created_by: string | null;
  created_at: Timestamp;
}

// [Assessment] civility points (0019): rules with versions, the append-only household ledger.
type CivilityTriggerColumn = 'deliberation_session' | 'deliberation_settled' | 'report_confirmed';

export interface CivilityRuleTable {
  id: string;
  tenant_id: string;
  code: string;
  label: string;
  points: number;
  kind: 'manual' | 'event';
  trigger: CivilityTriggerColumn | null;
  max_per_quarter: number | null;
  active: boolean;
  sort: number;
  version: number;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface CivilityRuleVersionTable {
  rule_id: string;
  tenant_id: string;
  version: number;
  label: string;
  points: number;
  kind: 'manual' | 'event';
  trigger: CivilityTriggerColumn | null;
  max_per_quarter: number | null;
  active: boolean;
  changed_by: string | null;
  changed_at: Timestamp;
}

export interface CivilityEntryTable {
  id: string;
  tenant_id: string;
  household_id: string;
  rule_id: string;
  points: number;
  reason: string;
  ticket_id: string | null;
  source: 'manual' | 'auto' | 'reversal';
  reverses_id: string | null;
  batch_id: string | null;
  recorded_by: string | null;
  at: Timestamp;
}

// [Insight] hot spots and repeat requests (0023).
export interface HotspotConfigTable {
  tenant_id: string;
  min_messages: number;
  min_requesters: number;
  window_days: number;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface HotspotAlertTable {
  id: string;
  tenant_id: string;
  key: string;
  source: 'threshold' | 'manual';
  title: string;
  place: string;
  jurisdiction_id: string | null;
  keywords: Json<string[]>;
  ticket_ids: Json<string[]>;
  messages: number;
  requesters: number;
  heat: number;
  from_at: Timestamp;
  to_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  acknowledged_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  acknowledged_by: ColumnType<string | null, string | null | undefined, string | null>;
  project_id: ColumnType<string | null, string | null | undefined, string | null>;
  project_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  broadcast_id: ColumnType<string | null, string | null | undefined, string | null>;
  broadcast_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface TicketRepeatTable {
  ticket_id: string;
  tenant_id: string;
  repeat_of: string;
  root_id: string;
  similarity: number;
  created_at: Timestamp;
}

// [Handling] requests a reviewer decides: 延期 (0025).
export interface HandlingRequestTable {
  id: string;
  tenant_id: string;
  ticket_id: string;
  kind: 'extension' | 'suspension' | 'termination';
  status: ColumnType<
    'pending' | 'approved' | 'refused' | 'lapsed',
    'pending' | undefined,
    'approved' | 'refused' | 'lapsed'
  >;
  reason_kind: ColumnType<string | null, string | null | undefined, string | null>;
  reason: string;
  proposed_due_at: Timestamp | null;
  previous_due_at: Timestamp | null;
  until_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  paused_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  resumed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  unit_id: string | null;
  requested_by: string | null;
  requested_at: Timestamp;
  reviewed_by: ColumnType<string | null, null | undefined, string | null>;
  reviewed_at: ColumnType<Date | null, null | undefined, Date | string | null>;
  review_note: ColumnType<string | null, null | undefined, string | null>;
}

// [Handling] the callback desk (回访台, 0026): one row per ticket per round.
export interface CallbackTable {
  id: string;
  tenant_id: string;
  ticket_id: string;
  round: number;
  sampled: boolean;
  rule: string;
  percent: number;
  status: 'queued' | 'awaiting_review' | 'done' | 'not_reached' | 'not_sampled' | 'closed_unrated';
  replied_at: Timestamp;
  callable_from: Timestamp;
  attempts: ColumnType<number, number | undefined, number>;
  last_attempt_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  solved: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  satisfaction: ColumnType<string | null, string | null | undefined, string | null>;
  comment: ColumnType<string | null, string | null | undefined, string | null>;
  result_by: ColumnType<string | null, string | null | undefined, string | null>;
  result_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  via: ColumnType<
    'callback' | 'online' | null,
    'callback' | 'online' | null | undefined,
    'callback' | 'online' | null
  >;
  review_decision: ColumnType<
    'reopen' | 'close' | null,
    'reopen' | 'close' | null | undefined,
    'reopen' | 'close' | null
  >;
  review_reason: ColumnType<string | null, string | null | undefined, string | null>;
  reviewed_by: ColumnType<string | null, string | null | undefined, string | null>;
  reviewed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface CallbackConfigTable {
  tenant_id: string;
  rules: Json<Array<{ ticketType?: string; categoryId?: string; percent: number }>>;
  default_percent: number;
  max_attempts: number;
  online_window_hours: number;
  close_unsampled_after_days: number;
  updated_by: string | null;
  updated_at: Timestamp;
}

// [Handling] reply templates (答复口径, 0027): a unit's, or district-wide (unit_id null).
export interface ReplyTemplateTable {
  id: string;
  tenant_id: string;
  unit_id: string | null;
  category_id: string | null;
  title: string;
  body: string;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

// [Insight] smart dispatch (0022): classifier models, suggestions shown and taken, config.
export interface DispatchModelTable {
  id: string;
  tenant_id: string;
  target: 'category' | 'unit';
  version: number;
  trained_at: Timestamp;
  trained_by: string | null;
  samples: number;
  labels: number;
  holdout: number;
  macro_f1: number | null;
  accuracy: number | null;
  top3_accuracy: number | null;
  features: number;
  train_ms: number;
  bytes: number;
  /** PostgreSQL gives a Buffer, PGlite a Uint8Array. */
  model: Uint8Array | null;
  active: Generated<boolean>;
}

export interface DispatchSuggestionTable {
  id: string;
  tenant_id: string;
  ticket_id: string;
  target: 'category' | 'unit';
  model_version: number;
  shown: Json<Array<{ id: string; score: number }>>;
  chosen_id: string;
  taken: boolean;
  rank: number | null;
  at: Timestamp;
  by_user_id: string | null;
}

export interface DispatchConfigTable {
  tenant_id: string;
  retrain_days: Generated<number>;
  min_samples: Generated<number>;
  lease_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  updated_at: Timestamp;
}

// [Volunteers] teams, dated members, activities with minutes, applications, help (0024).
export interface VolunteerFieldTable {
  tenant_id: string;
  code: string;
  label: string;
  sort: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
}

export interface VolunteerTeamTable {
  id: string;
  tenant_id: string;
  jurisdiction_id: string;
  unit_id: string;
  name: string;
  kind: 'village_service' | 'volunteer' | 'one_plus_x';
  field: string;
  leader_user_id: string | null;
  description: string | null;
  is_public: ColumnType<boolean, boolean | undefined, boolean>;
  accepts_applications: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  dissolved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface VolunteerMemberTable {
  id: string;
  tenant_id: string;
  team_id: string;
  kind: 'resident' | 'staff' | 'person';
  resident_id: string | null;
  user_id: string | null;
  name: string;
  phone: string | null;
  role: 'captain' | 'member' | 'mediator' | 'elder' | 'cadre' | 'other';
  skills: ColumnType<string[], string[] | undefined, string[]>;
  availability: string | null;
  joined_on: DateOnly;
  left_on: ColumnType<string | null, string | null | undefined, string | null>;
  leave_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VolunteerContactReadTable {
  id: Generated<string>;
  tenant_id: string;
  user_id: string;
  member_id: string | null;
  team_id: string | null;
  action: 'reveal' | 'export';
  count: number | null;
  purpose: string | null;
  at: Timestamp;
}

export interface VolunteerHelpRequestTable {
  id: string;
  tenant_id: string;
  team_id: string;
  ticket_id: string | null;
  visit_id: string | null;
  description: string;
  status: ColumnType<
    'requested' | 'accepted' | 'declined' | 'done',
    'requested' | 'accepted' | 'declined' | 'done' | undefined,
    'requested' | 'accepted' | 'declined' | 'done'
  >;
  requested_by: string | null;
  requested_unit_id: string | null;
  requested_at: Timestamp;
  accepted_by: string | null;
  accepted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  assigned_member_ids: Json<string[]>;
  decline_reason: string | null;
  what: string | null;
  helped_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  activity_id: string | null;
}

export interface VolunteerActivityTable {
  id: string;
  tenant_id: string;
  team_id: string;
  title: string;
  field: string;
  place: string;
  starts_at: Timestamp;
  ends_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  status: 'planned' | 'held' | 'cancelled';
  description: string | null;
  report: string | null;
  photo_ids: Json<string[]>;
  help_request_id: string | null;
  ticket_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  recorded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  recorded_by: string | null;
}

export interface VolunteerParticipationTable {
  activity_id: string;
  member_id: string;
  tenant_id: string;
  minutes: number;
}

export interface VolunteerApplicationTable {
  id: string;
  tenant_id: string;
  team_id: string;
  code: string;
  name: string;
  phone: string;
  skills: ColumnType<string[], string[] | undefined, string[]>;
  note: string | null;
  status: ColumnType<
    'pending' | 'accepted' | 'refused',
    'pending' | 'accepted' | 'refused' | undefined,
    'pending' | 'accepted' | 'refused'
  >;
  reason: string | null;
  member_id: string | null;
  created_at: Timestamp;
  reviewed_by: string | null;
  reviewed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

// ── [Interop] webhooks and the upstream import (0029) ───────────────────────
export interface WebhookSubscriptionTable {
  id: string;
  tenant_id: string;
  name: string;
  url: string;
  kind: ColumnType<
    'standard' | 'upstream',
    'standard' | 'upstream' | undefined,
    'standard' | 'upstream'
  >;
  event_types: string[];
  /** The signing secret, AES-256-GCM under the server's data key; never returned after creation. */
  secret_cipher: string;
  active: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type WebhookDeliveryStatus = 'pending' | 'delivering' | 'delivered' | 'dead';

export interface WebhookDeliveryTable {
  id: string;
  tenant_id: string;
  subscription_id: string;
  ticket_id: string | null;
  seq: number;
  event_type: string;
  payload: Json<Record<string, unknown>>;
  status: ColumnType<
    WebhookDeliveryStatus,
    WebhookDeliveryStatus | undefined,
    WebhookDeliveryStatus
  >;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  locked_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
  last_status: ColumnType<number | null, number | null | undefined, number | null>;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  delivered_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface WebhookAttemptTable {
  id: string;
  delivery_id: string;
  attempt: number;
  at: Timestamp;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
}

export interface UpstreamMappingTable {
  id: string;
  tenant_id: string;
  name: string;
  header_row: number;
  /** Column header → field (upstreamId, receivedAt, …). */
  columns: Json<Record<string, string>>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UpstreamTicketTable {
  ticket_id: string;
  tenant_id: string;
  upstream_id: string;
  upstream_received_at: Timestamp;
  upstream_deadline: ColumnType<
    Date | null,
    Date | string | null | undefined,
    Date | string | null
  >;
  imported_at: Timestamp;
  imported_by: string | null;
}

// ── [Proof] Idempotency-Key on creating requests (0032) ─────────────────────
export interface IdempotencyKeyTable {
  tenant_id: string;
  /** Who sent it: `user:<id>`, `token:<id>` (an API token) or `public` (a resident). */
  caller: string;
  /** Method and route, e.g. `POST /api/tickets`. */
  route: string;
  key: string;
  /** SHA-256 of the request's canonical JSON: the same key with another body is refused. */
  request_hash: string;
  ticket_id: string;
  /** The first answer, stored after the commit; null until then (or after a crash). */
  response_status: ColumnType<number | null, number | null | undefined, number | null>;
  response_body: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: Timestamp;
}

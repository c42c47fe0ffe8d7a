import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** timestamptz: read as Date, written as Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;
/** timestamptz with a database default. */
export type GenTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CodeTableTable {
  family: string;
  code: string;
  name: string;
  parent_code: string | null;
  level: number;
  sort: number;
}

export interface AdminDivisionTable {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county' | 'township';
  parent_code: string | null;
  area_km2: number | null;
  /** geometry(MultiPolygon, 4326); written with ST_GeomFromGeoJSON. */
  geom: unknown;
  label_point: unknown;
}

export interface OrgTable {
  id: string;
  parent_id: string | null;
  path: string;
  name: string;
  kind: string;
  code: string;
  division_code: string | null;
  status: Generated<'active' | 'disabled'>;
  created_at: GenTimestamp;
  updated_at: GenTimestamp;
}

export interface AppUserTable {
  id: string;
  username: string;
  display_name: string;
  org_id: string;
  org_path: string;
  phone: string | null;
  email: string | null;
  password_hash: string;
  password_changed_at: Timestamp;
  must_change_password: boolean;
  status: Generated<'active' | 'disabled'>;
  failed_count: Generated<number>;
  locked_until: Timestamp | null;
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: number | null;
  locale: Generated<string>;
  is_demo: Generated<boolean>;
  last_login_at: Timestamp | null;
  created_at: GenTimestamp;
  updated_at: GenTimestamp;
}

export interface PasswordHistoryTable {
  id: Generated<number>;
  user_id: string;
  password_hash: string;
  created_at: GenTimestamp;
}

export interface RoleTable {
  id: string;
  name_zh: string;
  name_en: string;
  admin_kind: 'system' | 'security' | 'audit' | null;
  permissions: string[];
  builtin: boolean;
  created_at: GenTimestamp;
  updated_at: GenTimestamp;
}

export interface UserRoleTable {
  user_id: string;
  role_id: string;
  scope_org_id: string;
  scope_path: string;
  granted_by: string | null;
  granted_at: GenTimestamp;
}

export interface SessionTable {
  id: string; // sha256 of the cookie token
  user_id: string;
  stage: 'active' | 'totp' | 'totp_enroll' | 'password_change';
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: GenTimestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface IpLockoutTable {
  ip: string;
  failed_count: number;
  first_failed_at: Timestamp;
  locked_until: Timestamp | null;
}

export interface ApiTokenTable {
  id: string;
  name: string;
  token_hash: string;
  prefix: string;
  user_id: string;
  permissions: string[];
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
  created_by: string | null;
  created_at: GenTimestamp;
}

export interface SettingTable {
  key: string;
  value: Json;
  updated_at: GenTimestamp;
  updated_by: string | null;
}

export interface AuditLogTable {
  seq: number;
  id: string;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string | null;
  org_id: string | null;
  org_path: string | null;
  ip: string | null;
  user_agent: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  result: 'ok' | 'denied' | 'failed';
  before: Json | null;
  after: Json | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface OutboxTable {
  id: Generated<number>;
  name: string;
  topic: string;
  payload: Json;
  org_path: string | null;
  permission: string | null;
  created_at: GenTimestamp;
  claimed_at: Timestamp | null;
  delivered_at: Timestamp | null;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  title: string;
  body: string | null;
  link: string | null;
  severity: Generated<'info' | 'warning' | 'critical'>;
  created_at: GenTimestamp;
  read_at: Timestamp | null;
}

export interface IncidentTable {
  id: string;
  org_id: string;
  org_path: string;
  title: string;
  event_type: string;
  category: string;
  grade: number | null;
  computed_grade: number | null;
  grade_source: Generated<'computed' | 'override'>;
  grade_reason: string | null;
  status: Generated<'received' | 'verified' | 'responding' | 'closed' | 'merged' | 'false_report'>;
  status_reason: string | null;
  merged_into_id: string | null;
  occurred_at: Timestamp;
  received_at: Timestamp;
  /** geometry(Point, 4326); written with ST_MakePoint, read with ST_X/ST_Y. */
  location: unknown;
  address: string | null;
  county_code: string | null;
  township_code: string | null;
  out_of_jurisdiction: Generated<boolean>;
  source: 'phone' | 'hotline_system' | 'public' | 'sensor_alarm' | 'upper_notice' | 'lower_report';
  reporter_name: string | null;
  reporter_phone_sealed: string | null;
  reporter_phone_masked: string | null;
  description: string | null;
  dead: Generated<number>;
  missing: Generated<number>;
  seriously_injured: Generated<number>;
  lightly_injured: Generated<number>;
  direct_loss_yuan: Generated<number>;
  affected: Generated<number>;
  evacuated: Generated<number>;
  duplicate_hint: Generated<boolean>;
  duplicate_candidate_ids: Generated<string[]>;
  external_source: string | null;
  external_ref: string | null;
  version: Generated<number>;
  is_demo: Generated<boolean>;
  created_by: string | null;
  created_at: GenTimestamp;
  updated_at: GenTimestamp;
}

export interface IncidentTimelineTable {
  id: string;
  incident_id: string;
  at: Timestamp;
  kind: string;
  summary: string;
  data: Json | null;
  actor_id: string | null;
  actor_name: string | null;
}

export interface IncidentAttachmentTable {
  id: string;
  incident_id: string;
  org_id: string;
  org_path: string;
  file_name: string;
  mime: string;
  kind: 'image' | 'document';
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
  uploaded_by_name: string | null;
  created_at: Timestamp;
  deleted_at: Timestamp | null;
  deleted_by: string | null;
}

export interface GradingRuleTable {
  category: string;
  criterion: string;
  grade: number;
  threshold: number;
  updated_at: GenTimestamp;
  updated_by: string | null;
}

export interface DutyShiftTable {
  id: string;
  org_id: string;
  org_path: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  kind: 'day' | 'night' | '24h';
  note: string | null;
  source: Generated<'manual' | 'import' | 'demo'>;
  created_by: string | null;
  created_at: GenTimestamp;
  updated_at: GenTimestamp;
}

export interface DutyPersonTable {
  id: string;
  shift_id: string;
  role: 'leader' | 'officer';
  position: Generated<number>;
  user_id: string | null;
  name: string;
  phone_sealed: string | null;
  phone_masked: string | null;
  person_key: string;
  signed_in_at: Timestamp | null;
  signed_out_at: Timestamp | null;
}

export interface DutySwapTable {
  id: string;
  org_id: string;
  org_path: string;
  shift_id: string;
  person_id: string;
  from_name: string;
  from_user_id: string | null;
  to_user_id: string;
  reason: string;
  status: Generated<'pending' | 'approved' | 'rejected'>;
  requested_by: string;
  requested_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
}

export interface DutyHandoverTable {
  id: string;
  org_id: string;
  org_path: string;
  from_shift_id: string;
  to_shift_id: string;
  notes: Generated<string>;
  open_items: Json;
  created_by: string | null;
  created_at: Timestamp;
  countersign_due_at: Timestamp;
  countersigned_by: string | null;
  countersigned_at: Timestamp | null;
  leader_notified_at: Timestamp | null;
  is_demo: Generated<boolean>;
}

export interface DutyLogTable {
  id: string;
  org_id: string;
  org_path: string;
  at: Timestamp;
  kind: 'call_in' | 'call_out' | 'event' | 'notice' | 'other';
  caller: string | null;
  caller_phone_sealed: string | null;
  caller_phone_masked: string | null;
  summary: string;
  incident_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  is_demo: Generated<boolean>;
}

export interface DutyCheckTable {
  id: string;
  org_id: string;
  org_path: string;
  message: string;
  sent_by: string | null;
  sent_by_name: string;
  sent_at: Timestamp;
  ack_minutes: number;
  due_at: Timestamp;
  status: Generated<'pending' | 'answered' | 'missed'>;
  notified_count: Generated<number>;
  acked_by: string | null;
  acked_at: Timestamp | null;
  response_seconds: number | null;
  missed_at: Timestamp | null;
  is_demo: Generated<boolean>;
}

export interface DutyImportErrorTable {
  id: string;
  org_id: string;
  org_path: string;
  file_name: string | null;
  errors: Json;
  created_by: string | null;
  created_at: Timestamp;
}

export interface DeadlineRuleTable {
  id: string;
  category: string | null;
  min_grade: number | null;
  kind: string;
  offset_minutes: number;
  repeat_minutes: number | null;
  description: string;
  updated_at: GenTimestamp;
}

export interface IncidentReportTable {
  id: string;
  incident_id: string;
  org_id: string;
  org_path: string;
  to_org_id: string;
  to_org_path: string;
  kind: 'first' | 'followup' | 'supplement' | 'final';
  version: number;
  text: string;
  title: string;
  event_type: string;
  grade: number | null;
  status: string;
  dead: number;
  missing: number;
  seriously_injured: number;
  lightly_injured: number;
  direct_loss_yuan: number;
  attachment_ids: Generated<string[]>;
  phone_reported_at: Timestamp | null;
  forwarded_from_id: string | null;
  submitted_at: Timestamp;
  submitted_by: string | null;
  submitted_by_name: string | null;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
  acknowledged_by_name: string | null;
  is_demo: Generated<boolean>;
}

export interface InstructionTable {
  id: string;
  incident_id: string;
  org_id: string;
  org_path: string;
  incident_title: string;
  text: string;
  author_id: string | null;
  author_name: string;
  issued_at: Timestamp;
  due_at: Timestamp;
  is_demo: Generated<boolean>;
}

export interface InstructionTargetTable {
  id: string;
  instruction_id: string;
  user_id: string | null;
  org_id: string;
  org_path: string;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
  acknowledged_by_name: string | null;
  feedback: string | null;
  feedback_at: Timestamp | null;
  feedback_by: string | null;
  feedback_by_name: string | null;
}

export interface ReportDeadlineTable {
  id: string;
  incident_id: string;
  incident_title: string;
  org_id: string;
  org_path: string;
  kind: string;
  key: string;
  rule_id: string | null;
  anchor_report_id: string | null;
  instruction_target_id: string | null;
  due_at: Timestamp;
  reminded_at: Timestamp | null;
  overdue_at: Timestamp | null;
  satisfied_at: Timestamp | null;
  satisfied_by: string | null;
  cancelled_at: Timestamp | null;
  created_at: Timestamp;
}

/** Every table Vigil owns. Modules add theirs here with their migration. */
export type ResourceKind = 'team' | 'expert' | 'warehouse' | 'shelter' | 'equipment' | 'hazard' | 'target';
type RowSource = 'manual' | 'import' | 'demo' | 'scale';
/** numeric(14,2): drivers return a string; write numbers or strings. */
type Decimal = ColumnType<string, number | string, number | string>;

export interface ResourceTable {
  id: string;
  kind: ResourceKind;
  org_id: string;
  org_path: string;
  external_code: string;
  name: string;
  type_code: string | null;
  status: string;
  division_code: string | null;
  address: string | null;
  phone: string | null;
  /** geometry(Point, 4326); written with ST_MakePoint, read with ST_X/ST_Y. */
  location: unknown;
  /** geometry(MultiPolygon, 4326), optional (shelters). */
  area: unknown;
  attrs: ColumnType<Record<string, unknown>, string | Record<string, unknown> | undefined, string | Record<string, unknown>>;
  sealed: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  masked: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  source: Generated<RowSource>;
  version: Generated<number>;
  archived_at: Timestamp | null;
  created_by: string | null;
  created_at: GenTimestamp;
  updated_by: string | null;
  updated_at: GenTimestamp;
}

export interface ResourceHistoryTable {
  id: string;
  resource_id: string;
  version: number;
  action: string;
  snapshot: ColumnType<Record<string, unknown>, string | Record<string, unknown>, never>;
  changed_by: string | null;
  changed_at: Timestamp;
}

export interface StockLineTable {
  id: string;
  warehouse_id: string;
  org_id: string;
  org_path: string;
  external_code: string | null;
  material_code: string;
  name: string;
  spec: string | null;
  unit: string;
  quantity: Decimal;
  min_quantity: Decimal;
  batch: string | null;
  produced_on: ColumnType<string | Date | null, string | null | undefined, string | null>;
  expires_on: ColumnType<string | Date | null, string | null | undefined, string | null>;
  source: Generated<RowSource>;
  archived_at: Timestamp | null;
  created_at: GenTimestamp;
  updated_at: GenTimestamp;
}

export interface StockMovementTable {
  id: string;
  stock_line_id: string;
  warehouse_id: string;
  org_id: string;
  org_path: string;
  kind: 'in' | 'out' | 'transfer_in' | 'transfer_out' | 'stocktake' | 'dispatch' | 'return';
  delta: Decimal;
  quantity_after: Decimal;
  reason: string;
  transfer_id: string | null;
  ref_type: string | null;
  ref_id: string | null;
  actor_id: string | null;
  at: Timestamp;
}

export interface ImportJobTable {
  id: string;
  module: string;
  entity: string;
  org_id: string;
  org_path: string;
  filename: string;
  file: Uint8Array | null;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  total_rows: Generated<number>;
  processed_rows: Generated<number>;
  inserted: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  error_count: Generated<number>;
  errors: ColumnType<ImportRowError[], string | undefined, string>;
  failure: string | null;
  created_by: string;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

/** One rejected cell or row of an import: 1-based sheet row, column header, reason (zh-CN). */
export interface ImportRowError {
  row: number;
  column: string | null;
  reason: string;
}

export type WarningColourCol = 'blue' | 'yellow' | 'orange' | 'red';
export type WarningStatusCol = 'draft' | 'submitted' | 'approved' | 'published' | 'superseded' | 'cancelled' | 'expired';
type JsonCol<T> = ColumnType<T, string | null | undefined, string | null>;

export interface WarningTypeTable {
  code: string;
  name_zh: string;
  name_en: string;
  colours: WarningColourCol[];
  sort: Generated<number>;
}

export interface WarningGuideTable {
  type_code: string;
  colour: WarningColourCol;
  instruction_zh: string;
}

export interface WarningTable {
  id: string;
  org_id: string;
  org_path: string;
  source: 'internal' | 'external';
  status: WarningStatusCol;
  type_code: string;
  colour: WarningColourCol | null;
  headline: string;
  description: string;
  instruction: Generated<string>;
  en: JsonCol<{ headline: string; description: string; instruction?: string } | null>;
  audience: string | null;
  channels: Generated<string[]>;
  area_desc: string;
  division_codes: Generated<string[]>;
  /** geometry(Polygon, 4326), written with ST_GeomFromGeoJSON. */
  polygon: unknown;
  circle: JsonCol<{ lng: number; lat: number; radiusKm: number } | null>;
  /** geometry(Geometry, 4326): the whole area (divisions ∪ polygon ∪ circle), for the map and recipients. */
  geom: unknown;
  effective_at: Timestamp | null;
  onset_at: Timestamp | null;
  expires_at: Timestamp | null;
  version: Generated<number>;
  previous_id: string | null;
  superseded_by_id: string | null;
  identifier: string | null;
  sender: string | null;
  sent_at: Timestamp | null;
  msg_type: 'Alert' | 'Update' | 'Cancel' | null;
  cap_xml: string | null;
  gb_xml: string | null;
  raw_format: 'cap' | 'gb' | null;
  signature_status: 'valid' | 'invalid' | 'unsigned' | null;
  signer: string | null;
  feed_id: string | null;
  reject_reason: string | null;
  cancel_reason: string | null;
  created_by: string | null;
  created_by_name: string | null;
  submitted_by: string | null;
  submitted_at: Timestamp | null;
  approved_by: string | null;
  approved_by_name: string | null;
  approved_at: Timestamp | null;
  published_by: string | null;
  published_at: Timestamp | null;
  ended_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WarningFeedTable {
  id: string;
  name: string;
  url: string;
  kind: 'cap' | 'atom';
  interval_seconds: number;
  enabled: Generated<boolean>;
  org_id: string;
  org_path: string;
  last_status: 'ok' | 'error' | null;
  last_error: string | null;
  last_polled_at: Timestamp | null;
  last_items: number | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WarningImportLogTable {
  id: string;
  feed_id: string | null;
  content_sha256: string;
  outcome: 'created' | 'updated' | 'cancelled' | 'duplicate' | 'rejected';
  identifier: string | null;
  sender: string | null;
  msg_type: string | null;
  signature_status: 'valid' | 'invalid' | 'unsigned' | null;
  warning_id: string | null;
  error: string | null;
  actor_id: string | null;
  received_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface Database {
  code_table: CodeTableTable;
  admin_division: AdminDivisionTable;
  org: OrgTable;
  app_user: AppUserTable;
  password_history: PasswordHistoryTable;
  role: RoleTable;
  user_role: UserRoleTable;
  session: SessionTable;
  ip_lockout: IpLockoutTable;
  api_token: ApiTokenTable;
  setting: SettingTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  notification: NotificationTable;
  incident: IncidentTable;
  incident_timeline: IncidentTimelineTable;
  incident_attachment: IncidentAttachmentTable;
  grading_rule: GradingRuleTable;
  deadline_rule: DeadlineRuleTable;
  incident_report: IncidentReportTable;
  instruction: InstructionTable;
  instruction_target: InstructionTargetTable;
  report_deadline: ReportDeadlineTable;
  duty_shift: DutyShiftTable;
  duty_person: DutyPersonTable;
  duty_swap: DutySwapTable;
  duty_handover: DutyHandoverTable;
  duty_log: DutyLogTable;
  duty_check: DutyCheckTable;
  duty_import_error: DutyImportErrorTable;
  resource: ResourceTable;
  resource_history: ResourceHistoryTable;
  stock_line: StockLineTable;
  stock_movement: StockMovementTable;
  import_job: ImportJobTable;
  warning_type: WarningTypeTable;
  warning_guide: WarningGuideTable;
  warning: WarningTable;
  warning_feed: WarningFeedTable;
  warning_import_log: WarningImportLogTable;
}

export type OrgRow = Selectable<OrgTable>;
export type UserRow = Selectable<AppUserTable>;
export type NewUser = Insertable<AppUserTable>;
export type AuditRow = Selectable<AuditLogTable>;

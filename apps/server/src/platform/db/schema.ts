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

/** Every table Vigil owns. Modules add theirs here with their migration. */
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
}

export type OrgRow = Selectable<OrgTable>;
export type UserRow = Selectable<AppUserTable>;
export type NewUser = Insertable<AppUserTable>;
export type AuditRow = Selectable<AuditLogTable>;

import { readFileSync } from 'node:fs';
/**
 * The authorisation matrix: every route the server mounts, read from the router itself, must be
 * classified below. Then, for each route: no credentials → 401; a signed-in user lacking the
 * permission → 403 (and a holder is let through); a record of another org → 404. And every write
 * route refuses malformed or hostile input with a 400 naming the field, writing nothing.
 *
 * A new route that is not classified here fails the inventory test with its name.
 */
import { BUILTIN_ROLES, DEFAULT_SECURITY_POLICY, type Permission } from '@vigil/shared';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureIncident } from '../src/modules/incidents/incidents.test-support.js';
import { fixtureInstruction, fixtureReport } from '../src/modules/reporting/reporting.test-support.js';
import { fixtureDuty, type DutyFixtures } from '../src/modules/duty/duty.test-support.js';
import { fixtureStock } from '../src/modules/resources/resources.test-support.js';
import { fixtureFeed, fixtureWarning } from '../src/modules/warnings/warnings.test-support.js';
import { fixtureImportJob } from '../src/modules/resources/resource-import.test-support.js';
import { fixtureDelivery, fixtureSubscriber } from '../src/modules/notify/notify.test-support.js';
import { fixtureDevice, fixtureDeviceImport, fixtureInstallation } from '../src/modules/monitoring/device.test-support.js';
import { fixtureAlarms, type AlarmFixtures } from '../src/modules/monitoring/alarm.test-support.js';
import { fixturePlan } from '../src/modules/plans/plans.test-support.js';
import { fixtureResponse } from '../src/modules/command/command.test-support.js';
import { signIn } from '../src/modules/users/test-support.js';
import { sha256Hex } from '../src/platform/auth/tokens.js';
import { newId } from '../src/platform/ids.js';
import { fixtureTracker } from '../src/modules/tracking/tracking.test-support.js';
import { startTestApp, TEST_DEMO_PASSWORD, type Client, type TestApp } from './harness.js';

type Access =
  | { kind: 'public'; why: string }
  | { kind: 'websocket'; why: string }
  /** Any signed-in session, acting on the caller's own account or login step. */
  | { kind: 'session'; why: string }
  /** Holding at least one of the permissions. */
  | { kind: 'perm'; perms: Permission[] }
  /** A monitoring device's own credentials (`Authorization: Device code:secret`), not a user's: 401 without them. */
  | { kind: 'device'; why: string };

interface Fixtures {
  fengzeOrg: string;
  fengzeUser: string;
  fengzeToken: string;
  fengzeSession: string;
  fengzeNotification: string;
  fengzeIncident: string;
  fengzeReport: string;
  fengzeInstruction: string;
  duty: DutyFixtures;
  fengzeStock: { warehouse: string; line: string };
  fengzeWarning: string;
  fengzeFeed: string;
  fengzeImport: string;
  fengzeDelivery: string;
  fengzeSubscriber: string;
  fengzeDevice: string;
  fengzeInstallation: string;
  fengzeDeviceImport: string;
  fengzeAlarms: AlarmFixtures;
  fengzePlan: string;
  fengzeCommand: { incident: string; response: string; task: string };
  fengzeTracker: string;
}

type Scope = { global: string } | { as: string; params: (fx: Fixtures) => Record<string, string> };

interface Entry {
  access: Access;
  /** Values that pass validation, so the guard is what answers. Path params default to a random UUID. */
  sample?: { params?: Record<string, string>; query?: string; body?: Record<string, unknown> };
  /** Required for routes with path parameters: who asks for which other-org record, or why there is none. */
  scope?: Scope;
  /** Body fields that take any text by design (credentials, labels): hostile text must not cause a 5xx. */
  freeText?: Record<string, string>;
  /** A route only a session at another login stage may call: its bad-input cases live in this test file. */
  badInputCoveredBy?: string;
}

const perm = (...perms: Permission[]): Access => ({ kind: 'perm', perms });
const session = (why: string): Access => ({ kind: 'session', why });
const open = (why: string): Access => ({ kind: 'public', why });
const RANDOM = '01970000-0000-7000-8000-000000000000';

/** Public route prefixes (static documentation). */
const PUBLIC_PREFIXES: Record<string, string> = { '/api/docs': 'OpenAPI UI and specification' };

const ROLE_SAMPLE = { nameZh: '矩阵角色', nameEn: 'Matrix role', permissions: ['incident.read'] };
const INCIDENT_TEXT = 'free text of an incident (title, address, reasons), stored as data and escaped wherever shown';
const INCIDENT_SCOPE: Scope = { as: 'duty-jinjiang', params: (fx) => ({ id: fx.fengzeIncident }) };
const REPORT_TEXT = 'report, instruction and feedback text, stored as data and escaped wherever shown';
const REPORT_SCOPE: Scope = { as: 'duty-jinjiang', params: (fx) => ({ id: fx.fengzeReport }) };
const INSTRUCTION_SCOPE: Scope = { as: 'duty-jinjiang', params: (fx) => ({ id: fx.fengzeInstruction }) };
const CREDENTIALS = 'credentials are compared with stored hashes, never stored or shown';
const DUTY_TEXT = 'duty desk free text (reasons, notes, log summaries, check messages), stored as data and escaped wherever shown';
const DUTY_SHIFT_SCOPE: Scope = { as: 'duty-jinjiang', params: (fx) => ({ id: fx.duty.shift }) };
const RESOURCE_TEXT = 'resource and stock free text (names, reasons), stored as data and escaped wherever shown';
const RESOURCE_READ_SCOPE: Scope = { as: 'duty-jinjiang', params: (fx) => ({ kind: 'warehouse', id: fx.fengzeStock.warehouse }) };
const WARNING_TEXT = 'warning text (descriptions, notes, reasons), stored as data and escaped wherever shown, including in CAP XML';
const WARNING_READ_SCOPE: Scope = { as: 'duty-jinjiang', params: (fx) => ({ id: fx.fengzeWarning }) };
const WARNING_DRAFT_SCOPE: Scope = { as: 'mx-jj-warn', params: (fx) => ({ id: fx.fengzeWarning }) };
const WARNING_APPROVE_SCOPE: Scope = { as: 'mx-jj-cmd', params: (fx) => ({ id: fx.fengzeWarning }) };
const WARNING_FEED_SCOPE: Scope = { as: 'mx-jj-warn', params: (fx) => ({ id: fx.fengzeFeed }) };
const WARNING_SAMPLE = {
  typeCode: '11B01',
  colour: 'orange',
  description: '矩阵预警',
  area: { divisionCodes: ['350582'] },
  expires: '2030-01-01T00:00:00Z',
  channels: ['in_app'],
};
const FEED_SAMPLE = { name: '矩阵订阅源', url: 'http://127.0.0.1:9/cap.xml', kind: 'cap' };
const SUBSCRIBER_SAMPLE = { name: '矩阵订阅', channel: 'sms', address: '13905951234', divisionCodes: ['350582'], minColour: 'yellow' };
const SUBSCRIBER_SCOPE: Scope = { as: 'mx-jj-cmd', params: (fx) => ({ id: fx.fengzeSubscriber }) };
const DEVICE_SCOPE: Scope = { as: 'mx-jj-warn', params: (fx) => ({ id: fx.fengzeDevice }) };
const INSTALLATION_SCOPE: Scope = { as: 'mx-jj-warn', params: (fx) => ({ id: fx.fengzeInstallation }) };
const DEVICE_IMPORT_SCOPE: Scope = { as: 'mx-jj-warn', params: (fx) => ({ id: fx.fengzeDeviceImport }) };
const MONITORING_TEXT = 'names, sites and reasons of devices and installations, stored as data and escaped wherever shown';
const DEVICE_TYPE_SAMPLE = {
  code: 'mx_matrix_type',
  category: 'lifeline',
  nameZh: '矩阵类型',
  nameEn: 'Matrix type',
  points: [{ metric: 'mx_value', nameZh: '矩阵值', nameEn: 'Matrix value', unit: 'm', rangeMin: 0, rangeMax: 10, h: 5, hh: 8 }],
};
const INSTALLATION_SAMPLE = {
  code: 'MX-MHI-1',
  name: '矩阵危险源',
  location: { lng: 118.6, lat: 24.9 },
  people500m: 10,
  substances: [{ name: '液氨', q: 20 }],
};
const ALARM_SCOPE: Scope = { as: 'mx-jj-warn', params: (fx) => ({ id: fx.fengzeAlarms.alarm }) };
const RULE_SCOPE: Scope = { as: 'mx-jj-warn', params: (fx) => ({ id: fx.fengzeAlarms.rule }) };
const POLICY_SCOPE: Scope = { as: 'mx-jj-warn', params: (fx) => ({ id: fx.fengzeAlarms.policy }) };
const ALARM_TEXT = 'rule names, descriptions and alarm notes, stored as data and escaped wherever shown';
const RULE_SAMPLE = { name: '矩阵规则', deviceTypeCode: 'tank_monitor', definition: { kind: 'threshold', metric: 'tank_level' } };
const POLICY_SAMPLE = { name: '矩阵升级', steps: [{ afterMinutes: 5, orgLevel: 'own' }] };
const RESOURCE_MANAGE_SCOPE: Scope = { as: 'mx-jj-res', params: (fx) => ({ kind: 'warehouse', id: fx.fengzeStock.warehouse }) };
const PLAN_SCOPE: Scope = { as: 'mx-jj-cmd', params: (fx) => ({ id: fx.fengzePlan }) };
const PLAN_TEXT = 'plan names, notes and reasons, stored as data and escaped wherever shown';
const PLAN_SAMPLE = { name: '矩阵预案', level: 'county', type: 'special', eventCodes: ['11B01'] };
const COMMAND_TEXT = 'command free text (task titles, reasons, feedback, log entries), stored as data and escaped wherever shown';
const CONSULT_TEXT = 'consultation messages, conclusions and plot labels, stored as data and escaped wherever shown';
const COMMAND_INCIDENT_SCOPE: Scope = { as: 'mx-jj-cmd', params: (fx) => ({ id: fx.fengzeCommand.incident }) };
const RESPONSE_READ_SCOPE: Scope = { as: 'duty-jinjiang', params: (fx) => ({ id: fx.fengzeCommand.response }) };
const RESPONSE_WRITE_SCOPE: Scope = { as: 'mx-jj-cmd', params: (fx) => ({ id: fx.fengzeCommand.response }) };
const TASK_READ_SCOPE: Scope = { as: 'duty-jinjiang', params: (fx) => ({ id: fx.fengzeCommand.task }) };
const TASK_WRITE_SCOPE: Scope = { as: 'mx-jj-cmd', params: (fx) => ({ id: fx.fengzeCommand.task }) };
const TRACKER_READ_SCOPE: Scope = { as: 'duty-jinjiang', params: (fx) => ({ id: fx.fengzeTracker }) };
const TRACKER_WRITE_SCOPE: Scope = { as: 'mx-jj-cmd', params: (fx) => ({ id: fx.fengzeTracker }) };
const TRACKER_TEXT = 'tracker names, stored as data and escaped wherever shown';

const MATRIX: Record<string, Entry> = {
  'GET /healthz': { access: open('liveness probe') },
  'GET /readyz': { access: open('readiness probe') },
  'GET /metrics': { access: open('Prometheus scrape (network-restricted in deployment)') },
  'GET /api/v1/client-config': { access: open('web app bootstrap before login, no secrets') },
  'POST /api/v1/auth/login': {
    access: open('login'),
    sample: { body: { username: 'viewer', password: TEST_DEMO_PASSWORD } },
    freeText: { username: CREDENTIALS, password: CREDENTIALS },
  },
  'GET /api/v1/ws': { access: { kind: 'websocket', why: 'authenticated at upgrade, closed with 4401 (realtime.int.test.ts)' } },

  'POST /api/v1/auth/logout': { access: session('ends the caller’s own session') },
  'GET /api/v1/auth/password-rules': { access: open('password rules for the hint when choosing a password; not secret') },
  'POST /api/v1/auth/password': {
    access: session('own password (forced change step or voluntary)'),
    sample: { body: { currentPassword: 'Wrong-Pass-1', newPassword: 'New-Pass-2026!' } },
    freeText: { currentPassword: CREDENTIALS, newPassword: CREDENTIALS },
  },
  'GET /api/v1/auth/totp/setup': { access: session('own TOTP enrolment') },
  'POST /api/v1/auth/totp/enroll': { access: session('own TOTP enrolment'), sample: { body: { code: '123456' } } },
  'POST /api/v1/auth/totp': {
    access: session('TOTP login step'),
    sample: { body: { code: '123456' } },
    badInputCoveredBy: 'apps/server/src/modules/auth/totp.int.test.ts',
  },
  'DELETE /api/v1/auth/totp': { access: session('own TOTP'), sample: { body: { code: '123456' } } },
  'GET /api/v1/me': { access: session('the caller') },
  'PATCH /api/v1/me': { access: session('the caller’s preferences'), sample: { body: { locale: 'zh-CN' } } },
  'GET /api/v1/me/sessions': { access: session('the caller’s sessions') },
  'DELETE /api/v1/me/sessions/:id': {
    access: session('the caller’s sessions'),
    sample: { params: { id: 'a'.repeat(64) } },
    scope: { as: 'duty-jinjiang', params: (fx) => ({ id: fx.fengzeSession }) },
  },
  'GET /api/v1/notifications': { access: session('the caller’s notifications') },
  'GET /api/v1/notifications/unread-count': { access: session('the caller’s notifications') },
  'POST /api/v1/notifications/read-all': { access: session('the caller’s notifications') },
  'POST /api/v1/notifications/:id/read': {
    access: session('the caller’s notifications'),
    scope: { as: 'duty-jinjiang', params: (fx) => ({ id: fx.fengzeNotification }) },
  },

  'GET /api/v1/codes': { access: perm('region.read') },
  'GET /api/v1/codes/:code/path': {
    access: perm('region.read'),
    sample: { params: { code: '11A01' } },
    scope: { global: 'national code table, owned by no org' },
  },
  'GET /api/v1/regions': { access: perm('region.read') },
  'GET /api/v1/regions/locate': { access: perm('region.read'), sample: { query: 'lng=118.6&lat=24.9' } },
  'GET /api/v1/regions/boundaries': { access: perm('map.read') },

  'GET /api/v1/orgs': { access: session('org pickers: the caller’s own subtree') },
  'GET /api/v1/orgs/:id': {
    access: session('the caller’s own subtree'),
    scope: { as: 'duty-jinjiang', params: (fx) => ({ id: fx.fengzeOrg }) },
  },
  'POST /api/v1/orgs': {
    access: perm('org.manage'),
    sample: { body: { parentId: RANDOM, name: '矩阵部门', kind: 'department', code: 'mx_dept', divisionCode: '350500' } },
  },
  'PATCH /api/v1/orgs/:id': {
    access: perm('org.manage'),
    sample: { body: { name: '矩阵部门', divisionCode: '350500', status: 'active' } },
    scope: { as: 'mx-jj-sys', params: (fx) => ({ id: fx.fengzeOrg }) },
  },

  'GET /api/v1/users': { access: perm('user.read') },
  'GET /api/v1/users/:id': { access: perm('user.read'), scope: { as: 'mx-jj-sys', params: (fx) => ({ id: fx.fengzeUser }) } },
  'POST /api/v1/users': {
    access: perm('user.manage'),
    sample: {
      body: {
        username: 'mx.user',
        displayName: '矩阵用户',
        orgId: RANDOM,
        phone: '0595-1234567',
        email: 'mx@example.cn',
        roles: [{ roleId: 'viewer', scopeOrgId: RANDOM }],
      },
    },
  },
  'PATCH /api/v1/users/:id': {
    access: perm('user.manage', 'role.manage'),
    sample: { body: { displayName: '矩阵用户', orgId: RANDOM, phone: '0595-1234567', email: 'mx@example.cn', status: 'active' } },
    scope: { as: 'mx-jj-sys', params: (fx) => ({ id: fx.fengzeUser }) },
  },
  'POST /api/v1/users/:id/reset-password': {
    access: perm('user.manage', 'role.manage'),
    scope: { as: 'mx-jj-sys', params: (fx) => ({ id: fx.fengzeUser }) },
  },
  'PUT /api/v1/users/:id/roles': {
    access: perm('user.manage', 'role.manage'),
    sample: { body: { roles: [{ roleId: 'viewer', scopeOrgId: RANDOM }] } },
    scope: { as: 'mx-jj-sys', params: (fx) => ({ id: fx.fengzeUser }) },
  },

  'GET /api/v1/roles': { access: perm('role.read') },
  'GET /api/v1/permissions': { access: perm('role.read') },
  'POST /api/v1/roles': { access: perm('role.manage'), sample: { body: { id: 'mx_role', ...ROLE_SAMPLE } } },
  'PUT /api/v1/roles/:id': {
    access: perm('role.manage'),
    sample: { params: { id: 'mx_role' }, body: ROLE_SAMPLE },
    scope: { global: 'roles are one catalogue for the whole install' },
  },
  'DELETE /api/v1/roles/:id': {
    access: perm('role.manage'),
    sample: { params: { id: 'mx_role_gone' } },
    scope: { global: 'roles are one catalogue for the whole install' },
  },

  'GET /api/v1/audit': { access: perm('audit.read') },
  'GET /api/v1/audit/export': { access: perm('audit.export') },
  'GET /api/v1/audit/verify': { access: perm('audit.read') },

  'GET /api/v1/api-tokens': { access: perm('token.manage') },
  'POST /api/v1/api-tokens': {
    access: perm('token.manage'),
    sample: { body: { name: '矩阵令牌', userId: RANDOM, permissions: ['incident.read'], expiresInDays: 30 } },
    freeText: {
      name: 'an administrator’s label for the token, stored as text and escaped wherever shown',
      'permissions.0': 'checked against the owner’s permissions by the service (after the owner is found)',
    },
  },
  'DELETE /api/v1/api-tokens/:id': {
    access: perm('token.manage'),
    scope: { as: 'mx-jj-sys', params: (fx) => ({ id: fx.fengzeToken }) },
  },

  'GET /api/v1/security/policy': { access: perm('security.manage') },
  'PUT /api/v1/security/policy': { access: perm('security.manage'), sample: { body: { ...DEFAULT_SECURITY_POLICY } } },
  'POST /api/v1/security/users/:id/unlock': {
    access: perm('security.manage'),
    scope: { as: 'mx-jj-sec', params: (fx) => ({ id: fx.fengzeUser }) },
  },

  'POST /api/v1/incidents': {
    access: perm('incident.create'),
    sample: {
      body: { title: '矩阵事件', eventType: '12G03', occurredAt: '2026-01-01T00:00:00Z', address: '泉州市丰泽区', source: 'phone' },
    },
    freeText: { title: INCIDENT_TEXT, address: INCIDENT_TEXT },
  },
  'GET /api/v1/incidents': { access: perm('incident.read') },
  'GET /api/v1/incidents.geojson': { access: perm('incident.read') },
  'GET /api/v1/incidents/export': { access: perm('incident.read') },
  'GET /api/v1/incidents/grading-rules': { access: perm('incident.read') },
  'PUT /api/v1/incidents/grading-rules': {
    access: perm('incident.grade'),
    sample: { body: { rules: [{ category: '12000', criterion: 'dead', grade: 1, threshold: 30 }] } },
  },
  'GET /api/v1/incidents/:id': { access: perm('incident.read'), scope: INCIDENT_SCOPE },
  'PATCH /api/v1/incidents/:id': {
    access: perm('incident.update'),
    sample: { body: { title: '矩阵事件', version: 1 } },
    scope: INCIDENT_SCOPE,
    freeText: { title: INCIDENT_TEXT },
  },
  'POST /api/v1/incidents/:id/status': {
    access: perm('incident.update'),
    sample: { body: { status: 'verified', version: 1 } },
    scope: INCIDENT_SCOPE,
  },
  'POST /api/v1/incidents/:id/merge': {
    access: perm('incident.update'),
    sample: { body: { intoId: RANDOM, reason: '重复接报' } },
    scope: INCIDENT_SCOPE,
    freeText: { reason: INCIDENT_TEXT },
  },
  'POST /api/v1/incidents/:id/grade': {
    access: perm('incident.grade'),
    sample: { body: { grade: 2, reason: '社会影响较大' } },
    scope: { as: 'mx-jj-cmd', params: (fx) => ({ id: fx.fengzeIncident }) },
    freeText: { reason: INCIDENT_TEXT },
  },
  'GET /api/v1/incidents/:id/timeline': { access: perm('incident.read'), scope: INCIDENT_SCOPE },
  'GET /api/v1/incidents/:id/attachments': { access: perm('incident.read'), scope: INCIDENT_SCOPE },
  'POST /api/v1/incidents/:id/attachments': { access: perm('incident.update'), scope: INCIDENT_SCOPE },
  'GET /api/v1/incidents/:id/attachments/:attId': { access: perm('incident.read'), scope: INCIDENT_SCOPE },
  'DELETE /api/v1/incidents/:id/attachments/:attId': { access: perm('incident.update'), scope: INCIDENT_SCOPE },

  'POST /api/v1/incidents/:id/reports': {
    access: perm('incident.report'),
    sample: { body: { kind: 'first', text: '矩阵首报' } },
    scope: INCIDENT_SCOPE,
    freeText: { text: REPORT_TEXT },
  },
  'GET /api/v1/incidents/:id/reports': { access: perm('incident.read'), scope: INCIDENT_SCOPE },
  'POST /api/v1/reports/:id/ack': { access: perm('incident.report'), scope: REPORT_SCOPE },
  'POST /api/v1/reports/:id/forward': {
    access: perm('incident.report'),
    sample: { body: { text: '矩阵转报' } },
    scope: REPORT_SCOPE,
    freeText: { text: REPORT_TEXT },
  },
  'GET /api/v1/reports/inbox': { access: perm('incident.read') },
  'GET /api/v1/reports/overdue': { access: perm('incident.read') },
  'GET /api/v1/reports/stats': { access: perm('incident.read') },
  'GET /api/v1/reports/stats/export': { access: perm('incident.read') },
  'POST /api/v1/incidents/:id/instructions': {
    access: perm('incident.instruct'),
    sample: { body: { text: '矩阵批示', targets: [{ orgId: RANDOM }] } },
    scope: { as: 'mx-jj-cmd', params: (fx) => ({ id: fx.fengzeIncident }) },
    freeText: { text: REPORT_TEXT },
  },
  'GET /api/v1/incidents/:id/instructions': { access: perm('incident.read'), scope: INCIDENT_SCOPE },
  'GET /api/v1/instructions/mine': { access: perm('incident.read') },
  'POST /api/v1/instructions/:id/ack': { access: perm('incident.read'), scope: INSTRUCTION_SCOPE },
  'POST /api/v1/instructions/:id/feedback': {
    access: perm('incident.read'),
    sample: { body: { text: '矩阵反馈' } },
    scope: INSTRUCTION_SCOPE,
    freeText: { text: REPORT_TEXT },
  },

  'GET /api/v1/duty/now': { access: session('on-duty board of the caller’s own subtree; phones masked without duty.read') },
  'GET /api/v1/duty/shifts': { access: perm('duty.read'), sample: { query: 'from=2026-06-01T00:00:00Z&to=2026-07-01T00:00:00Z' } },
  'POST /api/v1/duty/shifts': {
    access: perm('duty.manage'),
    sample: {
      body: {
        orgId: RANDOM,
        startsAt: '2030-06-01T00:00:00Z',
        endsAt: '2030-06-01T10:00:00Z',
        kind: 'day',
        leader: { name: '矩阵领导', phone: '13905951234' },
        officers: [{ name: '矩阵值班员' }],
      },
    },
  },
  'GET /api/v1/duty/shifts/template.xlsx': { access: perm('duty.read') },
  'POST /api/v1/duty/shifts/import': { access: perm('duty.manage'), sample: { query: `orgId=${RANDOM}` } },
  'GET /api/v1/duty/shifts/import-errors/:id.xlsx': {
    access: perm('duty.manage'),
    scope: { as: 'mx-jj-cmd', params: (fx) => ({ id: fx.duty.importError }) },
  },
  'GET /api/v1/duty/shifts/:id': { access: perm('duty.read'), scope: DUTY_SHIFT_SCOPE },
  'PATCH /api/v1/duty/shifts/:id': {
    access: perm('duty.manage'),
    sample: { body: { kind: 'night' } },
    scope: { as: 'mx-jj-cmd', params: (fx) => ({ id: fx.duty.shift }) },
  },
  'DELETE /api/v1/duty/shifts/:id': { access: perm('duty.manage'), scope: { as: 'mx-jj-cmd', params: (fx) => ({ id: fx.duty.shift }) } },
  'POST /api/v1/duty/shifts/:id/sign-in': { access: perm('duty.sign'), scope: DUTY_SHIFT_SCOPE },
  'POST /api/v1/duty/shifts/:id/sign-out': { access: perm('duty.sign'), scope: DUTY_SHIFT_SCOPE },
  'GET /api/v1/duty/swaps': { access: perm('duty.read') },
  'POST /api/v1/duty/swaps': {
    access: perm('duty.sign'),
    sample: { body: { shiftId: RANDOM, fromPerson: RANDOM, toUserId: RANDOM, reason: '矩阵换班' } },
    freeText: { reason: DUTY_TEXT },
  },
  'POST /api/v1/duty/swaps/:id/approve': {
    access: perm('duty.manage'),
    sample: { body: { note: '同意' } },
    scope: { as: 'mx-jj-cmd', params: (fx) => ({ id: fx.duty.swap }) },
    freeText: { note: DUTY_TEXT },
  },
  'POST /api/v1/duty/swaps/:id/reject': {
    access: perm('duty.manage'),
    sample: { body: { note: '不同意' } },
    scope: { as: 'mx-jj-cmd', params: (fx) => ({ id: fx.duty.swap }) },
    freeText: { note: DUTY_TEXT },
  },
  'GET /api/v1/duty/handovers': { access: perm('duty.read') },
  'POST /api/v1/duty/handovers': {
    access: perm('duty.sign'),
    sample: { body: { fromShiftId: RANDOM, toShiftId: RANDOM, notes: '矩阵交接' } },
    freeText: { notes: DUTY_TEXT },
  },
  'GET /api/v1/duty/handovers/:id': {
    access: perm('duty.read'),
    scope: { as: 'duty-jinjiang', params: (fx) => ({ id: fx.duty.handover }) },
  },
  'POST /api/v1/duty/handovers/:id/countersign': {
    access: perm('duty.sign'),
    scope: { as: 'duty-jinjiang', params: (fx) => ({ id: fx.duty.handover }) },
  },
  'GET /api/v1/duty/log': { access: perm('duty.read') },
  'POST /api/v1/duty/log': {
    access: perm('duty.sign'),
    sample: { body: { orgId: RANDOM, kind: 'call_in', caller: '矩阵来电人', callerPhone: '13905951234', summary: '矩阵日志' } },
    freeText: { summary: DUTY_TEXT },
  },
  'GET /api/v1/duty/checks': { access: perm('duty.read') },
  'GET /api/v1/duty/checks/stats': { access: perm('duty.read'), sample: { query: 'from=2026-06-01T00:00:00Z&to=2026-07-01T00:00:00Z' } },
  'POST /api/v1/duty/checks': {
    access: perm('duty.manage'),
    sample: { body: { orgId: RANDOM, message: '矩阵查岗' } },
    freeText: { message: DUTY_TEXT },
  },
  'GET /api/v1/duty/checks/:id': { access: perm('duty.read'), scope: { as: 'duty-jinjiang', params: (fx) => ({ id: fx.duty.check }) } },
  'POST /api/v1/duty/checks/:id/ack': {
    access: perm('duty.sign'),
    scope: { as: 'duty-jinjiang', params: (fx) => ({ id: fx.duty.check }) },
  },
  'GET /api/v1/duty/settings': { access: perm('duty.read') },
  'PUT /api/v1/duty/settings': { access: perm('config.manage'), sample: { body: { checkAckMinutes: 5 } } },
  'GET /api/v1/duty/daily-report': { access: perm('duty.read'), sample: { query: 'date=2026-06-01' } },

  'GET /api/v1/resources/summary': { access: perm('resource.read') },
  'GET /api/v1/resources/:kind': {
    access: perm('resource.read'),
    sample: { params: { kind: 'team' } },
    scope: { global: 'the kind is a category, not a record; the list holds only the caller’s subtree' },
  },
  'POST /api/v1/resources/:kind': {
    access: perm('resource.manage'),
    sample: {
      params: { kind: 'team' },
      body: {
        externalCode: 'MX-TEAM-1',
        name: '矩阵救援队',
        typeCode: '42E16',
        status: 'available',
        location: { lng: 118.6137, lat: 24.8963 },
        attrs: { level: 'city', headcount: 30 },
      },
    },
    scope: { global: 'the kind is a category, not a record; the owning org is checked against the caller’s subtree' },
    freeText: { name: RESOURCE_TEXT },
  },
  'GET /api/v1/resources/:kind/:id': {
    access: perm('resource.read'),
    sample: { params: { kind: 'warehouse' } },
    scope: RESOURCE_READ_SCOPE,
  },
  'PUT /api/v1/resources/:kind/:id': {
    access: perm('resource.manage'),
    sample: { params: { kind: 'warehouse' }, body: { name: '矩阵储备库', version: 1 } },
    scope: RESOURCE_MANAGE_SCOPE,
    freeText: { name: RESOURCE_TEXT },
  },
  'POST /api/v1/resources/:kind/:id/archive': {
    access: perm('resource.manage'),
    sample: { params: { kind: 'warehouse' }, body: { reason: '矩阵归档' } },
    scope: RESOURCE_MANAGE_SCOPE,
    freeText: { reason: RESOURCE_TEXT },
  },
  'POST /api/v1/resources/:kind/:id/restore': {
    access: perm('resource.manage'),
    sample: { params: { kind: 'warehouse' }, body: { reason: '矩阵恢复' } },
    scope: RESOURCE_MANAGE_SCOPE,
    freeText: { reason: RESOURCE_TEXT },
  },
  'GET /api/v1/resources/:kind/:id/history': {
    access: perm('resource.read'),
    sample: { params: { kind: 'warehouse' } },
    scope: RESOURCE_READ_SCOPE,
  },
  'GET /api/v1/warehouses/:id/stock': {
    access: perm('resource.read'),
    scope: { as: 'duty-jinjiang', params: (fx) => ({ id: fx.fengzeStock.warehouse }) },
  },
  'POST /api/v1/warehouses/:id/stock': {
    access: perm('resource.manage'),
    sample: { body: { materialCode: '43B01', name: '矩阵物资', unit: '件', quantity: 5 } },
    scope: { as: 'mx-jj-res', params: (fx) => ({ id: fx.fengzeStock.warehouse }) },
    freeText: { name: RESOURCE_TEXT },
  },
  'GET /api/v1/stock': { access: perm('resource.read') },
  'PUT /api/v1/stock/:lineId': {
    access: perm('resource.manage'),
    sample: { body: { name: '矩阵物资' } },
    scope: { as: 'mx-jj-res', params: (fx) => ({ lineId: fx.fengzeStock.line }) },
    freeText: { name: RESOURCE_TEXT },
  },
  'POST /api/v1/stock/:lineId/adjust': {
    access: perm('resource.manage'),
    sample: { body: { kind: 'in', quantity: 1, reason: '矩阵入库' } },
    scope: { as: 'mx-jj-res', params: (fx) => ({ lineId: fx.fengzeStock.line }) },
    freeText: { reason: RESOURCE_TEXT },
  },
  'GET /api/v1/stock/:lineId/movements': {
    access: perm('resource.read'),
    scope: { as: 'duty-jinjiang', params: (fx) => ({ lineId: fx.fengzeStock.line }) },
  },
  'GET /api/v1/imports/templates/:entity': {
    access: perm('resource.manage'),
    sample: { params: { entity: 'team' } },
    scope: { global: 'the entity is a category (a resource kind or stock), not a record' },
  },
  'POST /api/v1/imports/:id': {
    access: perm('resource.manage'),
    sample: { params: { id: 'team' } },
    scope: { global: 'the entity is a category; the job belongs to the uploader’s org and rows to their subtree' },
  },
  'GET /api/v1/imports': { access: perm('resource.read') },
  'GET /api/v1/imports/:id': { access: perm('resource.read'), scope: { as: 'mx-jj-res', params: (fx) => ({ id: fx.fengzeImport }) } },
  'GET /api/v1/imports/:id/errors.xlsx': {
    access: perm('resource.manage'),
    scope: { as: 'mx-jj-res', params: (fx) => ({ id: fx.fengzeImport }) },
  },

  'GET /api/v1/monitoring/device-types': { access: perm('monitoring.read') },
  'POST /api/v1/monitoring/device-types': {
    access: perm('monitoring.manage'),
    sample: { body: DEVICE_TYPE_SAMPLE },
    freeText: {
      nameZh: MONITORING_TEXT,
      nameEn: MONITORING_TEXT,
      'points.0.nameZh': MONITORING_TEXT,
      'points.0.nameEn': MONITORING_TEXT,
      'points.0.unit': MONITORING_TEXT,
    },
  },
  'GET /api/v1/monitoring/device-types/:code': {
    access: perm('monitoring.read'),
    sample: { params: { code: 'rain_gauge' } },
    scope: { global: 'device types are a city-wide catalogue, not org records' },
  },
  'PUT /api/v1/monitoring/device-types/:code': {
    access: perm('monitoring.manage'),
    sample: { params: { code: 'mx_no_such_type' }, body: { nameZh: '矩阵类型' } },
    scope: { global: 'device types are a city-wide catalogue, not org records' },
    freeText: { nameZh: MONITORING_TEXT },
  },
  'DELETE /api/v1/monitoring/device-types/:code': {
    access: perm('monitoring.manage'),
    sample: { params: { code: 'mx_no_such_type' } },
    scope: { global: 'device types are a city-wide catalogue, not org records' },
  },
  'GET /api/v1/monitoring/devices': { access: perm('monitoring.read') },
  'POST /api/v1/monitoring/devices': {
    access: perm('monitoring.manage'),
    sample: { body: { code: 'MX-DEV-1', typeCode: 'rain_gauge', name: '矩阵设备', location: { lng: 118.6, lat: 24.9 } } },
    freeText: { name: MONITORING_TEXT },
  },
  'GET /api/v1/monitoring/devices/:id': { access: perm('monitoring.read'), scope: DEVICE_SCOPE },
  'PUT /api/v1/monitoring/devices/:id': {
    access: perm('monitoring.manage'),
    sample: { body: { name: '矩阵设备', version: 1 } },
    scope: DEVICE_SCOPE,
    freeText: { name: MONITORING_TEXT },
  },
  'POST /api/v1/monitoring/devices/:id/archive': {
    access: perm('monitoring.manage'),
    sample: { body: { reason: '矩阵归档' } },
    scope: DEVICE_SCOPE,
    freeText: { reason: MONITORING_TEXT },
  },
  'POST /api/v1/monitoring/devices/:id/rotate-secret': { access: perm('monitoring.manage'), scope: DEVICE_SCOPE },
  'PUT /api/v1/monitoring/devices/:id/points/:pointId': {
    access: perm('monitoring.manage'),
    sample: { body: { h: 5, version: 1 } },
    scope: { as: 'mx-jj-warn', params: (fx) => ({ id: fx.fengzeDevice, pointId: RANDOM }) },
  },
  'GET /api/v1/monitoring/devices/:id/latest': { access: perm('monitoring.read'), scope: DEVICE_SCOPE },
  'GET /api/v1/monitoring/installations': { access: perm('monitoring.read') },
  'POST /api/v1/monitoring/installations': {
    access: perm('monitoring.manage'),
    sample: { body: INSTALLATION_SAMPLE },
    freeText: { name: MONITORING_TEXT, 'substances.0.name': MONITORING_TEXT },
  },
  'GET /api/v1/monitoring/installations/:id': { access: perm('monitoring.read'), scope: INSTALLATION_SCOPE },
  'PUT /api/v1/monitoring/installations/:id': {
    access: perm('monitoring.manage'),
    sample: { body: { people500m: 20, version: 1 } },
    scope: INSTALLATION_SCOPE,
  },
  'POST /api/v1/monitoring/installations/:id/archive': {
    access: perm('monitoring.manage'),
    sample: { body: { reason: '矩阵归档' } },
    scope: INSTALLATION_SCOPE,
    freeText: { reason: MONITORING_TEXT },
  },
  'GET /api/v1/monitoring/device-imports/template': { access: perm('monitoring.manage') },
  'POST /api/v1/monitoring/device-imports': { access: perm('monitoring.manage') },
  'GET /api/v1/monitoring/device-imports': { access: perm('monitoring.read') },
  'GET /api/v1/monitoring/device-imports/:id': { access: perm('monitoring.read'), scope: DEVICE_IMPORT_SCOPE },
  'GET /api/v1/monitoring/device-imports/:id/errors.xlsx': { access: perm('monitoring.manage'), scope: DEVICE_IMPORT_SCOPE },
  'POST /api/v1/monitoring/device-imports/:id/credentials': { access: perm('monitoring.manage'), scope: DEVICE_IMPORT_SCOPE },

  'GET /api/v1/monitoring/rules': { access: perm('monitoring.read') },
  'POST /api/v1/monitoring/rules': { access: perm('monitoring.manage'), sample: { body: RULE_SAMPLE }, freeText: { name: ALARM_TEXT } },
  'POST /api/v1/monitoring/rules/test': {
    access: perm('monitoring.manage'),
    sample: { body: { deviceTypeCode: 'tank_monitor', definition: RULE_SAMPLE.definition } },
  },
  'GET /api/v1/monitoring/rules/:id': { access: perm('monitoring.read'), scope: RULE_SCOPE },
  'PUT /api/v1/monitoring/rules/:id': {
    access: perm('monitoring.manage'),
    sample: { body: { ...RULE_SAMPLE, version: 1 } },
    scope: RULE_SCOPE,
    freeText: { name: ALARM_TEXT },
  },
  'POST /api/v1/monitoring/rules/:id/enable': { access: perm('monitoring.manage'), sample: { body: { version: 1 } }, scope: RULE_SCOPE },
  'POST /api/v1/monitoring/rules/:id/disable': { access: perm('monitoring.manage'), sample: { body: { version: 1 } }, scope: RULE_SCOPE },
  'POST /api/v1/monitoring/rules/:id/archive': { access: perm('monitoring.manage'), sample: { body: { version: 1 } }, scope: RULE_SCOPE },
  'GET /api/v1/monitoring/escalation-policies': { access: perm('monitoring.read') },
  'POST /api/v1/monitoring/escalation-policies': {
    access: perm('monitoring.manage'),
    sample: { body: POLICY_SAMPLE },
    freeText: { name: ALARM_TEXT },
  },
  'GET /api/v1/monitoring/escalation-policies/:id': { access: perm('monitoring.read'), scope: POLICY_SCOPE },
  'PUT /api/v1/monitoring/escalation-policies/:id': {
    access: perm('monitoring.manage'),
    sample: { body: { ...POLICY_SAMPLE, version: 1 } },
    scope: POLICY_SCOPE,
    freeText: { name: ALARM_TEXT },
  },
  'POST /api/v1/monitoring/escalation-policies/:id/archive': {
    access: perm('monitoring.manage'),
    sample: { body: { version: 1 } },
    scope: POLICY_SCOPE,
  },
  'GET /api/v1/monitoring/alarms': { access: perm('monitoring.read') },
  'GET /api/v1/monitoring/alarms/:id': { access: perm('monitoring.read'), scope: ALARM_SCOPE },
  'POST /api/v1/monitoring/alarms/:id/acknowledge': { access: perm('alarm.handle'), sample: { body: { version: 1 } }, scope: ALARM_SCOPE },
  'POST /api/v1/monitoring/alarms/:id/assign': {
    access: perm('alarm.handle'),
    sample: { body: { version: 1, assigneeId: RANDOM } },
    scope: ALARM_SCOPE,
  },
  'POST /api/v1/monitoring/alarms/:id/comment': {
    access: perm('alarm.handle'),
    sample: { body: { note: '矩阵记录' } },
    scope: ALARM_SCOPE,
    freeText: { note: ALARM_TEXT },
  },
  'POST /api/v1/monitoring/alarms/:id/escalate': { access: perm('alarm.handle'), sample: { body: { version: 1 } }, scope: ALARM_SCOPE },
  'POST /api/v1/monitoring/alarms/:id/close': { access: perm('alarm.handle'), sample: { body: { version: 1 } }, scope: ALARM_SCOPE },
  'POST /api/v1/monitoring/alarms/:id/false-alarm': {
    access: perm('alarm.handle'),
    sample: { body: { version: 1, falseAlarm: true } },
    scope: ALARM_SCOPE,
  },
  'POST /api/v1/monitoring/alarms/:id/convert': { access: perm('alarm.handle'), sample: { body: { version: 1 } }, scope: ALARM_SCOPE },
  'GET /api/v1/monitoring/alarms/:id/incident-draft': { access: perm('alarm.handle'), scope: ALARM_SCOPE },
  'GET /api/v1/monitoring/alarms/:id/assignees': { access: perm('alarm.handle'), scope: ALARM_SCOPE },
  'GET /api/v1/monitoring/alarm-stats': { access: perm('monitoring.read') },
  'GET /api/v1/monitoring/points/:id/readings': {
    access: perm('monitoring.read'),
    sample: { query: 'from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z' },
    scope: { as: 'mx-jj-warn', params: (fx) => ({ id: fx.fengzeAlarms.point }) },
  },
  'GET /api/v1/monitoring/dashboard/devices': { access: perm('monitoring.read') },
  'GET /api/v1/monitoring/ingest/status': { access: perm('monitoring.read') },
  'GET /api/v1/monitoring/dead-letters': { access: perm('monitoring.read') },
  'POST /api/v1/telemetry': {
    access: { kind: 'device', why: 'device telemetry over HTTP, authenticated by the device code and secret' },
    // Credentials are checked before the body is read, so anonymous bad input is a 401; the 400s are tested there.
    badInputCoveredBy: 'apps/server/src/modules/monitoring/ingest.int.test.ts',
  },

  'GET /api/v1/map/layers': { access: perm('map.read') },
  'GET /api/v1/tiles/:layer/:z/:x/:y.mvt': {
    access: perm('map.read'),
    sample: { params: { layer: 'team', z: '12', x: '3398', y: '1757' } },
    scope: { global: 'a tile is a place, not a record; org scope is applied inside the tile query (gis.int.test.ts)' },
  },
  'GET /api/v1/map/search': { access: perm('map.read'), sample: { query: 'q=qz' } },
  'POST /api/v1/map/spatial-query': {
    access: perm('map.read'),
    sample: { body: { shape: { type: 'circle', center: { lng: 118.6, lat: 24.9 }, radiusM: 1000 } } },
  },
  'GET /api/v1/map/around': { access: perm('map.read'), sample: { query: 'lng=118.6&lat=24.9' } },

  'GET /api/v1/warnings/types': { access: perm('warning.read') },
  'GET /api/v1/warnings': { access: perm('warning.read') },
  'GET /api/v1/warnings/map': { access: perm('warning.read') },
  'POST /api/v1/warnings': { access: perm('warning.draft'), sample: { body: WARNING_SAMPLE }, freeText: { description: WARNING_TEXT } },
  'GET /api/v1/warnings/:id': { access: perm('warning.read'), scope: WARNING_READ_SCOPE },
  'PUT /api/v1/warnings/:id': {
    access: perm('warning.draft'),
    sample: { body: WARNING_SAMPLE },
    scope: WARNING_DRAFT_SCOPE,
    freeText: { description: WARNING_TEXT },
  },
  'POST /api/v1/warnings/:id/submit': { access: perm('warning.draft'), scope: WARNING_DRAFT_SCOPE },
  'POST /api/v1/warnings/:id/publish': { access: perm('warning.draft'), scope: WARNING_DRAFT_SCOPE },
  'POST /api/v1/warnings/:id/revise': { access: perm('warning.draft'), scope: WARNING_DRAFT_SCOPE },
  'POST /api/v1/warnings/:id/approve': {
    access: perm('warning.approve'),
    sample: { body: { note: '同意' } },
    scope: WARNING_APPROVE_SCOPE,
    freeText: { note: WARNING_TEXT },
  },
  'POST /api/v1/warnings/:id/reject': {
    access: perm('warning.approve'),
    sample: { body: { reason: '矩阵退回' } },
    scope: WARNING_APPROVE_SCOPE,
    freeText: { reason: WARNING_TEXT },
  },
  'POST /api/v1/warnings/:id/cancel': {
    access: perm('warning.approve'),
    sample: { body: { reason: '矩阵解除' } },
    scope: WARNING_APPROVE_SCOPE,
    freeText: { reason: WARNING_TEXT },
  },
  'POST /api/v1/warnings/import': { access: perm('warning.import') },
  'GET /api/v1/warnings/imports': { access: perm('warning.import') },
  'GET /api/v1/warnings/feeds': { access: perm('warning.import') },
  'POST /api/v1/warnings/feeds': { access: perm('warning.import'), sample: { body: FEED_SAMPLE } },
  'PUT /api/v1/warnings/feeds/:id': { access: perm('warning.import'), sample: { body: FEED_SAMPLE }, scope: WARNING_FEED_SCOPE },
  'DELETE /api/v1/warnings/feeds/:id': { access: perm('warning.import'), scope: WARNING_FEED_SCOPE },
  'POST /api/v1/warnings/feeds/:id/poll': { access: perm('warning.import'), scope: WARNING_FEED_SCOPE },
  'GET /public/warnings': { access: open('public portal: active warnings') },
  'GET /public/warnings.atom': { access: open('public Atom feed of active warnings (CAP feed conventions)') },
  'GET /public/warnings/:identifier': { access: open('public warning detail') },
  'GET /public/warnings/:identifier.cap.xml': { access: open('public CAP 1.2 document of a published warning') },
  'GET /public/warnings/:identifier.gb.xml': { access: open('public GB/T 35965.1 document of a published warning') },
  'GET /public/warnings.geojson': { access: open('public portal: areas of the warnings in force') },
  'GET /public/boundaries': { access: open('public portal: admin boundaries (public data)'), sample: { query: 'level=county' } },
  'GET /public/shelters/nearby': {
    access: open('public portal: nearest open shelters, public fields only'),
    sample: { query: 'lng=118.6&lat=24.9' },
  },

  'GET /api/v1/notify/deliveries': { access: perm('notify.read') },
  'GET /api/v1/notify/summary': { access: perm('notify.read'), sample: { query: `sourceKind=warning&sourceId=${RANDOM}` } },
  'GET /api/v1/notify/channels': { access: perm('notify.read') },
  'POST /api/v1/notify/deliveries/:id/retry': {
    access: perm('notify.manage'),
    scope: { as: 'mx-jj-cmd', params: (fx) => ({ id: fx.fengzeDelivery }) },
  },
  'GET /api/v1/notify/subscribers': { access: perm('notify.manage') },
  'POST /api/v1/notify/subscribers': { access: perm('notify.manage'), sample: { body: SUBSCRIBER_SAMPLE } },
  'PUT /api/v1/notify/subscribers/:id': { access: perm('notify.manage'), sample: { body: SUBSCRIBER_SAMPLE }, scope: SUBSCRIBER_SCOPE },
  'DELETE /api/v1/notify/subscribers/:id': { access: perm('notify.manage'), scope: SUBSCRIBER_SCOPE },
  'POST /api/v1/notify/receipts/sms': {
    access: open('SMS gateway delivery receipts: the handler requires SMS_GATEWAY_TOKEN as a bearer token (403, audited, without it)'),
    sample: { body: { id: RANDOM, status: 'delivered' } },
  },

  'GET /api/v1/plans': { access: perm('plan.read') },
  'POST /api/v1/plans': { access: perm('plan.manage'), sample: { body: PLAN_SAMPLE }, freeText: { name: PLAN_TEXT } },
  'GET /api/v1/plans/match': { access: perm('plan.read'), sample: { query: `incidentId=${RANDOM}` } },
  'POST /api/v1/plans/import': { access: perm('plan.manage') },
  'GET /api/v1/plans/:id': { access: perm('plan.read'), scope: PLAN_SCOPE },
  'PUT /api/v1/plans/:id': { access: perm('plan.manage'), sample: { body: PLAN_SAMPLE }, scope: PLAN_SCOPE, freeText: { name: PLAN_TEXT } },
  'GET /api/v1/plans/:id/versions': { access: perm('plan.read'), scope: PLAN_SCOPE },
  'POST /api/v1/plans/:id/versions': { access: perm('plan.manage'), scope: PLAN_SCOPE },
  'GET /api/v1/plans/:id/diff': { access: perm('plan.read'), sample: { query: `against=${RANDOM}` }, scope: PLAN_SCOPE },
  'GET /api/v1/plans/:id/export.json': { access: perm('plan.read'), scope: PLAN_SCOPE },
  'GET /api/v1/plans/:id/export.xlsx': { access: perm('plan.read'), scope: PLAN_SCOPE },
  'POST /api/v1/plans/:id/submit': { access: perm('plan.manage'), scope: PLAN_SCOPE },
  'POST /api/v1/plans/:id/approve': {
    access: perm('plan.approve'),
    sample: { body: { note: '同意' } },
    scope: PLAN_SCOPE,
    freeText: { note: PLAN_TEXT },
  },
  'POST /api/v1/plans/:id/reject': {
    access: perm('plan.approve'),
    sample: { body: { reason: '矩阵退回' } },
    scope: PLAN_SCOPE,
    freeText: { reason: PLAN_TEXT },
  },
  'POST /api/v1/plans/:id/activate': { access: perm('plan.approve'), scope: PLAN_SCOPE },
  'POST /api/v1/plans/:id/retire': { access: perm('plan.approve'), scope: PLAN_SCOPE },

  'POST /api/v1/incidents/:id/responses': {
    access: perm('command.launch'),
    sample: { body: { level: 'IV' } },
    scope: COMMAND_INCIDENT_SCOPE,
  },
  'POST /api/v1/incidents/:id/command-log': {
    access: perm('command.dispatch'),
    sample: { body: { summary: '矩阵日志' } },
    scope: COMMAND_INCIDENT_SCOPE,
    freeText: { summary: COMMAND_TEXT },
  },
  'GET /api/v1/responses': { access: perm('command.read'), sample: { query: `incidentId=${RANDOM}` } },
  'GET /api/v1/responses/:id': { access: perm('command.read'), scope: RESPONSE_READ_SCOPE },
  'POST /api/v1/responses/:id/level': {
    access: perm('command.launch'),
    sample: { body: { level: 'III', reason: '矩阵理由' } },
    scope: RESPONSE_WRITE_SCOPE,
    freeText: { reason: COMMAND_TEXT },
  },
  'POST /api/v1/responses/:id/terminate': {
    access: perm('command.launch'),
    sample: { body: { reason: '矩阵理由' } },
    scope: RESPONSE_WRITE_SCOPE,
    freeText: { reason: COMMAND_TEXT },
  },
  'GET /api/v1/responses/:id/tasks': { access: perm('command.read'), scope: RESPONSE_READ_SCOPE },
  'POST /api/v1/responses/:id/tasks': {
    access: perm('command.dispatch'),
    sample: { body: { title: '矩阵任务' } },
    scope: RESPONSE_WRITE_SCOPE,
    freeText: { title: COMMAND_TEXT },
  },
  'GET /api/v1/tasks/mine': { access: perm('command.read') },
  'GET /api/v1/responses/active': { access: perm('command.read') },
  'GET /api/v1/responses/:id/suggestions': { access: perm('command.read'), scope: RESPONSE_READ_SCOPE },
  'GET /api/v1/incidents/:id/situation.docx': { access: perm('command.read'), scope: COMMAND_INCIDENT_SCOPE },
  'POST /api/v1/tasks/:id/photos': { access: perm('task.update'), scope: TASK_WRITE_SCOPE },
  'GET /api/v1/tasks/:id/photos/:photoId': { access: perm('command.read'), scope: TASK_READ_SCOPE },
  'POST /api/v1/incidents/:id/consult/attachments': { access: perm('command.read'), scope: COMMAND_INCIDENT_SCOPE },
  'GET /api/v1/incidents/:id/consult/attachments/:attId': { access: perm('command.read'), scope: COMMAND_INCIDENT_SCOPE },

  'GET /api/v1/tracking/units': { access: perm('command.read') },
  'GET /api/v1/tracking/trackers': { access: perm('command.read') },
  'POST /api/v1/tracking/trackers': {
    access: perm('command.dispatch'),
    sample: { body: { code: 'GPS-MX-1', name: '矩阵终端', subjectKind: 'team', subjectId: RANDOM } },
    freeText: { name: TRACKER_TEXT },
  },
  'GET /api/v1/tracking/trackers/:id': { access: perm('command.read'), scope: TRACKER_READ_SCOPE },
  'PATCH /api/v1/tracking/trackers/:id': {
    access: perm('command.dispatch'),
    sample: { body: { name: '矩阵终端', version: 1 } },
    scope: TRACKER_WRITE_SCOPE,
    freeText: { name: TRACKER_TEXT },
  },
  'POST /api/v1/tracking/trackers/:id/secret': { access: perm('command.dispatch'), scope: TRACKER_WRITE_SCOPE },
  'GET /api/v1/tracking/trackers/:id/track': { access: perm('command.read'), scope: TRACKER_READ_SCOPE },
  'GET /api/v1/tracking/refusals': { access: perm('command.read') },
  'POST /api/v1/tracking/me': { access: perm('task.update'), sample: { body: { lng: 118.6, lat: 24.9 } } },
  'POST /api/v1/tracking/positions': {
    access: { kind: 'device', why: 'field tracker positions over HTTP, authenticated by the tracker code and secret' },
    badInputCoveredBy: 'apps/server/src/modules/tracking/tracking.int.test.ts',
  },
  'GET /api/v1/tasks/:id': { access: perm('command.read'), scope: TASK_READ_SCOPE },
  'PATCH /api/v1/tasks/:id': {
    access: perm('command.dispatch'),
    sample: { body: { version: 1, title: '矩阵任务' } },
    scope: TASK_WRITE_SCOPE,
    freeText: { title: COMMAND_TEXT },
  },
  'POST /api/v1/tasks/:id/transition': {
    access: perm('task.update'),
    sample: { body: { to: 'accepted', version: 1 } },
    scope: TASK_WRITE_SCOPE,
  },
  'GET /api/v1/tasks/:id/materials': { access: perm('command.read'), scope: TASK_READ_SCOPE },
  'POST /api/v1/tasks/:id/materials': {
    access: perm('command.dispatch'),
    sample: { body: { lineId: RANDOM, quantity: 1, note: '矩阵调拨' } },
    scope: TASK_WRITE_SCOPE,
    freeText: { note: COMMAND_TEXT },
  },
  'POST /api/v1/tasks/:id/materials/:dispatchId/return': {
    access: perm('command.dispatch'),
    sample: { body: { quantity: 1, note: '矩阵退回' } },
    scope: TASK_WRITE_SCOPE,
    freeText: { note: COMMAND_TEXT },
  },
  'GET /api/v1/tasks/:id/equipment': { access: perm('command.read'), scope: TASK_READ_SCOPE },
  'POST /api/v1/tasks/:id/equipment': {
    access: perm('command.dispatch'),
    sample: { body: { equipmentId: RANDOM, note: '矩阵调派' } },
    scope: TASK_WRITE_SCOPE,
    freeText: { note: COMMAND_TEXT },
  },
  'POST /api/v1/tasks/:id/equipment/:allocationId/return': {
    access: perm('command.dispatch'),
    sample: { body: { note: '矩阵归还' } },
    scope: TASK_WRITE_SCOPE,
    freeText: { note: COMMAND_TEXT },
  },
  'POST /api/v1/tasks/:id/feedback': {
    access: perm('task.update'),
    sample: { body: { note: '矩阵反馈' } },
    scope: TASK_WRITE_SCOPE,
    freeText: { note: COMMAND_TEXT },
  },
  'GET /api/v1/incidents/:id/situation': { access: perm('command.read'), scope: COMMAND_INCIDENT_SCOPE },
  'GET /api/v1/incidents/:id/situation.pdf': { access: perm('command.read'), scope: COMMAND_INCIDENT_SCOPE },
  'GET /api/v1/assessments': { access: perm('command.read') },
  'GET /api/v1/assessments/:id': { access: perm('command.read'), scope: RESPONSE_READ_SCOPE },
  'GET /api/v1/assessments/:id/report.pdf': { access: perm('command.read'), scope: RESPONSE_READ_SCOPE },
  'PUT /api/v1/assessments/:id/evaluation': {
    access: perm('command.launch'),
    sample: {
      body: {
        evaluation: {
          speed: { score: 3, comment: '矩阵意见' },
          coordination: { score: 3, comment: '' },
          resources: { score: 3, comment: '' },
          reporting: { score: 3, comment: '' },
          overall: { score: 3, comment: '' },
          lessons: '矩阵经验',
        },
        version: 1,
      },
    },
    scope: RESPONSE_WRITE_SCOPE,
    freeText: Object.fromEntries(
      ['speed', 'coordination', 'resources', 'reporting', 'overall', 'lessons'].map((f) => [
        f === 'lessons' ? 'evaluation.lessons' : `evaluation.${f}.comment`,
        COMMAND_TEXT,
      ]),
    ),
  },
  'POST /api/v1/assessments/:id/actions': {
    access: perm('command.launch'),
    sample: { body: { title: '矩阵整改' } },
    scope: RESPONSE_WRITE_SCOPE,
    freeText: { title: COMMAND_TEXT },
  },
  'PATCH /api/v1/assessments/:id/actions/:actionId': {
    access: perm('command.launch'),
    sample: { body: { title: '矩阵整改' } },
    scope: RESPONSE_WRITE_SCOPE,
    freeText: { title: COMMAND_TEXT },
  },
  'DELETE /api/v1/assessments/:id/actions/:actionId': { access: perm('command.launch'), scope: RESPONSE_WRITE_SCOPE },
  'POST /api/v1/assessments/:id/actions/:actionId/close': {
    access: perm('command.launch'),
    sample: { body: { note: '矩阵完成' } },
    scope: RESPONSE_WRITE_SCOPE,
    freeText: { note: COMMAND_TEXT },
  },

  'GET /api/v1/incidents/:id/consult/messages': { access: perm('command.read'), scope: COMMAND_INCIDENT_SCOPE },
  'POST /api/v1/incidents/:id/consult/messages': {
    access: perm('command.read'),
    sample: { body: { body: '矩阵会商消息' } },
    scope: COMMAND_INCIDENT_SCOPE,
    freeText: { body: CONSULT_TEXT },
  },
  'GET /api/v1/incidents/:id/consult/decisions': { access: perm('command.read'), scope: COMMAND_INCIDENT_SCOPE },
  'POST /api/v1/incidents/:id/consult/decisions': {
    access: perm('command.dispatch'),
    sample: { body: { summary: '矩阵会商结论' } },
    scope: COMMAND_INCIDENT_SCOPE,
    freeText: { summary: CONSULT_TEXT },
  },
  'GET /api/v1/incidents/:id/consult/participants': { access: perm('command.read'), scope: COMMAND_INCIDENT_SCOPE },
  'POST /api/v1/incidents/:id/consult/participants': {
    access: perm('command.dispatch'),
    sample: { body: { kind: 'user', refId: RANDOM } },
    scope: COMMAND_INCIDENT_SCOPE,
  },
  'DELETE /api/v1/incidents/:id/consult/participants/:participantId': {
    access: perm('command.dispatch'),
    scope: COMMAND_INCIDENT_SCOPE,
  },
  'GET /api/v1/incidents/:id/plot': { access: perm('command.read'), scope: COMMAND_INCIDENT_SCOPE },
  'POST /api/v1/incidents/:id/plot/features': {
    access: perm('command.dispatch'),
    sample: { body: { symbol: 'command_post', label: '矩阵标绘', geometry: { type: 'Point', coordinates: [118.6, 24.9] } } },
    scope: COMMAND_INCIDENT_SCOPE,
    freeText: { label: CONSULT_TEXT },
  },
  'PATCH /api/v1/incidents/:id/plot/features/:featureId': {
    access: perm('command.dispatch'),
    sample: { body: { version: 1, label: '矩阵标绘' } },
    scope: COMMAND_INCIDENT_SCOPE,
    freeText: { label: CONSULT_TEXT },
  },
  'DELETE /api/v1/incidents/:id/plot/features/:featureId': {
    access: perm('command.dispatch'),
    sample: { query: 'version=1' },
    scope: COMMAND_INCIDENT_SCOPE,
  },
};

/** Every (method, url) the router holds, parsed from `printRoutes`; HEAD is dropped where GET exists. */
function routeInventory(app: FastifyInstance): string[] {
  const found: { method: string; url: string }[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const url = (depth > 0 ? stack[depth - 1]! : '') + m[2]!;
    stack.length = depth;
    stack[depth] = url;
    for (const method of m[3]?.split(', ') ?? []) found.push({ method, url });
  }
  // Cross-check the parse against the router (wildcard routes cannot be looked up by pattern).
  for (const r of found)
    if (!r.url.includes('*') && !app.hasRoute({ method: r.method as 'GET', url: r.url }))
      throw new Error(`route parse error: ${r.method} ${r.url}`);
  const keys = new Set(found.map((r) => `${r.method} ${r.url}`));
  return [...keys].filter((k) => !(k.startsWith('HEAD ') && keys.has(`GET ${k.slice(5)}`))).sort();
}

const isPublicPath = (key: string) => Object.keys(PUBLIC_PREFIXES).some((p) => key.split(' ')[1]!.startsWith(p));

function urlOf(key: string, params: Record<string, string> = {}, query?: string): { method: string; url: string } {
  const [method, path] = key.split(' ') as [string, string];
  const url = path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? RANDOM));
  return { method, url: query ? `${url}?${query}` : url };
}

let t: TestApp;
let fx: Fixtures;
const clients = new Map<string, Client>();

async function as(username: string | null): Promise<Client> {
  if (username === null) return t.anonymous();
  if (!clients.has(username)) clients.set(username, await signIn(t, username));
  return clients.get(username)!;
}

async function send(
  who: Client,
  key: string,
  o: { params?: Record<string, string>; query?: string; body?: unknown; raw?: string; from?: string } = {},
): Promise<LightMyRequestResponse> {
  const { method, url } = urlOf(key, o.params, o.query);
  const headers: Record<string, string> = {
    ...(who.cookie ? { cookie: who.cookie } : {}),
    ...(who.csrf ? { 'x-csrf-token': who.csrf } : {}),
  };
  const req: InjectOptions = { method: method as 'GET', url, headers, ...(o.from ? { remoteAddress: o.from } : {}) };
  if (o.raw !== undefined) req.payload = o.raw;
  else if (o.body !== undefined) req.payload = o.body as object;
  if (o.raw !== undefined) headers['content-type'] = 'application/json';
  return t.request(req);
}

const sampleOf = (key: string) => MATRIX[key]!.sample ?? {};

/** Demo users by built-in role, in the order tried when one lacking (or holding) a permission is needed. */
const DEMO = [
  'viewer',
  'enterprise',
  'teamlead',
  'steward',
  'duty',
  'analyst',
  'inspector',
  'commander',
  'auditor',
  'secadmin',
  'sysadmin',
];
const demoPerms = (u: string) => new Set<string>(BUILTIN_ROLES.find((r) => r.demoUser === u)!.permissions);
const lacking = (perms: Permission[]) => DEMO.find((u) => perms.every((p) => !demoPerms(u).has(p)))!;
const holding = (perms: Permission[]) => DEMO.find((u) => perms.some((p) => demoPerms(u).has(p)))!;

/** Users and records the matrix needs: a role-less account, Jinjiang-scoped administrators, a Fengze user and their records. */
async function buildFixtures(): Promise<Fixtures> {
  const db = t.platform.db;
  const org = async (code: string) => db.selectFrom('org').select(['id', 'path']).where('code', '=', code).executeTakeFirstOrThrow();
  const { password_hash } = await db
    .selectFrom('app_user')
    .select('password_hash')
    .where('username', '=', 'duty')
    .executeTakeFirstOrThrow();
  const addUser = async (username: string, orgCode: string, roleId: string | null) => {
    const o = await org(orgCode);
    const id = newId();
    await db
      .insertInto('app_user')
      .values({
        id,
        username,
        display_name: username,
        org_id: o.id,
        org_path: o.path,
        phone: null,
        email: null,
        password_hash,
        password_changed_at: new Date(),
        must_change_password: false,
        locked_until: null,
        totp_secret: null,
        totp_last_step: null,
        last_login_at: null,
      })
      .execute();
    if (roleId)
      await db
        .insertInto('user_role')
        .values({ user_id: id, role_id: roleId, scope_org_id: o.id, scope_path: o.path, granted_by: null })
        .execute();
    return id;
  };
  await addUser('mx-noroles', 'qz', null);
  await addUser('mx-jj-sys', 'qz_jinjiang', 'system_admin');
  await addUser('mx-jj-sec', 'qz_jinjiang', 'security_admin');
  await addUser('mx-jj-cmd', 'qz_jinjiang', 'commander');
  await addUser('mx-jj-res', 'qz_jinjiang', 'data_steward');
  await addUser('mx-jj-warn', 'qz_jinjiang', 'monitoring_analyst');
  const fengzeUser = await addUser('mx-fz', 'qz_fengze', 'duty_officer');
  const fengzeToken = newId();
  await db
    .insertInto('api_token')
    .values({
      id: fengzeToken,
      name: 'fz',
      token_hash: sha256Hex(fengzeToken),
      prefix: 'vgt_fz',
      user_id: fengzeUser,
      permissions: ['incident.read'],
      expires_at: null,
      created_by: null,
    })
    .execute();
  const fengzeNotification = newId();
  await db
    .insertInto('notification')
    .values({ id: fengzeNotification, user_id: fengzeUser, title: '丰泽通知', body: null, link: null })
    .execute();
  const fz = await as('mx-fz');
  const fengzeIncident = await fixtureIncident(t, 'qz_fengze');
  return {
    fengzeOrg: (await org('qz_fengze')).id,
    fengzeUser,
    fengzeToken,
    fengzeNotification,
    fengzeIncident,
    fengzeReport: await fixtureReport(t, fengzeIncident),
    fengzeInstruction: await fixtureInstruction(t, fengzeIncident),
    duty: await fixtureDuty(t, 'qz_fengze'),
    fengzeStock: await fixtureStock(t, 'qz_fengze'),
    fengzeWarning: await fixtureWarning(t, 'qz_fengze'),
    fengzeFeed: await fixtureFeed(t, 'qz_fengze'),
    fengzeImport: await fixtureImportJob(t, 'qz_fengze'),
    fengzeDelivery: await fixtureDelivery(t, 'qz_fengze'),
    fengzeSubscriber: await fixtureSubscriber(t, 'qz_fengze'),
    fengzeDevice: await fixtureDevice(t, 'qz_fengze'),
    fengzeInstallation: await fixtureInstallation(t, 'qz_fengze'),
    fengzeDeviceImport: await fixtureDeviceImport(t, 'qz_fengze'),
    fengzeAlarms: await fixtureAlarms(t, 'qz_fengze'),
    fengzePlan: await fixturePlan(t, 'qz_fengze'),
    fengzeCommand: await fixtureResponse(t, 'qz_fengze'),
    fengzeTracker: await fixtureTracker(t, 'qz_fengze'),
    fengzeSession: sha256Hex(fz.cookie!.replace(/^vigil_sid=/, '')),
  };
}

beforeAll(async () => {
  t = await startTestApp();
  fx = await buildFixtures();
});
afterAll(async () => t?.close());

const entries = Object.entries(MATRIX);
const guarded = entries.filter(([, e]) => e.access.kind === 'session' || e.access.kind === 'perm' || e.access.kind === 'device');
const permissioned = entries.filter(
  (x): x is [string, Entry & { access: { kind: 'perm'; perms: Permission[] } }] => x[1].access.kind === 'perm',
);
const scoped = entries.filter(([k]) => k.includes('/:'));

describe('route inventory', () => {
  it('classifies every route the server mounts, and lists no route that is gone', () => {
    const routes = routeInventory(t.app);
    const unclassified = routes.filter((k) => !MATRIX[k] && !isPublicPath(k));
    const stale = Object.keys(MATRIX).filter((k) => !routes.includes(k));
    expect(unclassified, 'routes missing from the authorisation matrix').toEqual([]);
    expect(stale, 'matrix entries for routes that no longer exist').toEqual([]);
  });

  it('says for every route with a path parameter whose records are scoped, or why none are', () => {
    expect(scoped.filter(([, e]) => !e.scope && e.access.kind !== 'public').map(([k]) => k)).toEqual([]);
  });
});

describe('without credentials → 401', () => {
  it.each(guarded.map(([k]) => [k]))('%s', async (key) => {
    const r = await send(t.anonymous(), key, sampleOf(key));
    expect(r.statusCode, r.body).toBe(401);
    expect(r.headers['content-type']).toContain('application/problem+json');
  });

  it('public routes answer without credentials', async () => {
    for (const [key] of entries.filter(([, x]) => x.access.kind === 'public')) {
      const r = await send(t.anonymous(), key, sampleOf(key));
      expect(r.statusCode, key).not.toBe(401);
      expect(r.statusCode, key).toBeLessThan(500);
    }
  });
});

describe('signed in without the permission → 403; with it → let through', () => {
  it.each(permissioned.map(([k, e]) => [k, e.access.perms.join(' | ')]))('%s (%s)', async (key) => {
    const perms = (MATRIX[key]!.access as { perms: Permission[] }).perms;
    for (const who of ['mx-noroles', lacking(perms)]) {
      const r = await send(await as(who), key, sampleOf(key));
      expect(r.statusCode, `${who}: ${r.body}`).toBe(403);
    }
    const holder = holding(perms);
    const ok = await send(await as(holder), key, sampleOf(key));
    expect([401, 403], `${holder}: ${ok.body}`).not.toContain(ok.statusCode);
    expect(ok.statusCode, `${holder}: ${ok.body}`).toBeLessThan(500);
  });
});

describe('another org’s record → 404 (audited)', () => {
  const cases = scoped.filter(([, e]) => e.scope && 'as' in e.scope);
  it.each(cases.map(([k]) => [k]))('%s', async (key) => {
    const e = MATRIX[key]!;
    const scope = e.scope as { as: string; params: (f: Fixtures) => Record<string, string> };
    const audited = async () =>
      Number(
        (
          await t.platform.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('action', '=', 'access.out_of_scope')
            .where('actor_name', '=', scope.as)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await audited();
    const r = await send(await as(scope.as), key, { ...e.sample, params: { ...e.sample?.params, ...scope.params(fx) } });
    expect(r.statusCode, r.body).toBe(404);
    expect(await audited()).toBe(before + 1);
  });
});

/** Every table's row count, to prove a refused request wrote nothing. */
async function tableCounts(): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname = 'public' AND c.relname NOT LIKE 'kysely_%' AND c.relname <> 'spatial_ref_sys'
    ORDER BY 1`.execute(t.platform.db);
  const out: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(name)}`.execute(t.platform.db);
    out[name] = Number(r.rows[0]!.n);
  }
  return out;
}

/** Paths and values of the string and number leaves of a sample body. */
function leaves(v: unknown, path: string[] = []): { path: string[]; value: string | number }[] {
  if (typeof v === 'string' || typeof v === 'number') return [{ path, value: v }];
  if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, [...path, String(i)]));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => leaves(x, [...path, k]));
  return [];
}

function withLeaf(body: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let cur: Record<string, unknown> = copy;
  for (const p of path.slice(0, -1)) cur = cur[p] as Record<string, unknown>;
  cur[path[path.length - 1]!] = value;
  return copy;
}

const HOSTILE = ["'; DROP TABLE app_user; --", '<script>alert(1)</script>'];
const writeRoutes = entries.filter(([k, e]) => /^(POST|PUT|PATCH|DELETE) /.test(k) && e.access.kind !== 'websocket');

describe('bad input on every write route → 400 naming the field, nothing written, never a 5xx', () => {
  /** Who sends the bad input: the route's holder, so validation rather than a guard answers where both could. */
  const sender = (e: Entry) => (e.access.kind === 'perm' ? holding(e.access.perms) : e.access.kind === 'session' ? 'mx-noroles' : null);

  it.each(writeRoutes.map(([k]) => [k]))('%s', async (key) => {
    const e = MATRIX[key]!;
    if (e.badInputCoveredBy) {
      // Only a session waiting at the TOTP step may call it; an active one is refused before validation.
      expect(readFileSync(e.badInputCoveredBy, 'utf8')).toContain(key.split(' ')[1]);
      return;
    }
    const who = await as(sender(e));
    const sample = { ...sampleOf(key), from: '10.0.0.9' };
    const expectField = (r: LightMyRequestResponse, field: string, label: string) => {
      expect(r.statusCode, `${label}: ${r.body}`).toBe(400);
      expect(r.headers['content-type'], label).toContain('application/problem+json');
      expect(
        r.json().errors.map((x: { field: string }) => x.field),
        `${label}: ${r.body}`,
      ).toContain(field);
    };
    // Earlier routes' events are still being handled in the background (deadline recomputation):
    // let them finish so that only this route's requests could change the counts.
    await t.dispatcher.flush();
    const before = await tableCounts();

    expectField(await send(who, key, { ...sample, raw: '{"broken": ' }), 'body', 'malformed JSON');
    if (sample.body) {
      const wrongShape = await send(who, key, { ...sample, body: ['not', 'an', 'object'] });
      expect(wrongShape.statusCode, `array body: ${wrongShape.body}`).toBe(400);
      const unknown = await send(who, key, { ...sample, body: { ...sample.body, zzUnexpected: 1 } });
      expect(unknown.statusCode, `unknown field: ${unknown.body}`).toBe(400);
      expect(unknown.body, 'the unknown field is named').toContain('zzUnexpected');
      for (const leaf of leaves(sample.body)) {
        const field = leaf.path.join('.');
        const wrongType = typeof leaf.value === 'string' ? 12345 : 'abc';
        expectField(await send(who, key, { ...sample, body: withLeaf(sample.body, leaf.path, wrongType) }), field, `${field} wrong type`);
        if (typeof leaf.value !== 'string') continue;
        expectField(
          await send(who, key, { ...sample, body: withLeaf(sample.body, leaf.path, 'x'.repeat(5000)) }),
          field,
          `${field} oversized`,
        );
        if (e.freeText?.[field]) continue;
        for (const s of HOSTILE)
          expectField(await send(who, key, { ...sample, body: withLeaf(sample.body, leaf.path, s) }), field, `${field} = ${s}`);
      }
    }
    expect(await tableCounts()).toEqual(before);

    // Fields that take any text by design: hostile text is data, never SQL or a crash.
    for (const field of Object.keys(e.freeText ?? {})) {
      const leaf = leaves(sample.body).find((l) => l.path.join('.') === field);
      expect(leaf, `freeText field ${field} is in the sample`).toBeDefined();
      for (const s of HOSTILE) {
        const r = await send(who, key, { ...sample, body: withLeaf(sample.body, leaf!.path, s) });
        expect(r.statusCode, `${field} = ${s}: ${r.body}`).toBeLessThan(500);
      }
    }
    expect((await tableCounts()).app_user).toBe(before.app_user);
  });
});

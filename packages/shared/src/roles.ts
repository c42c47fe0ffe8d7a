import type { AdminKind, Permission } from './permissions.js';

export interface BuiltinRole {
  id: string;
  zh: string;
  en: string;
  /** Set for the three administrators of 三员分立; such a role is exclusive. */
  adminKind: AdminKind | null;
  permissions: readonly Permission[];
  /** Demo account name seeded for this role. */
  demoUser: string;
}

const READ_ALL: Permission[] = [
  'region.read',
  'map.read',
  'incident.read',
  'duty.read',
  'resource.read',
  'monitoring.read',
  'warning.read',
  'command.read',
  'plan.read',
  'supervision.read',
];

export const BUILTIN_ROLES: readonly BuiltinRole[] = [
  {
    id: 'duty_officer',
    zh: '值班员',
    en: 'Duty officer',
    adminKind: null,
    demoUser: 'duty',
    permissions: [...READ_ALL, 'incident.create', 'incident.update', 'incident.report', 'duty.sign', 'alarm.handle', 'notify.read'],
  },
  {
    id: 'commander',
    zh: '指挥长',
    en: 'Commander',
    adminKind: null,
    demoUser: 'commander',
    permissions: [
      ...READ_ALL,
      'incident.create',
      'incident.update',
      'incident.report',
      'incident.grade',
      'incident.instruct',
      'duty.sign',
      'duty.manage',
      'command.launch',
      'command.dispatch',
      'task.update',
      'warning.approve',
      'warning.approve_major',
      'notify.read',
      'notify.manage',
      'expert.contact.read',
      'alarm.handle',
      'plan.manage',
      'plan.approve',
    ],
  },
  {
    id: 'monitoring_analyst',
    zh: '监测预警员',
    en: 'Monitoring analyst',
    adminKind: null,
    demoUser: 'analyst',
    permissions: [
      ...READ_ALL,
      'monitoring.manage',
      'alarm.handle',
      'warning.draft',
      'warning.import',
      'incident.create',
      'notify.read',
      'notify.manage',
    ],
  },
  {
    id: 'inspector',
    zh: '监管执法人员',
    en: 'Inspector',
    adminKind: null,
    demoUser: 'inspector',
    permissions: [...READ_ALL, 'supervision.manage'],
  },
  {
    id: 'enterprise_safety_officer',
    zh: '企业安全员',
    en: 'Enterprise safety officer',
    adminKind: null,
    demoUser: 'enterprise',
    permissions: ['region.read', 'map.read', 'monitoring.read', 'supervision.read', 'enterprise.self', 'alarm.handle'],
  },
  {
    id: 'team_leader',
    zh: '救援队长',
    en: 'Rescue team leader',
    adminKind: null,
    demoUser: 'teamlead',
    permissions: ['region.read', 'map.read', 'command.read', 'task.update', 'resource.read'],
  },
  {
    id: 'data_steward',
    zh: '数据管理员',
    en: 'Data steward',
    adminKind: null,
    demoUser: 'steward',
    permissions: ['region.read', 'map.read', 'data.read', 'data.manage', 'resource.read', 'resource.manage'],
  },
  {
    id: 'viewer',
    zh: '查看者',
    en: 'Viewer',
    adminKind: null,
    demoUser: 'viewer',
    permissions: [...READ_ALL],
  },
  {
    id: 'system_admin',
    zh: '系统管理员',
    en: 'System administrator',
    adminKind: 'system',
    demoUser: 'sysadmin',
    permissions: ['org.read', 'org.manage', 'user.read', 'user.manage', 'config.manage', 'token.manage', 'role.read'],
  },
  {
    id: 'security_admin',
    zh: '安全管理员',
    en: 'Security administrator',
    adminKind: 'security',
    demoUser: 'secadmin',
    permissions: ['role.read', 'role.manage', 'security.manage', 'user.read', 'org.read'],
  },
  {
    id: 'audit_admin',
    zh: '审计管理员',
    en: 'Audit administrator',
    adminKind: 'audit',
    demoUser: 'auditor',
    permissions: ['audit.read', 'audit.export', 'user.read', 'org.read'],
  },
];

export function builtinRole(id: string): BuiltinRole | undefined {
  return BUILTIN_ROLES.find((r) => r.id === id);
}

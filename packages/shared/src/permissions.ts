/**
 * The permission catalogue: every permission is `<domain>.<verb>`.
 * Business modules add their permissions here so that roles, the UI menu and the
 * server's authorisation share one list.
 */
export const PERMISSIONS = {
  // platform administration (三员分立)
  'org.read': { zh: '查看组织', en: 'View organisations', admin: 'system' },
  'org.manage': { zh: '管理组织', en: 'Manage organisations', admin: 'system' },
  'user.read': { zh: '查看用户', en: 'View users', admin: 'system' },
  'user.manage': { zh: '管理用户', en: 'Manage users', admin: 'system' },
  'config.manage': { zh: '系统配置', en: 'System configuration', admin: 'system' },
  'token.manage': { zh: '管理接口令牌', en: 'Manage API tokens', admin: 'system' },
  'role.read': { zh: '查看角色', en: 'View roles', admin: 'security' },
  'role.manage': { zh: '管理角色与授权', en: 'Manage roles and grants', admin: 'security' },
  'security.manage': { zh: '安全策略', en: 'Security policy', admin: 'security' },
  'audit.read': { zh: '查看审计日志', en: 'Read audit log', admin: 'audit' },
  'audit.export': { zh: '导出审计日志', en: 'Export audit log', admin: 'audit' },
  // business
  'region.read': { zh: '查看行政区划与代码表', en: 'View regions and code tables', admin: null },
  'map.read': { zh: '查看一张图', en: 'View the One Map', admin: null },
  'incident.read': { zh: '查看事件', en: 'View incidents', admin: null },
  'incident.create': { zh: '事件接报', en: 'Record incidents', admin: null },
  'incident.update': { zh: '更新事件', en: 'Update incidents', admin: null },
  'incident.report': { zh: '事件报送', en: 'Report incidents up the chain', admin: null },
  'incident.grade': { zh: '调整事件等级', en: 'Override incident grade', admin: null },
  'incident.instruct': { zh: '领导批示', en: 'Issue instructions', admin: null },
  'duty.read': { zh: '查看值班', en: 'View duty desk', admin: null },
  'duty.sign': { zh: '值班签到与交接', en: 'Sign in and hand over duty', admin: null },
  'duty.manage': { zh: '排班管理', en: 'Manage rosters', admin: null },
  'resource.read': { zh: '查看应急资源', en: 'View resources', admin: null },
  'resource.manage': { zh: '管理应急资源', en: 'Manage resources', admin: null },
  'expert.contact.read': { zh: '查看专家联系方式', en: 'Read expert contacts', admin: null },
  'monitoring.read': { zh: '查看监测', en: 'View monitoring', admin: null },
  'monitoring.manage': { zh: '管理监测设备与规则', en: 'Manage devices and rules', admin: null },
  'alarm.handle': { zh: '处置报警', en: 'Handle alarms', admin: null },
  'warning.read': { zh: '查看预警', en: 'View warnings', admin: null },
  'warning.draft': { zh: '编制预警', en: 'Draft warnings', admin: null },
  'warning.approve': { zh: '审批预警', en: 'Approve warnings', admin: null },
  'warning.approve_major': { zh: '审批橙色和红色预警（领导）', en: 'Approve orange and red warnings (leaders)', admin: null },
  'warning.import': { zh: '导入外部预警与管理订阅源', en: 'Import external warnings and manage feeds', admin: null },
  'notify.read': { zh: '查看信息发布回执', en: 'View dissemination and receipts', admin: null },
  'notify.manage': { zh: '管理信息发布与订阅', en: 'Manage dissemination and subscribers', admin: null },
  'command.read': { zh: '查看指挥调度', en: 'View command', admin: null },
  'command.launch': { zh: '启动响应', en: 'Launch responses', admin: null },
  'command.dispatch': { zh: '调度任务与资源', en: 'Dispatch tasks and resources', admin: null },
  'task.update': { zh: '执行任务', en: 'Work on tasks', admin: null },
  'plan.read': { zh: '查看预案', en: 'View plans', admin: null },
  'plan.manage': { zh: '管理预案', en: 'Manage plans', admin: null },
  'plan.approve': { zh: '审批与发布预案（领导）', en: 'Approve and activate plans (leaders)', admin: null },
  'supervision.read': { zh: '查看监管', en: 'View supervision', admin: null },
  'supervision.manage': { zh: '监管执法', en: 'Inspect and enforce', admin: null },
  'enterprise.self': { zh: '企业自主填报', en: 'Enterprise self-service', admin: null },
  'data.read': { zh: '查看数据资源', en: 'View data catalogue', admin: null },
  'data.manage': { zh: '数据治理', en: 'Govern data', admin: null },
} as const;

export type Permission = keyof typeof PERMISSIONS;
export type AdminKind = 'system' | 'security' | 'audit';
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

/** Whether a permission belongs to one of the three administrators (and so is not a business permission). */
export function adminKindOf(p: Permission): AdminKind | null {
  return PERMISSIONS[p].admin;
}

export function isPermission(p: string): p is Permission {
  return Object.prototype.hasOwnProperty.call(PERMISSIONS, p);
}

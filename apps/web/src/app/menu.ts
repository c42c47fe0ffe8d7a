import type { Permission } from '@vigil/shared';

/** Icon names the layout maps to antd icons (kept as strings so this file stays pure). */
export type MenuIcon =
  | 'map'
  | 'incidents'
  | 'reports'
  | 'duty'
  | 'admin'
  | 'orgs'
  | 'users'
  | 'roles'
  | 'security'
  | 'tokens'
  | 'audit'
  | 'account'
  | 'resources'
  | 'team'
  | 'expert'
  | 'warehouse'
  | 'shelter'
  | 'equipment'
  | 'hazard'
  | 'target'
  | 'stockAlerts'
  | 'warnings'
  | 'monitoring'
  | 'monDashboard'
  | 'alarms'
  | 'alarmRules'
  | 'alarmEscalation'
  | 'alarmStats'
  | 'tracking';

export interface MenuNode {
  key: string;
  labelKey: string;
  icon: MenuIcon;
  path?: string;
  /** Needed to see the entry; none means everyone signed in. */
  permission?: Permission;
  children?: MenuNode[];
}

/** The left menu of the signed-in app, in display order. */
export const MENU: readonly MenuNode[] = [
  { key: 'map', labelKey: 'menu.map', icon: 'map', path: '/map', permission: 'map.read' },
  { key: 'incidents', labelKey: 'menu.incidents', icon: 'incidents', path: '/incidents', permission: 'incident.read' },
  { key: 'reports', labelKey: 'menu.reports', icon: 'reports', path: '/reports', permission: 'incident.read' },
  { key: 'duty', labelKey: 'menu.duty', icon: 'duty', path: '/duty', permission: 'duty.read' },
  { key: 'warnings', labelKey: 'menu.warnings', icon: 'warnings', path: '/warnings', permission: 'warning.read' },
  { key: 'plans', labelKey: 'menu.plans', icon: 'reports', path: '/plans', permission: 'plan.read' },
  { key: 'tracking', labelKey: 'menu.tracking', icon: 'tracking', path: '/tracking', permission: 'command.read' },
  { key: 'my-tasks', labelKey: 'menu.myTasks', icon: 'duty', path: '/tasks/mine', permission: 'task.update' },
  { key: 'assessments', labelKey: 'menu.assessments', icon: 'reports', path: '/assessments', permission: 'command.launch' },
  {
    key: 'notify-subscribers',
    labelKey: 'menu.notifySubscribers',
    icon: 'team',
    path: '/notify/subscribers',
    permission: 'notify.manage',
  },
  {
    key: 'monitoring',
    labelKey: 'menu.monitoring',
    icon: 'monitoring',
    children: [
      {
        key: 'mon-dashboard',
        labelKey: 'menu.monDashboard',
        icon: 'monDashboard',
        path: '/monitoring/dashboard',
        permission: 'monitoring.read',
      },
      { key: 'mon-alarms', labelKey: 'menu.alarms', icon: 'alarms', path: '/monitoring/alarms', permission: 'monitoring.read' },
      { key: 'mon-rules', labelKey: 'menu.alarmRules', icon: 'alarmRules', path: '/monitoring/rules', permission: 'monitoring.read' },
      {
        key: 'mon-escalation',
        labelKey: 'menu.alarmEscalation',
        icon: 'alarmEscalation',
        path: '/monitoring/escalation',
        permission: 'monitoring.read',
      },
      { key: 'mon-stats', labelKey: 'menu.alarmStats', icon: 'alarmStats', path: '/monitoring/stats', permission: 'monitoring.read' },
      { key: 'mon-devices', labelKey: 'menu.monDevices', icon: 'monitoring', path: '/monitoring/devices', permission: 'monitoring.read' },
      {
        key: 'mon-installations',
        labelKey: 'menu.monInstallations',
        icon: 'hazard',
        path: '/monitoring/installations',
        permission: 'monitoring.read',
      },
    ],
  },
  {
    key: 'resources',
    labelKey: 'menu.resources',
    icon: 'resources',
    children: [
      { key: 'res-team', labelKey: 'menu.resTeam', icon: 'team', path: '/resources/team', permission: 'resource.read' },
      { key: 'res-expert', labelKey: 'menu.resExpert', icon: 'expert', path: '/resources/expert', permission: 'resource.read' },
      { key: 'res-warehouse', labelKey: 'menu.resWarehouse', icon: 'warehouse', path: '/resources/warehouse', permission: 'resource.read' },
      { key: 'res-shelter', labelKey: 'menu.resShelter', icon: 'shelter', path: '/resources/shelter', permission: 'resource.read' },
      { key: 'res-equipment', labelKey: 'menu.resEquipment', icon: 'equipment', path: '/resources/equipment', permission: 'resource.read' },
      { key: 'res-hazard', labelKey: 'menu.resHazard', icon: 'hazard', path: '/resources/hazard', permission: 'resource.read' },
      { key: 'res-target', labelKey: 'menu.resTarget', icon: 'target', path: '/resources/target', permission: 'resource.read' },
      { key: 'stock-alerts', labelKey: 'menu.stockAlerts', icon: 'stockAlerts', path: '/stock/alerts', permission: 'resource.read' },
    ],
  },
  {
    key: 'admin',
    labelKey: 'menu.admin',
    icon: 'admin',
    children: [
      { key: 'orgs', labelKey: 'menu.orgs', icon: 'orgs', path: '/admin/orgs', permission: 'org.read' },
      { key: 'users', labelKey: 'menu.users', icon: 'users', path: '/admin/users', permission: 'user.read' },
      { key: 'roles', labelKey: 'menu.roles', icon: 'roles', path: '/admin/roles', permission: 'role.read' },
      { key: 'security', labelKey: 'menu.security', icon: 'security', path: '/admin/security', permission: 'security.manage' },
      { key: 'tokens', labelKey: 'menu.tokens', icon: 'tokens', path: '/admin/tokens', permission: 'token.manage' },
      { key: 'audit', labelKey: 'menu.audit', icon: 'audit', path: '/admin/audit', permission: 'audit.read' },
    ],
  },
  { key: 'account', labelKey: 'menu.account', icon: 'account', path: '/account' },
];

/** The menu as one user sees it: entries they lack the permission for are dropped, and so are empty groups. */
export function menuFor(permissions: readonly string[], nodes: readonly MenuNode[] = MENU): MenuNode[] {
  const have = new Set(permissions);
  return nodes.flatMap((n): MenuNode[] => {
    if (n.permission && !have.has(n.permission)) return [];
    if (!n.children) return [n];
    const children = menuFor(permissions, n.children);
    return children.length ? [{ ...n, children }] : [];
  });
}

/** The first page in a (filtered) menu: where `/` leads after login. */
export function firstPath(nodes: readonly MenuNode[]): string | undefined {
  for (const n of nodes) {
    if (n.path) return n.path;
    const p = n.children && firstPath(n.children);
    if (p) return p;
  }
  return undefined;
}

function flatten(nodes: readonly MenuNode[]): MenuNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children ?? [])]);
}

/** The menu entry a location belongs to (the longest matching path), for highlighting. */
export function entryForPath(pathname: string, nodes: readonly MenuNode[] = MENU): MenuNode | undefined {
  return flatten(nodes)
    .filter((n) => n.path && (pathname === n.path || pathname.startsWith(`${n.path}/`)))
    .sort((a, b) => (b.path?.length ?? 0) - (a.path?.length ?? 0))[0];
}

/** The keys of the groups that contain an entry (to open them in the menu); empty when none or not found. */
export function parentKeys(key: string, nodes: readonly MenuNode[] = MENU): string[] {
  const walk = (list: readonly MenuNode[], trail: string[]): string[] | null => {
    for (const n of list) {
      if (n.key === key) return trail;
      const found = n.children ? walk(n.children, [...trail, n.key]) : null;
      if (found) return found;
    }
    return null;
  };
  return walk(nodes, []) ?? [];
}

import type { Permission } from '@vigil/shared';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppLayout } from './AppLayout';
import { HomeRedirect } from './HomeRedirect';
import { NotFound, RouteError } from '../ui/Errors';
import { Guarded } from './Guarded';
import { portalOnlyGate } from '../modules/portal/portal-gate';
import { PublicPage } from '../modules/portal/PublicPage';

type Page = LazyExoticComponent<ComponentType>;

const page = (load: () => Promise<{ default: ComponentType }>): Page => lazy(load);

const LoginPage = page(() => import('../modules/auth/LoginPage'));
const OneMapPage = page(() => import('../map/OneMapPage'));
const OrgsPage = page(() => import('../modules/orgs/OrgsPage'));
const UsersPage = page(() => import('../modules/users/UsersPage'));
const RolesPage = page(() => import('../modules/roles/RolesPage'));
const SecurityPolicyPage = page(() => import('../modules/security/SecurityPolicyPage'));
const TokensPage = page(() => import('../modules/tokens/TokensPage'));
const AuditPage = page(() => import('../modules/audit/AuditPage'));
const AccountPage = page(() => import('../modules/account/AccountPage'));
const IncidentsPage = page(() => import('../modules/incidents/IncidentsPage'));
const IncidentCreatePage = page(() => import('../modules/incidents/IncidentCreatePage'));
const IncidentDetailPage = page(() => import('../modules/incidents/IncidentDetailPage'));
const PlotPage = page(() => import('../modules/consult/PlotPage'));
const ReportsPage = page(() => import('../modules/reporting/ReportsPage'));
const DutyPage = page(() => import('../modules/duty/DutyPage'));
const ResourceListPage = page(() => import('../modules/resources/ResourceListPage'));
const WarehouseStockPage = page(() => import('../modules/resources/WarehouseStockPage'));
const StockAlertsPage = page(() => import('../modules/resources/StockAlertsPage'));
const DeliveriesPage = page(() => import('../modules/notify/DeliveriesPage'));
const SubscribersPage = page(() => import('../modules/notify/SubscribersPage'));
const PortalLayout = page(() => import('../modules/portal/PortalLayout'));
const PortalHomePage = page(() => import('../modules/portal/PortalHomePage'));
const PortalWarningPage = page(() => import('../modules/portal/PortalWarningPage'));
const WarningListPage = page(() => import('../modules/warnings/WarningListPage'));
const WarningEditPage = page(() => import('../modules/warnings/WarningEditPage'));
const WarningDetailPage = page(() => import('../modules/warnings/WarningDetailPage'));
const WarningApprovalsPage = page(() => import('../modules/warnings/WarningApprovalsPage'));
const WarningFeedsPage = page(() => import('../modules/warnings/WarningFeedsPage'));
const PlanListPage = page(() => import('../modules/plans/PlanListPage'));
const PlanEditPage = page(() => import('../modules/plans/PlanEditPage'));
const PlanDetailPage = page(() => import('../modules/plans/PlanDetailPage'));
const PlanDiffPage = page(() => import('../modules/plans/PlanDiffPage'));
const ResponseDetailPage = page(() => import('../modules/command/ResponseDetailPage'));
const MyTasksPage = page(() => import('../modules/command/MyTasksPage'));
const TrackingPage = page(() => import('../modules/tracking/TrackingPage'));
const AssessmentListPage = page(() => import('../modules/command/AssessmentListPage'));
const AssessmentPage = page(() => import('../modules/command/AssessmentPage'));
const MonitoringDashboardPage = page(() => import('../modules/monitoring/dashboard/MonitoringDashboardPage'));
const AlarmStatsPage = page(() => import('../modules/monitoring/dashboard/AlarmStatsPage'));
const AlarmsPage = page(() => import('../modules/monitoring/alarms/AlarmsPage'));
const AlarmDetailPage = page(() => import('../modules/monitoring/alarms/AlarmDetailPage'));
const AlarmRulesPage = page(() => import('../modules/monitoring/rules/RulesPage'));
const EscalationPoliciesPage = page(() => import('../modules/monitoring/rules/EscalationPoliciesPage'));
const DevicesPage = page(() => import('../modules/monitoring/devices/DevicesPage'));
const DeviceDetailPage = page(() => import('../modules/monitoring/devices/DeviceDetailPage'));
const InstallationsPage = page(() => import('../modules/monitoring/installations/InstallationsPage'));

const guarded = (path: string, Component: Page, permission?: Permission) => ({
  path,
  element: <Guarded component={Component} permission={permission} />,
});

/** All routes; pages load on demand, each in its own chunk. */
export const router = createBrowserRouter([
  // The public warning portal: no login, no session; the only pages of the internet profile.
  {
    path: '/portal',
    element: <PublicPage component={PortalLayout} />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <PublicPage component={PortalHomePage} /> },
      { path: 'warnings/:identifier', element: <PublicPage component={PortalWarningPage} /> },
      { path: '*', element: <NotFound /> },
    ],
  },
  { path: '/login', element: <Guarded component={LoginPage} public />, errorElement: <RouteError />, loader: portalOnlyGate },
  {
    path: '/',
    loader: portalOnlyGate,
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomeRedirect /> },
      guarded('map', OneMapPage, 'map.read'),
      guarded('incidents', IncidentsPage, 'incident.read'),
      guarded('incidents/new', IncidentCreatePage, 'incident.create'),
      guarded('incidents/:id', IncidentDetailPage, 'incident.read'),
      guarded('incidents/:id/plot', PlotPage, 'command.read'),
      guarded('reports/:tab?', ReportsPage, 'incident.read'),
      guarded('duty/:tab?/:id?', DutyPage, 'duty.read'),
      guarded('resources/:kind', ResourceListPage, 'resource.read'),
      guarded('resources/warehouse/:id/stock', WarehouseStockPage, 'resource.read'),
      guarded('stock/alerts', StockAlertsPage, 'resource.read'),
      guarded('warnings/:id/deliveries', DeliveriesPage, 'notify.read'),
      guarded('notify/subscribers', SubscribersPage, 'notify.manage'),
      guarded('warnings', WarningListPage, 'warning.read'),
      guarded('warnings/new', WarningEditPage, 'warning.draft'),
      guarded('warnings/approvals', WarningApprovalsPage, 'warning.approve'),
      guarded('warnings/feeds', WarningFeedsPage, 'warning.import'),
      guarded('warnings/:id', WarningDetailPage, 'warning.read'),
      guarded('warnings/:id/edit', WarningEditPage, 'warning.draft'),
      guarded('plans', PlanListPage, 'plan.read'),
      guarded('plans/new', PlanEditPage, 'plan.manage'),
      guarded('plans/:id', PlanDetailPage, 'plan.read'),
      guarded('plans/:id/edit', PlanEditPage, 'plan.manage'),
      guarded('plans/:id/diff', PlanDiffPage, 'plan.read'),
      guarded('responses/:id', ResponseDetailPage, 'command.read'),
      guarded('tasks/mine', MyTasksPage, 'command.read'),
      guarded('tracking', TrackingPage, 'command.read'),
      guarded('assessments', AssessmentListPage, 'command.read'),
      guarded('assessments/:id', AssessmentPage, 'command.read'),
      guarded('monitoring/dashboard', MonitoringDashboardPage, 'monitoring.read'),
      guarded('monitoring/alarms', AlarmsPage, 'monitoring.read'),
      guarded('monitoring/alarms/:id', AlarmDetailPage, 'monitoring.read'),
      guarded('monitoring/rules', AlarmRulesPage, 'monitoring.read'),
      guarded('monitoring/escalation', EscalationPoliciesPage, 'monitoring.read'),
      guarded('monitoring/stats', AlarmStatsPage, 'monitoring.read'),
      guarded('monitoring/devices', DevicesPage, 'monitoring.read'),
      guarded('monitoring/devices/:id', DeviceDetailPage, 'monitoring.read'),
      guarded('monitoring/installations', InstallationsPage, 'monitoring.read'),
      guarded('admin/orgs', OrgsPage, 'org.read'),
      guarded('admin/users', UsersPage, 'user.read'),
      guarded('admin/roles', RolesPage, 'role.read'),
      guarded('admin/security', SecurityPolicyPage, 'security.manage'),
      guarded('admin/tokens', TokensPage, 'token.manage'),
      guarded('admin/audit', AuditPage, 'audit.read'),
      guarded('account', AccountPage),
      { path: '*', element: <NotFound /> },
    ],
  },
]);

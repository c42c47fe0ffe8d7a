import type { Permission } from '@vigil/shared';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppLayout } from './AppLayout';
import { HomeRedirect } from './HomeRedirect';
import { NotFound, RouteError } from '../ui/Errors';
import { Guarded } from './Guarded';

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
const ReportsPage = page(() => import('../modules/reporting/ReportsPage'));
const DutyPage = page(() => import('../modules/duty/DutyPage'));
const ResourceListPage = page(() => import('../modules/resources/ResourceListPage'));
const WarehouseStockPage = page(() => import('../modules/resources/WarehouseStockPage'));
const StockAlertsPage = page(() => import('../modules/resources/StockAlertsPage'));

const guarded = (path: string, Component: Page, permission?: Permission) => ({
  path,
  element: <Guarded component={Component} permission={permission} />,
});

/** All routes; pages load on demand, each in its own chunk. */
export const router = createBrowserRouter([
  { path: '/login', element: <Guarded component={LoginPage} public />, errorElement: <RouteError /> },
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomeRedirect /> },
      guarded('map', OneMapPage, 'map.read'),
      guarded('incidents', IncidentsPage, 'incident.read'),
      guarded('incidents/new', IncidentCreatePage, 'incident.create'),
      guarded('incidents/:id', IncidentDetailPage, 'incident.read'),
      guarded('reports/:tab?', ReportsPage, 'incident.read'),
      guarded('duty/:tab?/:id?', DutyPage, 'duty.read'),
      guarded('resources/:kind', ResourceListPage, 'resource.read'),
      guarded('resources/warehouse/:id/stock', WarehouseStockPage, 'resource.read'),
      guarded('stock/alerts', StockAlertsPage, 'resource.read'),
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

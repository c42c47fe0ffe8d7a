import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  FileDoneOutlined,
  EnvironmentOutlined,
  KeyOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
  IdcardOutlined,
  AimOutlined,
  DatabaseOutlined,
  FireOutlined,
  HomeOutlined,
  ShopOutlined,
  SolutionOutlined,
  ToolOutlined,
  UsergroupAddOutlined,
  WarningOutlined,
  NotificationOutlined,
  DashboardOutlined,
  MonitorOutlined,
  BellOutlined,
  ControlOutlined,
  RiseOutlined,
  BarChartOutlined,
  CompassOutlined,
} from '@ant-design/icons';
import { Menu, type MenuProps } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { entryForPath, menuFor, parentKeys, type MenuIcon, type MenuNode } from './menu';

const ICONS: Record<MenuIcon, ReactNode> = {
  map: <EnvironmentOutlined />,
  incidents: <AlertOutlined />,
  reports: <FileDoneOutlined />,
  duty: <CalendarOutlined />,
  admin: <SettingOutlined />,
  orgs: <ApartmentOutlined />,
  users: <TeamOutlined />,
  roles: <IdcardOutlined />,
  security: <SafetyCertificateOutlined />,
  tokens: <KeyOutlined />,
  audit: <AuditOutlined />,
  account: <UserOutlined />,
  resources: <DatabaseOutlined />,
  team: <UsergroupAddOutlined />,
  expert: <SolutionOutlined />,
  warehouse: <ShopOutlined />,
  shelter: <HomeOutlined />,
  equipment: <ToolOutlined />,
  hazard: <FireOutlined />,
  target: <AimOutlined />,
  stockAlerts: <WarningOutlined />,
  warnings: <NotificationOutlined />,
  monitoring: <MonitorOutlined />,
  monDashboard: <DashboardOutlined />,
  alarms: <BellOutlined />,
  alarmRules: <ControlOutlined />,
  alarmEscalation: <RiseOutlined />,
  alarmStats: <BarChartOutlined />,
  tracking: <CompassOutlined />,
};

type Item = Required<MenuProps>['items'][number];

/** The left menu: only what the user's permissions allow. */
export function SideMenu({ permissions }: { permissions: readonly string[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const nodes = useMemo(() => menuFor(permissions), [permissions]);
  const selected = entryForPath(pathname, nodes);

  const toItem = (n: MenuNode): Item =>
    n.children
      ? { key: n.key, icon: ICONS[n.icon], label: t(n.labelKey), children: n.children.map(toItem) }
      : {
          key: n.key,
          icon: ICONS[n.icon],
          label: t(n.labelKey),
          onClick: () => {
            if (n.path) void navigate(n.path);
          },
        };

  return (
    <Menu
      theme="dark"
      mode="inline"
      data-testid="side-menu"
      items={nodes.map(toItem)}
      selectedKeys={selected ? [selected.key] : []}
      defaultOpenKeys={selected ? parentKeys(selected.key, nodes) : ['admin']}
    />
  );
}

import {
  AimOutlined,
  AlertOutlined,
  EnvironmentOutlined,
  HomeOutlined,
  SafetyOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
  ToolOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { ComponentType } from 'react';

const ICONS: Record<string, ComponentType<{ style?: React.CSSProperties }>> = {
  team: TeamOutlined,
  expert: SolutionOutlined,
  warehouse: ShopOutlined,
  shelter: HomeOutlined,
  equipment: ToolOutlined,
  hazard: WarningOutlined,
  target: SafetyOutlined,
  incident: AlertOutlined,
  aim: AimOutlined,
};

/** The legend icon of a catalogue layer: by the catalogue's icon name, else by layer id. */
export function LayerIcon({ icon, layer, color }: { icon: string; layer: string; color: string }) {
  const Icon = ICONS[icon] ?? ICONS[layer] ?? EnvironmentOutlined;
  return <Icon style={{ color }} />;
}

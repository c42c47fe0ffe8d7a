import { RESOURCE_KIND_EN, RESOURCE_KIND_ZH, RESOURCE_KINDS, RESOURCE_STATUSES, type ResourceKind } from '@vigil/shared';

/**
 * How each resource layer looks on the One Map: a layer colour, an icon name the web app maps to
 * its own icon, and a colour per status for the legend and the markers. Status labels come from
 * the shared contracts so the legend and the registries never disagree.
 */
interface LayerStyle {
  color: string;
  icon: string;
  statusColors: Record<string, string>;
}

const GREEN = '#52c41a';
const ORANGE = '#fa8c16';
const GREY = '#8c8c8c';
const RED = '#f5222d';
const BLUE = '#1677ff';

export const LAYER_STYLES: Record<ResourceKind, LayerStyle> = {
  team: { color: '#d4380d', icon: 'team', statusColors: { available: GREEN, on_mission: ORANGE, resting: GREY } },
  expert: { color: '#722ed1', icon: 'expert', statusColors: { available: GREEN, unavailable: GREY } },
  warehouse: { color: '#0958d9', icon: 'warehouse', statusColors: { active: BLUE, inactive: GREY } },
  shelter: { color: '#389e0d', icon: 'shelter', statusColors: { open: GREEN, full: ORANGE, closed: GREY } },
  equipment: {
    color: '#08979c',
    icon: 'equipment',
    statusColors: { available: GREEN, in_use: ORANGE, maintenance: '#faad14', retired: GREY },
  },
  hazard: { color: '#cf1322', icon: 'hazard', statusColors: { active: RED, inactive: GREY } },
  target: { color: '#c41d7f', icon: 'target', statusColors: { active: '#eb2f96', inactive: GREY } },
};

/** The vector tile URL template of a layer (MapLibre fills in z/x/y). */
export function tileUrlTemplate(layer: string): string {
  return `/api/v1/tiles/${layer}/{z}/{x}/{y}.mvt`;
}

export interface LayerEntry {
  id: ResourceKind;
  name: string;
  nameEn: string;
  color: string;
  icon: string;
  statuses: Record<string, { label: string; color: string }>;
  tiles: string;
}

/** Every resource layer in display order, without counts. */
export function resourceLayers(): LayerEntry[] {
  return RESOURCE_KINDS.map((kind) => {
    const style = LAYER_STYLES[kind];
    const labels: Record<string, string> = RESOURCE_STATUSES[kind];
    return {
      id: kind,
      name: RESOURCE_KIND_ZH[kind],
      nameEn: RESOURCE_KIND_EN[kind],
      color: style.color,
      icon: style.icon,
      statuses: Object.fromEntries(
        Object.entries(labels).map(([status, label]) => [status, { label, color: style.statusColors[status] ?? style.color }]),
      ),
      tiles: tileUrlTemplate(kind),
    };
  });
}

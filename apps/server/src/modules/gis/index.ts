import type { ModuleManifest } from '../../platform/module.js';
import { gisRoutes } from './gis.routes.js';

/** The One Map (一张图): resource layers as vector tiles, search, spatial queries, "around here". */
export const gisModule: ModuleManifest = {
  name: 'gis',
  routes: gisRoutes,
};

export { findAround } from './around.service.js';
export { tileFor } from './tile-math.js';
export type { PointLayerSource } from './layer-sources.js';

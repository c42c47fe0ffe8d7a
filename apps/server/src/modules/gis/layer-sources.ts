import type { LayerDto } from '@vigil/shared';
import type { RawBuilder } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/ctx.js';
import { monitoringMapLayers } from '../monitoring/index.js';

/**
 * A point layer another module contributes to the One Map (devices, major hazard installations):
 * its legend entry, who may see what, and the SQL of its points. The map counts, clusters and
 * encodes such a layer exactly like a resource layer, under `/tiles/{id}/{z}/{x}/{y}.mvt`.
 */
export interface PointLayerSource {
  entry: Omit<LayerDto, 'count' | 'tiles'>;
  /** Org subtrees whose rows the actor may see on this layer; null = everywhere; [] = none. */
  scope(actor: Actor): string[] | null;
  count(ctx: Ctx, scope: readonly string[] | null): Promise<number>;
  /**
   * The points inside a lng/lat box and the scope, as rows `id, name, status, type_code, mx, my`
   * (text, text, text, text|null, Web Mercator metres).
   */
  points(box: readonly [number, number, number, number], scope: readonly string[] | null): RawBuilder<unknown>;
}

/** The contributed layers, in display order after the resource layers. */
export function pointLayerSources(): readonly PointLayerSource[] {
  return monitoringMapLayers;
}

export function findPointLayerSource(id: string): PointLayerSource | undefined {
  return pointLayerSources().find((s) => s.entry.id === id);
}

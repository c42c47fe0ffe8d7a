import { RESOURCE_KINDS, type ResourceKind } from '@vigil/shared';
import { equipmentSpec } from './equipment';
import { expertSpec } from './expert';
import { hazardSpec } from './hazard';
import type { KindSpec } from './kind-spec';
import { shelterSpec } from './shelter';
import { targetSpec } from './target';
import { teamSpec } from './team';
import { warehouseSpec } from './warehouse';

export type { AttrField, AttrFieldType, KindSpec } from './kind-spec';

export const KIND_SPECS: Record<ResourceKind, KindSpec> = {
  team: teamSpec,
  expert: expertSpec,
  warehouse: warehouseSpec,
  shelter: shelterSpec,
  equipment: equipmentSpec,
  hazard: hazardSpec,
  target: targetSpec,
};

/** The kind named by a route segment, or null for an unknown one. */
export function kindOf(segment: string | undefined): ResourceKind | null {
  return (RESOURCE_KINDS as readonly string[]).includes(segment ?? '') ? (segment as ResourceKind) : null;
}

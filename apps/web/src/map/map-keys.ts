import { RESOURCE_KINDS, type ResourceKind } from '@vigil/shared';

export const isResourceKind = (layer: string): layer is ResourceKind => (RESOURCE_KINDS as readonly string[]).includes(layer);

/** The cache key of one resource's detail, shared by the popup, the drawer and deep links. */
export const resourceKey = (kind: string, id: string) => ['map', 'resource', kind, id] as const;

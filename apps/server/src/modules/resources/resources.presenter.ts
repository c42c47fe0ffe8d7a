import type { ResourceDto, ResourceHistoryDto } from '@vigil/shared';
import type { Actor } from '../../platform/auth/actor.js';
import { openSecret, type SecretKeySource } from '../../platform/auth/secret-box.js';
import type { ResourceRow } from './resources.repository.js';
import { abilitiesOf } from './resources.policy.js';

const iso = (d: Date | string) => new Date(d).toISOString();

/** The context an expert's contact field is sealed under: bound to the resource and the field. */
export const contactContext = (resourceId: string, field: 'phone' | 'idNumber') => `resource-contact:${resourceId}:${field}`;

function open(secrets: SecretKeySource, row: ResourceRow, field: 'phone' | 'idNumber'): string | null {
  const sealed = row.sealed?.[field];
  if (!sealed) return null;
  try {
    return openSecret(secrets, sealed, contactContext(row.id, field));
  } catch {
    // Sealed under another key (a restored backup without its key): show the masked copy.
    return row.masked?.[field] ?? null;
  }
}

/** The contact as the caller may see it: opened when `unmask`, else the stored masked copy. */
export function presentContact(row: ResourceRow, unmask: false | SecretKeySource): ResourceDto['contact'] {
  if (row.kind !== 'expert' || (!row.sealed && !row.masked)) return null;
  if (unmask) return { phone: open(unmask, row, 'phone'), idNumber: open(unmask, row, 'idNumber'), masked: false };
  return { phone: row.masked?.phone ?? null, idNumber: row.masked?.idNumber ?? null, masked: true };
}

/** Row → DTO with abilities; contacts opened only when `unmask` carries the key source. */
export function presentResource(actor: Actor, row: ResourceRow, unmask: false | SecretKeySource = false): ResourceDto {
  return {
    id: row.id,
    kind: row.kind,
    externalCode: row.external_code,
    name: row.name,
    typeCode: row.type_code,
    typeName: row.type_name,
    status: row.status,
    orgId: row.org_id,
    orgName: row.org_name,
    divisionCode: row.division_code,
    address: row.address,
    phone: row.phone,
    location: { lng: Number(row.lng), lat: Number(row.lat) },
    area: row.area ?? null,
    attrs: row.attrs,
    contact: presentContact(row, unmask),
    source: row.source,
    version: row.version,
    archivedAt: row.archived_at ? iso(row.archived_at) : null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    abilities: abilitiesOf(actor, row),
  };
}

/** What a history entry keeps: the record's visible state (contacts only masked, never sealed). */
export function snapshotOf(row: ResourceRow): Record<string, unknown> {
  return {
    externalCode: row.external_code,
    name: row.name,
    typeCode: row.type_code,
    status: row.status,
    orgId: row.org_id,
    divisionCode: row.division_code,
    address: row.address,
    phone: row.phone,
    location: { lng: Number(row.lng), lat: Number(row.lat) },
    area: row.area ?? null,
    attrs: row.attrs,
    contact: row.masked ?? null,
    archivedAt: row.archived_at ? iso(row.archived_at) : null,
  };
}

export function presentHistory(h: {
  version: number;
  action: string;
  changed_at: Date;
  changed_by_name: string | null;
  snapshot: Record<string, unknown>;
}): ResourceHistoryDto {
  return { version: h.version, action: h.action, changedAt: iso(h.changed_at), changedBy: h.changed_by_name, snapshot: h.snapshot };
}

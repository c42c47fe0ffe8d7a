import type { GeoJsonPolygon, PublicWarningDto, WarningDto, WarningTypeDto } from '@vigil/shared';
import type { Actor } from '../../platform/auth/actor.js';
import type { TypeRow } from './warning-feeds.repository.js';
import { abilitiesOf } from './warnings.policy.js';
import type { WarningRow } from './warnings.repository.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Public paths of a warning's documents (stable: derived from the identifier only). */
export function documentPaths(identifier: string): { cap: string; gb: string; json: string } {
  const id = encodeURIComponent(identifier);
  return { cap: `/public/warnings/${id}.cap.xml`, gb: `/public/warnings/${id}.gb.xml`, json: `/public/warnings/${id}` };
}

/** Whether a GB/T 35965.1 document can be served for the warning. */
export function hasGbDocument(w: WarningRow): boolean {
  return w.source === 'internal' || w.raw_format === 'gb';
}

/** Row → API shape; `abilities` for single-warning answers. */
export function presentWarning(w: WarningRow, actor: Actor, opts: { abilities?: boolean } = {}): WarningDto {
  const published = w.identifier !== null && ['published', 'superseded', 'cancelled', 'expired'].includes(w.status);
  const paths = published ? documentPaths(w.identifier!) : null;
  return {
    id: w.id,
    orgId: w.org_id,
    orgName: w.org_name,
    source: w.source,
    status: w.status,
    typeCode: w.type_code,
    typeName: w.type_name ?? w.type_code,
    colour: w.colour,
    headline: w.headline,
    description: w.description,
    instruction: w.instruction,
    en: w.en ?? null,
    area: {
      description: w.area_desc,
      divisionCodes: w.division_codes,
      polygon: w.polygon_json ? (JSON.parse(w.polygon_json) as GeoJsonPolygon) : null,
      circle: w.circle ?? null,
    },
    effective: iso(w.effective_at),
    onset: iso(w.onset_at),
    expires: iso(w.expires_at),
    audience: w.audience,
    channels: w.channels,
    version: w.version,
    previousId: w.previous_id,
    identifier: w.identifier,
    sender: w.sender,
    sent: iso(w.sent_at),
    msgType: w.msg_type,
    signatureStatus: w.signature_status,
    signer: w.signer,
    rejectReason: w.reject_reason,
    cancelReason: w.cancel_reason,
    createdBy: w.created_by_name,
    submittedBy: w.submitted_by,
    approvedBy: w.approved_by_name,
    publishedAt: iso(w.published_at),
    createdAt: iso(w.created_at)!,
    updatedAt: iso(w.updated_at)!,
    capUrl: paths?.cap ?? null,
    gbUrl: paths && hasGbDocument(w) ? paths.gb : null,
    ...(opts.abilities ? { abilities: abilitiesOf(actor, w) } : {}),
  };
}

/** What the public portal may show of a published warning. */
export function presentPublic(w: WarningRow): PublicWarningDto {
  const paths = documentPaths(w.identifier!);
  return {
    identifier: w.identifier!,
    source: w.source,
    sender: w.source === 'internal' ? w.org_name : w.sender!,
    typeCode: w.type_code,
    typeName: w.type_name ?? w.type_code,
    colour: w.colour,
    headline: w.headline,
    description: w.description,
    instruction: w.instruction,
    areaDescription: w.area_desc,
    sent: iso(w.sent_at)!,
    effective: iso(w.effective_at),
    expires: iso(w.expires_at),
    capUrl: paths.cap,
    gbUrl: hasGbDocument(w) ? paths.gb : null,
  };
}

export function presentType(t: TypeRow, guides: Map<string, string>, fallback: Record<string, string>): WarningTypeDto {
  return {
    code: t.code,
    nameZh: t.name_zh,
    nameEn: t.name_en,
    colours: t.colours,
    guides: Object.fromEntries(t.colours.map((c) => [c, guides.get(`${t.code}:${c}`) ?? fallback[c] ?? ''])),
  };
}

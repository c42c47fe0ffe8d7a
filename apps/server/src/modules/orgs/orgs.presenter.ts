import type { OrgDto, OrgKind } from '@vigil/shared';
import type { OrgListRow } from './orgs.repository.js';

/** Row → API shape. */
export function toOrgDto(r: OrgListRow): OrgDto {
  return {
    id: r.id,
    parentId: r.parent_id,
    name: r.name,
    kind: r.kind as OrgKind,
    code: r.code,
    divisionCode: r.division_code,
    divisionName: r.division_name,
    status: r.status,
    path: r.path,
    depth: Number(r.depth),
  };
}

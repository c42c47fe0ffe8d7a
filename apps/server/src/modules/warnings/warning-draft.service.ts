import {
  WARNING_COLOUR_ZH,
  WARNING_LEVEL_ZH,
  type CreateWarningInput,
  type UpdateWarningInput,
  type WarningColour,
  type WarningDto,
} from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { hasPermissionIn } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/ctx.js';
import type { OrgRow } from '../../platform/db/schema.js';
import { AppError, conflict, invalid } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { findOrg, resolveOrgRef } from '../orgs/index.js';
import { checkVersion, loadWarning } from './warning-access.js';
import * as types from './warning-feeds.repository.js';
import { isEditable } from './warning-status.js';
import { GENERIC_GUIDES } from './warning-types.data.js';
import * as repo from './warnings.repository.js';
import { emitWarningEvent, WARNING_EVENTS } from './warnings.events.js';
import { presentWarning } from './warnings.presenter.js';

type DraftInput = Omit<CreateWarningInput, 'orgId'>;

interface Normalized {
  typeCode: string;
  colour: WarningColour;
  headline: string;
  description: string;
  instruction: string;
  areaDesc: string;
  divisionCodes: string[];
  polygon: string | null;
  circle: string | null;
  effective: Date | null;
  onset: Date | null;
  expires: Date;
  audience: string | null;
  channels: string[];
  en: string | null;
}

async function checkArea(ctx: Ctx, area: DraftInput['area']): Promise<{ desc: string; codes: string[]; polygon: string | null }> {
  const codes = [...new Set(area.divisionCodes ?? [])];
  const known = await repo.knownDivisions(ctx.tx, codes);
  const unknown = codes.filter((c) => !known.some((k) => k.code === c));
  if (unknown.length) invalid('area.divisionCodes', `未知的行政区划代码：${unknown.join('、')}`);
  let polygon: string | null = null;
  if (area.polygon) {
    const ring = area.polygon.coordinates[0]!;
    const [first, last] = [ring[0]!, ring[ring.length - 1]!];
    if (first[0] !== last[0] || first[1] !== last[1]) invalid('area.polygon', '多边形首尾坐标须相同（闭合）');
    polygon = JSON.stringify(area.polygon);
    const problem = await repo.polygonProblem(ctx.tx, polygon);
    if (problem) invalid('area.polygon', `多边形无效（边自相交或重叠）：${problem}`);
  }
  const names = codes.map((c) => known.find((k) => k.code === c)!.name);
  const desc = area.description || (names.length ? names.join('、') : '地图标绘区域');
  return { desc, codes, polygon };
}

function checkTimes(ctx: Ctx, input: DraftInput): { effective: Date | null; onset: Date | null; expires: Date } {
  const effective = input.effective ? new Date(input.effective) : null;
  const onset = input.onset ? new Date(input.onset) : null;
  const expires = new Date(input.expires);
  if (expires <= ctx.now) invalid('expires', '失效时间须晚于当前时间');
  if (effective && expires <= effective) invalid('expires', '失效时间须晚于生效时间');
  if (onset && expires <= onset) invalid('expires', '失效时间须晚于预计开始时间');
  return { effective, onset, expires };
}

async function normalize(ctx: Ctx, input: DraftInput, org: OrgRow): Promise<Normalized> {
  const type = await types.findType(ctx.tx, input.typeCode);
  if (!type) invalid('typeCode', `未知的预警类型 ${input.typeCode}`);
  if (!type.colours.includes(input.colour)) {
    const allowed = type.colours.map((c) => WARNING_COLOUR_ZH[c]).join('、');
    invalid('colour', `${type.name_zh}预警没有${WARNING_COLOUR_ZH[input.colour]}级别，可选：${allowed}`);
  }
  const times = checkTimes(ctx, input);
  const area = await checkArea(ctx, input.area);
  const guide = (await types.findGuide(ctx.tx, type.code, input.colour)) ?? GENERIC_GUIDES[input.colour];
  const headline =
    input.headline || `${org.name}发布${type.name_zh}${WARNING_COLOUR_ZH[input.colour]}预警[${WARNING_LEVEL_ZH[input.colour]}]`;
  return {
    typeCode: type.code,
    colour: input.colour,
    headline,
    description: input.description,
    instruction: input.instruction || guide,
    areaDesc: area.desc,
    divisionCodes: area.codes,
    polygon: area.polygon,
    circle: input.area.circle ? JSON.stringify(input.area.circle) : null,
    ...times,
    audience: input.audience || null,
    channels: [...new Set(input.channels)],
    en: input.en ? JSON.stringify(input.en) : null,
  };
}

function columns(n: Normalized) {
  return {
    type_code: n.typeCode,
    colour: n.colour,
    headline: n.headline,
    description: n.description,
    instruction: n.instruction,
    en: n.en,
    audience: n.audience,
    channels: n.channels,
    area_desc: n.areaDesc,
    division_codes: n.divisionCodes,
    circle: n.circle,
    effective_at: n.effective,
    onset_at: n.onset,
    expires_at: n.expires,
  };
}

async function issuingOrg(ctx: Ctx, orgId: string | undefined): Promise<OrgRow> {
  if (orgId) return resolveOrgRef(ctx, orgId, 'orgId', 'warning.draft');
  const own = ctx.actor.orgId ? await findOrg(ctx.tx, ctx.actor.orgId) : undefined;
  if (!own) invalid('orgId', '请指定发布单位');
  if (!hasPermissionIn(ctx.actor, 'warning.draft', own.path)) throw new AppError('FORBIDDEN', '缺少权限 warning.draft');
  return own;
}

/** The warning as the actor sees it, with abilities. */
export async function presentOne(ctx: Ctx, id: string): Promise<WarningDto> {
  return presentWarning((await repo.findWarning(ctx.tx, id))!, ctx.actor, { abilities: true });
}

async function storeArea(ctx: Ctx, id: string, polygon: string | null): Promise<void> {
  await repo.setPolygon(ctx.tx, id, polygon);
  await repo.refreshGeom(ctx.tx, id);
}

/**
 * Drafts a warning (编制预警): checks the type and the colours it allows, the times and the area
 * (known divisions; a polygon must be closed and simple), fills the headline and the 防御指南 from
 * the type's template when left empty, audits and emits `warning.drafted`.
 */
export async function createWarning(ctx: Ctx, input: CreateWarningInput): Promise<WarningDto> {
  const org = await issuingOrg(ctx, input.orgId);
  const n = await normalize(ctx, input, org);
  const id = newId();
  await repo.insertWarning(ctx.tx, {
    id,
    org_id: org.id,
    org_path: org.path,
    source: 'internal',
    status: 'draft',
    ...columns(n),
    created_by: ctx.actor.userId,
    created_by_name: ctx.actor.displayName ?? ctx.actor.username,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  await storeArea(ctx, id, n.polygon);
  const row = (await repo.findWarning(ctx.tx, id))!;
  await recordAudit(ctx, {
    action: 'warning.drafted',
    entity: 'warning',
    entityId: id,
    after: { orgId: org.id, typeCode: n.typeCode, colour: n.colour, headline: n.headline, expires: n.expires, areaDesc: n.areaDesc },
  });
  await emitWarningEvent(ctx, WARNING_EVENTS.drafted, row);
  return presentOne(ctx, id);
}

/** Edits a draft (only drafts are editable; `version` guards against overwriting another edit). */
export async function updateWarning(ctx: Ctx, id: string, input: UpdateWarningInput): Promise<WarningDto> {
  const row = await loadWarning(ctx, id, 'warning.draft', true);
  checkVersion(row, input.version);
  if (!isEditable(row.status)) conflict('只有草稿可以修改；已提交的预警请先退回');
  const n = await normalize(ctx, input, (await findOrg(ctx.tx, row.org_id))!);
  await repo.updateWarning(ctx.tx, id, { ...columns(n), updated_at: ctx.now });
  await storeArea(ctx, id, n.polygon);
  await repo.bumpVersion(ctx.tx, id, ctx.now);
  const after = (await repo.findWarning(ctx.tx, id))!;
  await recordAudit(ctx, {
    action: 'warning.edited',
    entity: 'warning',
    entityId: id,
    before: { typeCode: row.type_code, colour: row.colour, headline: row.headline, expires: row.expires_at, version: row.version },
    after: { typeCode: after.type_code, colour: after.colour, headline: after.headline, expires: after.expires_at, version: after.version },
  });
  await emitWarningEvent(ctx, WARNING_EVENTS.edited, after);
  return presentOne(ctx, id);
}

/**
 * Starts a new version of a published warning (预警更新): a draft copying it and referencing it.
 * When that draft is published the earlier warning becomes superseded.
 */
export async function reviseWarning(ctx: Ctx, id: string): Promise<WarningDto> {
  const prev = await loadWarning(ctx, id, 'warning.draft', true);
  if (prev.source !== 'internal' || prev.status !== 'published') conflict('只能更新本单位已发布且仍有效的预警');
  const newIdValue = newId();
  await repo.insertWarning(ctx.tx, {
    id: newIdValue,
    org_id: prev.org_id,
    org_path: prev.org_path,
    source: 'internal',
    status: 'draft',
    type_code: prev.type_code,
    colour: prev.colour,
    headline: prev.headline,
    description: prev.description,
    instruction: prev.instruction,
    en: prev.en ? JSON.stringify(prev.en) : null,
    audience: prev.audience,
    channels: prev.channels,
    area_desc: prev.area_desc,
    division_codes: prev.division_codes,
    circle: prev.circle ? JSON.stringify(prev.circle) : null,
    onset_at: prev.onset_at,
    expires_at: prev.expires_at,
    previous_id: prev.id,
    created_by: ctx.actor.userId,
    created_by_name: ctx.actor.displayName ?? ctx.actor.username,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  await storeArea(ctx, newIdValue, prev.polygon_json);
  const row = (await repo.findWarning(ctx.tx, newIdValue))!;
  await recordAudit(ctx, {
    action: 'warning.drafted',
    entity: 'warning',
    entityId: newIdValue,
    after: { previousId: prev.id, headline: row.headline },
  });
  await emitWarningEvent(ctx, WARNING_EVENTS.drafted, row, { previousId: prev.id });
  return presentOne(ctx, newIdValue);
}

import type {
  IncidentDto,
  IncidentFilterQuery,
  IncidentGeoQuery,
  IncidentListQuery,
  IncidentTimelineEntryDto,
  PageOf,
  TimelineQuery,
} from '@vigil/shared';
import type { Kysely } from 'kysely';
import type { Ctx } from '../../platform/ctx.js';
import type { Database } from '../../platform/db/schema.js';
import { invalid, notFound } from '../../platform/errors.js';
import { loadIncident } from './incident-access.js';
import { countTimeline, listTimeline } from './incident-parts.repository.js';
import * as repo from './incidents.repository.js';
import { incidentScope } from './incidents.policy.js';
import { presentIncident, presentTimeline } from './incidents.presenter.js';

/** Opaque keyset cursor: a time and an id. */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${new Date(at).toISOString()}|${id}`).toString('base64url');
}

/** Reads a cursor from `encodeCursor`; a malformed one is a 400 on `cursor`. */
export function decodeCursor(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const d = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(d.getTime())) invalid('cursor', '游标无效');
  return { at: d, id };
}

/** `12H00` → `12H`, `12000` → `12`: a picked tree node filters its whole branch. */
export function eventTypePrefix(code: string | undefined): string | undefined {
  if (!code) return undefined;
  if (/^\d0000$/.test(code)) return code.slice(0, 1);
  if (/^\d\d000$/.test(code)) return code.slice(0, 2);
  if (/^\d\d[0-9A-Z]00$/.test(code)) return code.slice(0, 3);
  return code;
}

/** API filters → repository filters in the actor's scope. */
export function toFilters(ctx: Ctx, q: IncidentFilterQuery & { bbox?: string | undefined }): repo.IncidentFilters {
  const from = q.from ? new Date(q.from) : undefined;
  const to = q.to ? new Date(q.to) : undefined;
  if (from && to && from >= to) invalid('to', '结束时间须晚于开始时间');
  let bbox: [number, number, number, number] | undefined;
  if (q.bbox) {
    const b = q.bbox.split(',').map(Number) as [number, number, number, number];
    if (b[0] >= b[2] || b[1] >= b[3] || b.some((x, i) => Math.abs(x) > (i % 2 === 0 ? 180 : 90))) invalid('bbox', 'bbox 范围无效');
    bbox = b;
  }
  return {
    scope: incidentScope(ctx.actor),
    statuses: q.status?.split(','),
    eventTypePrefix: eventTypePrefix(q.eventType),
    category: q.category,
    grade: q.grade,
    countyCode: q.countyCode,
    from,
    to,
    q: q.q || undefined,
    hasDuplicateHint: q.hasDuplicateHint === undefined ? undefined : q.hasDuplicateHint === 'true',
    bbox,
  };
}

/**
 * The incident for another module's use case: loaded and authorised for `incident.read`; a
 * missing one is a 404, one outside the actor's scope an audited 404.
 */
export async function findIncidentForActor(ctx: Ctx, id: string): Promise<repo.IncidentRow> {
  return loadIncident(ctx, id, 'incident.read');
}

/** One incident as the actor sees it, with abilities and (visible) duplicate candidates. */
export async function presentOne(ctx: Ctx, id: string): Promise<IncidentDto> {
  const v = (await repo.findIncidentView(ctx.tx, id)) ?? notFound('事件', id);
  const from = v.lng === null || v.lat === null ? null : { lng: Number(v.lng), lat: Number(v.lat) };
  const candidates = await repo.candidatesByIds(ctx.tx, v.duplicate_candidate_ids, from, incidentScope(ctx.actor));
  return presentIncident(v, ctx.actor, { secrets: ctx.platform.config, candidates, abilities: true });
}

/** `GET /incidents/:id`. */
export async function getIncident(ctx: Ctx, id: string): Promise<IncidentDto> {
  await loadIncident(ctx, id);
  return presentOne(ctx, id);
}

/** `GET /incidents`: a page of the actor's incidents, newest received first. */
export async function listIncidentPage(ctx: Ctx, q: IncidentListQuery): Promise<PageOf<IncidentDto>> {
  const f = toFilters(ctx, q);
  const rows = await repo.listIncidents(ctx.tx, f, decodeCursor(q.cursor), q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((v) => presentIncident(v, ctx.actor, { secrets: ctx.platform.config })),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.received_at, last.id) : null,
    total: await repo.countIncidents(ctx.tx, f),
  };
}

export const GEOJSON_LIMIT = 5000;

/** `GET /incidents.geojson`: located incidents as map features (newest first, at most 5000). */
export async function incidentFeatures(ctx: Ctx, q: IncidentGeoQuery) {
  const rows = await repo.mappedIncidents(ctx.tx, toFilters(ctx, q), GEOJSON_LIMIT + 1);
  return {
    type: 'FeatureCollection' as const,
    truncated: rows.length > GEOJSON_LIMIT,
    features: rows.slice(0, GEOJSON_LIMIT).map((v) => ({
      type: 'Feature' as const,
      id: v.id,
      geometry: { type: 'Point' as const, coordinates: [Number(v.lng), Number(v.lat)] },
      properties: {
        id: v.id,
        title: v.title,
        eventType: v.event_type,
        eventTypeName: v.event_type_name ?? v.event_type,
        category: v.category,
        grade: v.grade,
        status: v.status,
        orgName: v.org_name,
        receivedAt: new Date(v.received_at).toISOString(),
        hasDuplicateHint: v.duplicate_hint,
        outOfJurisdiction: v.out_of_jurisdiction,
      },
    })),
  };
}

/** `GET /incidents/:id/timeline`, oldest first. */
export async function incidentTimeline(ctx: Ctx, id: string, q: TimelineQuery): Promise<PageOf<IncidentTimelineEntryDto>> {
  await loadIncident(ctx, id);
  const rows = await listTimeline(ctx.tx, id, decodeCursor(q.cursor), q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentTimeline),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.at, last.id) : null,
    total: await countTimeline(ctx.tx, id),
  };
}

/** Incidents received in [from, to) within the subtrees, oldest first (reports, duty digests). */
export async function listIncidentsBetween(
  db: Kysely<Database>,
  p: { orgPaths: string[]; from: Date; to: Date },
): Promise<repo.IncidentRow[]> {
  return repo.incidentsReceivedBetween(db, p.orgPaths, p.from, p.to);
}

export const EXPORT_LIMIT = 20_000;

/** `GET /incidents/export`: the filtered incidents as rows for a workbook (at most 20,000). */
export async function exportIncidentRows(ctx: Ctx, q: IncidentFilterQuery): Promise<IncidentDto[]> {
  const rows = await repo.exportIncidents(ctx.tx, toFilters(ctx, q), EXPORT_LIMIT);
  return rows.map((v) => presentIncident(v, ctx.actor, { secrets: ctx.platform.config }));
}

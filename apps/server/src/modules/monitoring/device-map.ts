import { DEVICE_MAP_STATE_ZH, HAZARD_GRADE_ZH } from '@vigil/shared';
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import type { Ctx } from '../../platform/ctx.js';
import { pathWithin } from '../../platform/db/scope-sql.js';
import type { Database } from '../../platform/db/schema.js';
import type { PointLayerSource } from '../gis/index.js';
import { monitoringScope } from './monitoring.policy.js';

/**
 * The monitoring layers of the One Map: devices coloured by state (an open alarm — active or
 * acknowledged — makes a device red; then out of service, online, offline) and major hazard
 * installations coloured by grade. The map module clusters and encodes them like its own layers.
 */

const inScope = (column: string, scope: readonly string[] | null) => (scope === null ? sql`true` : pathWithin(column, scope));
/** Web Mercator metres, computed as the resource table's stored `merc_x`/`merc_y` are. */
const merc = (col: string) =>
  sql`ST_X(${sql.ref(col)}) * 111319.49079327358 AS mx, ln(tan(radians(45 + greatest(-85.0511287798066, least(85.0511287798066, ST_Y(${sql.ref(col)}))) / 2))) * 6378137 AS my`;
const box = (b: readonly [number, number, number, number]) =>
  sql`ST_MakeEnvelope(${b[0]}::float8, ${b[1]}::float8, ${b[2]}::float8, ${b[3]}::float8, 4326)`;

async function count(db: Kysely<Database>, table: 'device' | 'hazard_installation', scope: readonly string[] | null): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ${sql.table(table)} t WHERE t.archived_at IS NULL AND ${inScope('t.org_path', scope)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

const STATE_COLORS = { alarm: '#f5222d', online: '#52c41a', offline: '#8c8c8c', disabled: '#faad14' } as const;
const GRADE_COLORS = { grade1: '#cf1322', grade2: '#fa8c16', grade3: '#fadb14', grade4: '#1677ff', none: '#8c8c8c' } as const;

export const deviceLayer: PointLayerSource = {
  entry: {
    id: 'device',
    name: '监测设备',
    nameEn: 'Monitoring devices',
    color: '#13c2c2',
    icon: 'device',
    statuses: Object.fromEntries(
      (Object.keys(STATE_COLORS) as (keyof typeof STATE_COLORS)[]).map((s) => [
        s,
        { label: DEVICE_MAP_STATE_ZH[s], color: STATE_COLORS[s] },
      ]),
    ),
  },
  scope: (actor: Actor) => monitoringScope(actor),
  count: (ctx: Ctx, scope) => count(ctx.tx, 'device', scope),
  points: (b, scope) => sql`
    SELECT d.id::text AS id, d.name, d.type_code,
      CASE WHEN EXISTS (SELECT 1 FROM alarm a WHERE a.device_id = d.id AND a.status IN ('active','acknowledged')) THEN 'alarm'
           WHEN d.status <> 'active' THEN 'disabled'
           WHEN d.online THEN 'online' ELSE 'offline' END AS status,
      ${merc('d.location')}
    FROM device d
    WHERE d.archived_at IS NULL AND d.location && ${box(b)} AND ${inScope('d.org_path', scope)}`,
};

export const installationLayer: PointLayerSource = {
  entry: {
    id: 'installation',
    name: '重大危险源',
    nameEn: 'Major hazard installations',
    color: '#a8071a',
    icon: 'hazard',
    statuses: {
      grade1: { label: HAZARD_GRADE_ZH[1], color: GRADE_COLORS.grade1 },
      grade2: { label: HAZARD_GRADE_ZH[2], color: GRADE_COLORS.grade2 },
      grade3: { label: HAZARD_GRADE_ZH[3], color: GRADE_COLORS.grade3 },
      grade4: { label: HAZARD_GRADE_ZH[4], color: GRADE_COLORS.grade4 },
      none: { label: '未构成重大危险源', color: GRADE_COLORS.none },
    },
  },
  scope: (actor: Actor) => monitoringScope(actor),
  count: (ctx: Ctx, scope) => count(ctx.tx, 'hazard_installation', scope),
  points: (b, scope) => sql`
    SELECT h.id::text AS id, h.name, NULL::text AS type_code,
      CASE WHEN h.grade IS NULL THEN 'none' ELSE 'grade' || h.grade::text END AS status,
      ${merc('h.location')}
    FROM hazard_installation h
    WHERE h.archived_at IS NULL AND h.location && ${box(b)} AND ${inScope('h.org_path', scope)}`,
};

/** The monitoring module's contributions to the One Map. */
export const monitoringMapLayers: readonly PointLayerSource[] = [deviceLayer, installationLayer];

import { readFileSync } from 'node:fs';
import { INCIDENT_STATUS_ZH, type IncidentStatus } from '@vigil/shared';
import type { Platform } from '../../platform/ctx.js';
import { newId } from '../../platform/ids.js';
import { seedDataPath } from '../../platform/paths.js';
import { findOrgByCode } from '../orgs/index.js';
import { locate } from '../regions/index.js';
import { computeGrade } from './grading.js';
import { categoryOf } from './incident-input.js';
import { insertTimeline, listGradingRules } from './incident-parts.repository.js';
import { hasDemoIncidents, insertIncident } from './incidents.repository.js';
import { DEMO_COUNTIES, DEMO_SEVERE, DEMO_TEMPLATES, prng, type DemoCounty, type DemoTemplate } from './incidents-demo.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DEMO_COUNT = 56;

function labelPoints(): Map<string, [number, number]> {
  const fc = JSON.parse(readFileSync(seedDataPath('quanzhou-admin-points.geojson'), 'utf8')) as {
    features: { properties: { code: string }; geometry: { coordinates: [number, number] } }[];
  };
  return new Map(fc.features.map((f) => [String(f.properties.code), f.geometry.coordinates]));
}

/** A point near the county's label point that `locate` confirms lies inside that county. */
async function pointIn(
  platform: Platform,
  county: DemoCounty,
  anchor: [number, number],
  r: () => number,
): Promise<[number, number] | null> {
  for (let attempt = 0; attempt < 12; attempt++) {
    const spread = attempt < 8 ? 0.04 : 0.01;
    const p: [number, number] = [anchor[0] + (r() - 0.5) * spread * 2, anchor[1] + (r() - 0.5) * spread * 2];
    const found = await locate(platform.db, p[0], p[1], 'wgs84');
    if (found.county?.code === county.division) return [Number(p[0].toFixed(6)), Number(p[1].toFixed(6))];
  }
  const found = await locate(platform.db, anchor[0], anchor[1], 'wgs84');
  return found.county?.code === county.division ? anchor : null;
}

function countyFor(t: DemoTemplate, r: () => number): DemoCounty {
  const pool =
    t.where === 'quangang'
      ? DEMO_COUNTIES.filter((c) => c.org === 'qz_quangang')
      : t.where
        ? DEMO_COUNTIES.filter((c) => c[t.where as 'coastal' | 'mountain'])
        : DEMO_COUNTIES;
  return pool[Math.floor(r() * pool.length)]!;
}

function templateFor(r: () => number): DemoTemplate {
  const total = DEMO_TEMPLATES.reduce((s, t) => s + t.weight, 0);
  let x = r() * total;
  for (const t of DEMO_TEMPLATES) {
    x -= t.weight;
    if (x < 0) return t;
  }
  return DEMO_TEMPLATES[0]!;
}

/** Older incidents are mostly closed (a few false reports); the last days' are still open. */
function statusFor(ageMs: number, r: () => number): IncidentStatus {
  if (ageMs > 3 * DAY) return r() < 0.94 ? 'closed' : 'false_report';
  const x = r();
  return x < 0.3 ? 'received' : x < 0.6 ? 'verified' : x < 0.85 ? 'responding' : 'closed';
}

const PATH: IncidentStatus[] = ['received', 'verified', 'responding', 'closed'];

interface DemoSpec {
  county: DemoCounty;
  code: string;
  title: string;
  harm: Record<string, number | undefined>;
  receivedAt: Date;
  status: IncidentStatus;
  source: DemoTemplate['source'];
}

/**
 * Seeds a month (ending now) of demo incidents owned by the county bureaus, each at a point
 * inside its county, graded by the rules, with a timeline. Skipped when demo incidents exist.
 */
export async function seedDemoIncidents(platform: Platform): Promise<void> {
  const db = platform.db;
  if (await hasDemoIncidents(db)) return;
  const rules = await listGradingRules(db);
  const labels = labelPoints();
  const r = prng(20260601);
  const now = platform.clock.now();
  const specs: DemoSpec[] = [];
  for (let i = 0; i < DEMO_COUNT; i++) {
    const t = templateFor(r);
    const county = countyFor(t, r);
    const town = county.towns[Math.floor(r() * county.towns.length)]!;
    const age = 3 * HOUR + r() * 29.5 * DAY;
    const harm = t.harm(r) as Record<string, number | undefined>;
    specs.push({
      county,
      code: t.code,
      title: t.title(county, town, r),
      harm,
      receivedAt: new Date(now.getTime() - age),
      status: statusFor(age, r),
      source: t.source,
    });
  }
  for (const s of DEMO_SEVERE)
    specs.push({
      county: DEMO_COUNTIES.find((c) => c.org === s.county)!,
      code: s.code,
      title: s.title,
      harm: s.harm as Record<string, number | undefined>,
      receivedAt: new Date(now.getTime() - s.daysAgo * DAY),
      status: s.status,
      source: 'lower_report',
    });
  for (const s of specs) await insertDemo(platform, s, rules, labels, r);
}

async function insertDemo(
  platform: Platform,
  s: DemoSpec,
  rules: Awaited<ReturnType<typeof listGradingRules>>,
  labels: Map<string, [number, number]>,
  r: () => number,
): Promise<void> {
  const org = await findOrgByCode(platform.db, s.county.org);
  const anchor = labels.get(s.county.division);
  if (!org || !anchor) return;
  const point = await pointIn(platform, s.county, anchor, r);
  const n = (k: string) => s.harm[k] ?? 0;
  const category = categoryOf(s.code);
  const grade = computeGrade(rules, {
    category,
    dead: n('dead'),
    missing: n('missing'),
    seriouslyInjured: n('seriouslyInjured'),
    lightlyInjured: n('lightlyInjured'),
    directLossYuan: n('directLossYuan'),
    affected: n('affected'),
    evacuated: n('evacuated'),
  });
  const id = newId();
  const occurredAt = new Date(s.receivedAt.getTime() - (5 + Math.floor(r() * 55)) * 60_000);
  await insertIncident(platform.db, {
    id,
    org_id: org.id,
    org_path: org.path,
    title: s.title,
    event_type: s.code,
    category,
    grade,
    computed_grade: grade,
    grade_source: 'computed',
    status: s.status,
    merged_into_id: null,
    occurred_at: occurredAt,
    received_at: s.receivedAt,
    point: point ? { lng: point[0], lat: point[1] } : null,
    address: `${s.county.name}（演示地址）`,
    county_code: s.county.division,
    township_code: null,
    out_of_jurisdiction: false,
    source: s.source,
    reporter_name: '演示报告人',
    reporter_phone_sealed: null,
    reporter_phone_masked: `13${Math.floor(r() * 10)}****${String(Math.floor(r() * 10_000)).padStart(4, '0')}`,
    description: '演示数据：用于展示信息接报、报送与值班功能，不对应真实事件。',
    dead: n('dead'),
    missing: n('missing'),
    seriously_injured: n('seriouslyInjured'),
    lightly_injured: n('lightlyInjured'),
    direct_loss_yuan: n('directLossYuan'),
    affected: n('affected'),
    evacuated: n('evacuated'),
    duplicate_hint: false,
    duplicate_candidate_ids: [],
    external_source: null,
    external_ref: null,
    is_demo: true,
    created_by: null,
    created_at: s.receivedAt,
  });
  await demoTimeline(platform, id, s, r);
}

async function demoTimeline(platform: Platform, id: string, s: DemoSpec, r: () => number): Promise<void> {
  const entry = (at: Date, kind: string, summary: string, data: unknown) =>
    insertTimeline(platform.db, { id: newId(), incident_id: id, at, kind, summary, data, actor_id: null, actor_name: '演示数据' });
  await entry(s.receivedAt, 'created', `接报：${s.title}`, { demo: true });
  const steps = s.status === 'false_report' ? ['false_report' as const] : PATH.slice(1, PATH.indexOf(s.status) + 1);
  let at = s.receivedAt.getTime();
  let from: IncidentStatus = 'received';
  for (const to of steps) {
    at += (20 + r() * 300) * 60_000;
    const when = new Date(Math.min(at, platform.clock.now().getTime()));
    const reason = to === 'false_report' ? '：经核实为误报' : '';
    await entry(when, 'status_changed', `${INCIDENT_STATUS_ZH[from]} → ${INCIDENT_STATUS_ZH[to]}${reason}`, { from, to });
    from = to;
  }
}

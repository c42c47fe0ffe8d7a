import type { LiveUnitDto, TrackerDto, TrackRefusalDto } from '@vigil/shared';
import type { Actor } from '../../platform/auth/actor.js';
import type { LiveRow, RefusalRow, TrackerRow } from './tracking.repository.js';
import { canManage } from './tracking.policy.js';

const iso = (d: Date | string) => new Date(d).toISOString();

/** Whether a last fix at `at` is stale at `now`. */
export function isStale(at: Date | string | null, now: Date, staleSeconds: number): boolean {
  return !at || now.getTime() - new Date(at).getTime() > staleSeconds * 1000;
}

export function presentTracker(actor: Actor, r: TrackerRow, now: Date, staleSeconds: number): TrackerDto {
  const last =
    r.last_at && r.last_lng !== null && r.last_lat !== null
      ? { lng: Number(r.last_lng), lat: Number(r.last_lat), at: iso(r.last_at), speedKmh: r.last_speed_kmh, heading: r.last_heading }
      : null;
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    subjectKind: r.subject_kind,
    subjectId: r.subject_id,
    subjectName: r.subject_name,
    orgId: r.org_id,
    status: r.status,
    last,
    stale: isStale(r.last_at, now, staleSeconds),
    refusedCount: Number(r.refused_count),
    createdAt: iso(r.created_at),
    version: Number(r.version),
    abilities: { manage: r.kind === 'device' && canManage(actor, r) },
  };
}

export function presentLive(r: LiveRow, now: Date, staleSeconds: number): LiveUnitDto {
  return {
    trackerId: r.id,
    name: r.name,
    kind: r.kind,
    subjectKind: r.subject_kind,
    subjectId: r.subject_id,
    subjectName: r.subject_name,
    lng: Number(r.lng),
    lat: Number(r.lat),
    at: iso(r.last_at),
    speedKmh: r.last_speed_kmh,
    heading: r.last_heading,
    stale: isStale(r.last_at, now, staleSeconds),
  };
}

export function presentRefusal(r: RefusalRow): TrackRefusalDto {
  return {
    id: r.id,
    at: iso(r.at),
    trackerCode: r.tracker_code,
    trackerId: r.tracker_id,
    source: r.source,
    reason: r.reason,
    message: r.message,
  };
}

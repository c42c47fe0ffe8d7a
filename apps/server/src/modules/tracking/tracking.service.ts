import {
  TRACK_REFUSAL_ZH,
  TRACKER_SUBJECT_ZH,
  TRACKING_EVENTS,
  TRACKING_TOPIC,
  type CreateTrackerInput,
  type LiveUnitsDto,
  type LiveUnitsQuery,
  type MyPositionInput,
  type PositionsAccepted,
  type TrackDto,
  type TrackerDto,
  type TrackerListQuery,
  type TrackerPage,
  type TrackerSecretDto,
  type TrackQuery,
  type TrackRefusalPage,
  type TrackRefusalQuery,
  type UpdateTrackerInput,
} from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { hasPermission, SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { authorizeRow } from '../../platform/auth/scope.js';
import { inTransaction, NO_META, type Ctx, type Platform } from '../../platform/ctx.js';
import { AppError, conflict, invalid } from '../../platform/errors.js';
import { emit } from '../../platform/events/outbox.js';
import { newId } from '../../platform/ids.js';
import { hashDeviceSecret, newDeviceSecret, verifyDeviceSecret } from '../monitoring/index.js';
import { findOrg } from '../orgs/index.js';
import { getResourceById } from '../resources/index.js';
import { dropJumps, parseMessage, refusalMessage, type CheckLimits, type FixRefusal } from './position-check.js';
import * as repo from './tracking.repository.js';
import { presentLive, presentRefusal, presentTracker } from './tracking.presenter.js';
import { TRACKING_MANAGE, TRACKING_READ, TRACKING_SHARE, trackingScope } from './tracking.policy.js';
import type { TrackSource } from './tracking.tables.js';

const iso = (d: Date) => d.toISOString();

function limitsOf(platform: Platform): CheckLimits {
  return { maxSpeedKmh: platform.config.TRACK_MAX_SPEED_KMH, maxAgeMs: 7 * 86_400_000, maxFutureMs: 5 * 60_000 };
}

const staleSeconds = (ctx: Ctx) => ctx.platform.config.TRACK_STALE_SECONDS;
const present = (ctx: Ctx, r: repo.TrackerRow) => presentTracker(ctx.actor, r, ctx.now, staleSeconds(ctx));

async function loadTracker(ctx: Ctx, id: string, perm = TRACKING_READ): Promise<repo.TrackerRow> {
  return authorizeRow(ctx, perm, 'tracker', id, await repo.findTrackerById(ctx.tx, id), TRACKING_READ);
}

// ---------------------------------------------------------------------------------------------
// Registry

/** Registers a GPS tracker bound to a rescue team or a vehicle; the secret is returned this once. */
export async function createTracker(ctx: Ctx, input: CreateTrackerInput): Promise<TrackerSecretDto> {
  let subject;
  try {
    subject = await getResourceById(ctx, input.subjectId);
  } catch (err) {
    if (err instanceof AppError && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN')) invalid('subjectId', '绑定的队伍或装备不存在');
    throw err;
  }
  if (subject.kind !== input.subjectKind) invalid('subjectId', `所选资源不是${TRACKER_SUBJECT_ZH[input.subjectKind]}`);
  if (subject.archivedAt) invalid('subjectId', `该${TRACKER_SUBJECT_ZH[input.subjectKind]}已归档`);
  const org = await findOrg(ctx.tx, subject.orgId);
  if (!org) invalid('subjectId', '绑定对象的单位不存在');
  await authorizeRow(ctx, TRACKING_MANAGE, 'org', org.id, { org_path: org.path }, TRACKING_READ);
  const secret = newDeviceSecret();
  const id = newId();
  const inserted = await repo.insertTracker(ctx.tx, {
    id,
    code: input.code,
    name: input.name,
    kind: 'device',
    subject_kind: input.subjectKind,
    subject_id: subject.id,
    subject_name: subject.name,
    org_id: org.id,
    org_path: org.path,
    secret_hash: hashDeviceSecret(secret),
    source: 'manual',
    created_by: ctx.actor.userId,
    now: ctx.now,
  });
  if (!inserted) invalid('code', `终端编码 ${input.code} 已存在`);
  const row = (await repo.findTrackerById(ctx.tx, id))!;
  await recordAudit(ctx, {
    action: 'tracker.created',
    entity: 'tracker',
    entityId: id,
    after: { code: input.code, name: input.name, subjectKind: input.subjectKind, subject: subject.name },
  });
  await emitTrackerChanged(ctx, row);
  return { tracker: present(ctx, row), secret };
}

/** Renames, disables or re-enables a tracker (optimistic: a stale `version` is a 409). */
export async function updateTracker(ctx: Ctx, id: string, input: UpdateTrackerInput): Promise<TrackerDto> {
  const row = await loadTracker(ctx, id, TRACKING_MANAGE);
  if (row.kind !== 'device') conflict('手机定位由本人共享，不能在此修改');
  const set = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.status !== undefined ? { status: input.status } : {}),
  };
  if (!(await repo.updateTracker(ctx.tx, id, input.version, set, ctx.now))) conflict('该终端已被他人修改，请刷新后重试');
  const after = (await repo.findTrackerById(ctx.tx, id))!;
  await recordAudit(ctx, {
    action:
      input.status && input.status !== row.status ? `tracker.${input.status === 'disabled' ? 'disabled' : 'enabled'}` : 'tracker.updated',
    entity: 'tracker',
    entityId: id,
    before: { name: row.name, status: row.status },
    after: { name: after.name, status: after.status },
  });
  await emitTrackerChanged(ctx, after);
  return present(ctx, after);
}

/** Issues a new secret (the old one stops working at the next connection). */
export async function rotateTrackerSecret(ctx: Ctx, id: string): Promise<TrackerSecretDto> {
  const row = await loadTracker(ctx, id, TRACKING_MANAGE);
  if (row.kind !== 'device') conflict('手机定位没有终端密钥');
  const secret = newDeviceSecret();
  if (!(await repo.updateTracker(ctx.tx, id, row.version, { secret_hash: hashDeviceSecret(secret) }, ctx.now)))
    conflict('该终端已被他人修改，请刷新后重试');
  await recordAudit(ctx, { action: 'tracker.secret_rotated', entity: 'tracker', entityId: id });
  return { tracker: present(ctx, (await repo.findTrackerById(ctx.tx, id))!), secret };
}

export async function getTracker(ctx: Ctx, id: string): Promise<TrackerDto> {
  return present(ctx, await loadTracker(ctx, id));
}

function decodeCodeCursor(cursor: string | undefined): { code: string } | null {
  if (!cursor) return null;
  const code = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!code || code.length > 64) invalid('cursor', '分页游标无效');
  return { code };
}

export async function listTrackers(ctx: Ctx, q: TrackerListQuery): Promise<TrackerPage> {
  const staleBefore = new Date(ctx.now.getTime() - staleSeconds(ctx) * 1000);
  const { rows, total } = await repo.listTrackers(ctx.tx, {
    scope: trackingScope(ctx.actor),
    query: q,
    after: decodeCodeCursor(q.cursor),
    staleBefore,
  });
  const last = rows[rows.length - 1];
  return {
    items: rows.map((r) => present(ctx, r)),
    nextCursor: rows.length === q.limit && last ? Buffer.from(last.code).toString('base64url') : null,
    total,
  };
}

// ---------------------------------------------------------------------------------------------
// The live picture

/** Every unit in scope with a position in the last `withinHours`, stale ones flagged. */
export async function liveUnits(ctx: Ctx, q: LiveUnitsQuery): Promise<LiveUnitsDto> {
  const since = new Date(ctx.now.getTime() - q.withinHours * 3_600_000);
  const rows = await repo.liveUnits(ctx.tx, trackingScope(ctx.actor), since);
  return { items: rows.map((r) => presentLive(r, ctx.now, staleSeconds(ctx))), staleAfterSeconds: staleSeconds(ctx), now: iso(ctx.now) };
}

const TRACK_MAX_POINTS = 5_000;

/** A tracker's path between `from` (default: 2 hours ago) and `to` (default: now). */
export async function trackOf(ctx: Ctx, id: string, q: TrackQuery): Promise<TrackDto> {
  await loadTracker(ctx, id);
  const to = q.to ? new Date(q.to) : ctx.now;
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 2 * 3_600_000);
  if (from > to) invalid('from', '起始时间不能晚于结束时间');
  if (to.getTime() - from.getTime() > 31 * 86_400_000) invalid('from', '轨迹查询跨度不能超过 31 天');
  const { points, truncated } = await repo.trackPoints(ctx.tx, id, from, to, TRACK_MAX_POINTS);
  return {
    trackerId: id,
    from: iso(from),
    to: iso(to),
    points: points.map((p) => ({ lng: Number(p.lng), lat: Number(p.lat), at: iso(new Date(p.at)), speedKmh: p.speed_kmh })),
    truncated,
  };
}

function decodeRefusalCursor(cursor: string | undefined) {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (!id || !/^\d{1,19}$/.test(id) || Number.isNaN(date.getTime())) invalid('cursor', '分页游标无效');
  return { at: date, id };
}

/** Refused positions (impossible jumps, bad coordinates…), newest first. */
export async function listRefusals(ctx: Ctx, q: TrackRefusalQuery): Promise<TrackRefusalPage> {
  if (q.trackerId) await loadTracker(ctx, q.trackerId);
  // Codes that name no tracker belong to no org: dispatchers (who register trackers) see them.
  const withUnowned = hasPermission(ctx.actor, TRACKING_MANAGE);
  const { rows, total } = await repo.listRefusals(
    ctx.tx,
    trackingScope(ctx.actor),
    withUnowned,
    q.trackerId,
    decodeRefusalCursor(q.cursor),
    q.limit,
  );
  const last = rows[rows.length - 1];
  return {
    items: rows.map(presentRefusal),
    nextCursor: rows.length === q.limit && last ? Buffer.from(`${iso(new Date(last.at))}|${last.id}`).toString('base64url') : null,
    total,
  };
}

// ---------------------------------------------------------------------------------------------
// Reports

export interface StoredReport extends PositionsAccepted {
  /** The whole message was refused (not JSON, empty, too many positions). */
  messageRefusal: FixRefusal | null;
}

async function emitTrackerChanged(ctx: Ctx, row: repo.TrackerRow): Promise<void> {
  await emit(
    ctx,
    TRACKING_EVENTS.trackerChanged,
    { trackerId: row.id },
    { topic: TRACKING_TOPIC, orgPath: row.org_path, permission: TRACKING_READ },
  );
}

/**
 * Judges and stores one message of a tracker inside `ctx`'s transaction: the tracker row is locked
 * so that messages of one tracker are judged one after another against the latest stored fix;
 * refusals are recorded with their reason; the new last position is pushed on the `tracking` topic.
 */
async function storeMessage(ctx: Ctx, tracker: repo.TrackerRow, body: unknown, source: TrackSource): Promise<StoredReport> {
  await repo.lockTracker(ctx.tx, tracker.id);
  const limits = limitsOf(ctx.platform);
  const parsed = parseMessage(body, ctx.now, limits);
  const refusalRow = (r: FixRefusal) => ({
    tracker_id: tracker.id,
    tracker_code: tracker.code,
    org_path: tracker.org_path,
    source,
    reason: r.reason,
    message: `${r.index > 0 || Array.isArray(body) ? `第 ${r.index + 1} 个位置：` : ''}${refusalMessage(r)}`,
  });
  if ('messageRefusal' in parsed) {
    await repo.insertRefusals(ctx.tx, [refusalRow(parsed.messageRefusal)], ctx.now);
    return { accepted: 0, rejected: 1, rejections: [toRejection(parsed.messageRefusal)], messageRefusal: parsed.messageRefusal };
  }
  const first = parsed.fixes[0];
  const previous = first ? await repo.fixBefore(ctx.tx, tracker.id, first.at) : null;
  const { accepted, refusals: jumps } = dropJumps(parsed.fixes, previous, limits);
  const refusals = [...parsed.refusals, ...jumps].sort((a, b) => a.index - b.index);
  await repo.insertFixes(ctx.tx, tracker.id, accepted, source, ctx.now);
  await repo.insertRefusals(ctx.tx, refusals.map(refusalRow), ctx.now);
  if (accepted.length > 0) {
    const latest = accepted.reduce((a, b) => (b.at > a.at ? b : a));
    if (!tracker.last_at || latest.at >= new Date(tracker.last_at)) {
      const unit = presentLive(
        {
          id: tracker.id,
          name: tracker.name,
          kind: tracker.kind,
          subject_kind: tracker.subject_kind,
          subject_id: tracker.subject_id,
          subject_name: tracker.subject_name,
          lng: latest.lng,
          lat: latest.lat,
          last_at: latest.at,
          last_speed_kmh: latest.speedKmh,
          last_heading: latest.heading,
        },
        ctx.now,
        staleSeconds(ctx),
      );
      await emit(ctx, TRACKING_EVENTS.position, unit, { topic: TRACKING_TOPIC, orgPath: tracker.org_path, permission: TRACKING_READ });
    }
  }
  return { accepted: accepted.length, rejected: refusals.length, rejections: refusals.map(toRejection), messageRefusal: null };
}

function toRejection(r: FixRefusal) {
  return { index: r.index, reason: r.reason, message: refusalMessage(r) };
}

export type TrackerAuth = { ok: true; tracker: repo.TrackerRow } | { ok: false; reason: 'unknown' | 'disabled' };

/** Checks a tracker's code and secret (MQTT connect, HTTP report). */
export async function authenticateTracker(platform: Platform, code: string, secret: string): Promise<TrackerAuth> {
  const tracker = await repo.findTrackerByCode(platform.db, code);
  if (!tracker || tracker.kind !== 'device' || !tracker.secret_hash || !verifyDeviceSecret(secret, tracker.secret_hash))
    return { ok: false, reason: 'unknown' };
  if (tracker.status !== 'active') return { ok: false, reason: 'disabled' };
  return { ok: true, tracker };
}

/**
 * Stores a message a tracker sent (MQTT or HTTP) in its own transaction. `undefined` when the code
 * names no tracker; a disabled tracker's message is refused and recorded.
 */
export async function reportFromTracker(
  platform: Platform,
  code: string,
  body: unknown,
  source: 'mqtt' | 'http',
): Promise<StoredReport | undefined> {
  return inTransaction(platform, SYSTEM_ACTOR, NO_META, async (ctx) => {
    const tracker = await repo.findTrackerByCode(ctx.tx, code);
    if (!tracker || tracker.kind !== 'device') return undefined;
    if (tracker.status !== 'active') {
      const r: FixRefusal = { index: 0, reason: 'tracker_disabled' };
      await repo.insertRefusals(
        ctx.tx,
        [
          {
            tracker_id: tracker.id,
            tracker_code: code,
            org_path: tracker.org_path,
            source,
            reason: r.reason,
            message: TRACK_REFUSAL_ZH.tracker_disabled,
          },
        ],
        ctx.now,
      );
      return { accepted: 0, rejected: 1, rejections: [toRejection(r)], messageRefusal: r };
    }
    return storeMessage(ctx, tracker, body, source);
  });
}

/** Records a message from a code that names no tracker (external broker, HTTP with a stale code). */
export async function recordUnknownTracker(platform: Platform, code: string, source: 'mqtt' | 'http'): Promise<void> {
  await inTransaction(platform, SYSTEM_ACTOR, NO_META, async (ctx) => {
    await repo.insertRefusals(
      ctx.tx,
      [
        {
          tracker_id: null,
          tracker_code: code.slice(0, 64),
          org_path: null,
          source,
          reason: 'unknown_tracker',
          message: TRACK_REFUSAL_ZH.unknown_tracker,
        },
      ],
      ctx.now,
    );
  });
}

/** Records a message refused before it reached a tracker (a publish on another tracker's topic). */
export async function recordForeignPublish(platform: Platform, code: string, topic: string): Promise<void> {
  await inTransaction(platform, SYSTEM_ACTOR, NO_META, async (ctx) => {
    const tracker = await repo.findTrackerByCode(ctx.tx, code);
    await repo.insertRefusals(
      ctx.tx,
      [
        {
          tracker_id: tracker?.id ?? null,
          tracker_code: code,
          org_path: tracker?.org_path ?? null,
          source: 'mqtt',
          reason: 'forbidden_topic',
          message: refusalMessage({ reason: 'forbidden_topic', detail: topic.slice(0, 200) }),
        },
      ],
      ctx.now,
    );
  });
}

/**
 * A person shares their phone's position (the task page on a team leader's phone): their phone
 * tracker is created on first use (audited), then the fix is judged like any other (see
 * `acceptedOrRefused` for the answer). The browser gives speed in m/s; it is stored in km/h.
 */
export async function reportMyPosition(ctx: Ctx, input: MyPositionInput): Promise<StoredReport> {
  const { actor } = ctx;
  if (actor.kind !== 'user' || !actor.userId || !actor.orgId || !actor.orgPath) throw new AppError('FORBIDDEN', '只有登录用户可以共享位置');
  if (!actor.grants.some((g) => g.permissions.has(TRACKING_SHARE))) throw new AppError('FORBIDDEN', `缺少权限 ${TRACKING_SHARE}`);
  let tracker = await repo.findPhoneTracker(ctx.tx, actor.userId);
  if (!tracker) {
    const org = await findOrg(ctx.tx, actor.orgId);
    const name = `${actor.displayName ?? actor.username ?? '人员'}${org ? `（${org.name}）` : ''}`;
    await repo.insertTracker(ctx.tx, {
      id: newId(),
      code: `phone-${actor.userId}`,
      name,
      kind: 'phone',
      subject_kind: 'user',
      subject_id: actor.userId,
      subject_name: actor.displayName ?? actor.username ?? '人员',
      org_id: actor.orgId,
      org_path: actor.orgPath,
      secret_hash: null,
      source: 'phone',
      created_by: actor.userId,
      now: ctx.now,
    });
    tracker = (await repo.findPhoneTracker(ctx.tx, actor.userId))!;
    await recordAudit(ctx, { action: 'tracker.phone_enrolled', entity: 'tracker', entityId: tracker.id, after: { name } });
    await emitTrackerChanged(ctx, tracker);
  }
  const fix = { lng: input.lng, lat: input.lat, ...(input.speed !== undefined ? { speed: input.speed * 3.6 } : {}), ...pick(input) };
  return storeMessage(ctx, tracker, fix, 'phone');
}

/**
 * The answer to a phone's share once its transaction has committed (so a refusal stays recorded):
 * the counts, or a 400 naming the field when the fix was refused.
 */
export function acceptedOrRefused(report: StoredReport): PositionsAccepted {
  const refused = report.rejections[0];
  const result = { accepted: report.accepted, rejected: report.rejected, rejections: report.rejections };
  if (report.accepted === 0 && refused) {
    const field = ['outside_china', 'bad_coordinates', 'impossible_jump'].includes(refused.reason) ? 'lng' : 'body';
    throw new AppError('VALIDATION', refused.message, { errors: [{ field, message: refused.message }], extra: result });
  }
  return result;
}

function pick(input: MyPositionInput) {
  return {
    ...(input.heading !== undefined ? { heading: input.heading } : {}),
    ...(input.accuracy !== undefined ? { accuracy: input.accuracy } : {}),
  };
}

/** Deletes positions older than the retention period (worker job). */
export async function pruneTracks(platform: Platform): Promise<number> {
  const before = new Date(platform.clock.now().getTime() - platform.config.TRACK_RETENTION_DAYS * 86_400_000);
  return repo.prune(platform.db, before);
}

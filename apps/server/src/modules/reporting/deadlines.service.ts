import type { DeadlineDto, OverdueQuery, PageOf } from '@vigil/shared';
import type { Kysely } from 'kysely';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { inTransaction, NO_META, type Ctx, type Platform } from '../../platform/ctx.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { DomainEvent } from '../../platform/events/bus.js';
import { findIncidentForActor, type IncidentRow } from '../incidents/index.js';
import { computeDeadlines, planSync } from './deadlines.js';
import * as dl from './deadlines.repository.js';
import * as ins from './instructions.repository.js';
import { presentDeadline } from './reporting.presenter.js';
import { chainOf, reportsOfIncident } from './reports.repository.js';
import { decodeCursor, encodeCursor, readScope } from './reporting-scope.js';

type Db = Kysely<Database>;

/**
 * Brings an incident's stored deadlines in line with its grade, category, times, status and the
 * reports sent so far (in the caller's transaction). Returns whether anything changed.
 */
export async function syncIncidentDeadlines(tx: Db, incident: IncidentRow, now: Date): Promise<boolean> {
  const existing = await dl.existingDeadlines(tx, incident.id); // locks the incident's deadlines
  const rules = await dl.loadRules(tx);
  const reports = await reportsOfIncident(tx, incident.id);
  const chain = await chainOf(tx, incident.org_path);
  const figures = (x: { dead: number; missing: number; seriously_injured: number; lightly_injured: number }) => ({
    dead: x.dead,
    missing: x.missing,
    seriouslyInjured: x.seriously_injured,
    lightlyInjured: x.lightly_injured,
  });
  const desired = computeDeadlines({
    now,
    incident: {
      orgId: incident.org_id,
      eventType: incident.event_type,
      grade: incident.grade,
      status: incident.status,
      occurredAt: new Date(incident.occurred_at),
      receivedAt: new Date(incident.received_at),
      figures: figures(incident),
    },
    chain: chain.map((o) => ({ id: o.id, kind: o.kind, parentId: o.parent_id })),
    reports: reports.map((r) => ({
      id: r.id,
      orgId: r.org_id,
      toOrgId: r.to_org_id,
      kind: r.kind,
      submittedAt: new Date(r.submitted_at),
      phoneReportedAt: r.phone_reported_at ? new Date(r.phone_reported_at) : null,
      figures: figures(r),
    })),
    rules,
    existing,
  });
  const plan = planSync(existing, desired);
  await dl.applySync(tx, { id: incident.id, title: incident.title }, plan, new Map(chain.map((o) => [o.id, o.path])), now);
  await ins.refreshTitle(tx, incident.id, incident.title);
  return plan.inserts.length + plan.updates.length + plan.deletes.length + plan.cancels.length > 0;
}

/**
 * Reaction to `incident.created/updated/graded/status_changed`: recomputes the incident's
 * deadlines as the system, audited when something changed. A vanished incident is ignored.
 */
export async function onIncidentChanged(e: DomainEvent, platform: Platform): Promise<void> {
  const id = (e.payload as { incidentId?: unknown } | null)?.incidentId;
  if (typeof id !== 'string') return;
  await inTransaction(platform, SYSTEM_ACTOR, NO_META, async (ctx) => {
    let incident: IncidentRow;
    try {
      incident = await findIncidentForActor(ctx, id);
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND') return;
      throw err;
    }
    if (await syncIncidentDeadlines(ctx.tx, incident, ctx.now))
      await recordAudit(ctx, {
        action: 'report.deadlines_recomputed',
        entity: 'incident',
        entityId: id,
        after: { cause: e.name, grade: incident.grade, status: incident.status },
      });
  });
}

/** Rule wording by rule id (deadline descriptions). */
export async function ruleDescriptions(db: Db): Promise<Map<string, string>> {
  return new Map((await dl.loadRules(db)).map((r) => [r.id, r.description]));
}

/** The overdue board: deadlines that went overdue in the actor's subtree, open ones and those met late. */
export async function listOverdue(ctx: Ctx, q: OverdueQuery): Promise<PageOf<DeadlineDto>> {
  const after = decodeCursor(q.cursor);
  const f: dl.OverdueFilter = { paths: readScope(ctx.actor), open: q.open === undefined ? undefined : q.open === 'true', orgId: q.orgId };
  const rows = await dl.overdueDeadlines(ctx.tx, f, after, q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const descriptions = await ruleDescriptions(ctx.tx);
  return {
    items: page.map((d) => presentDeadline(d, ctx.now, descriptions)),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.due_at, last.id) : null,
    total: await dl.countOverdue(ctx.tx, f),
  };
}

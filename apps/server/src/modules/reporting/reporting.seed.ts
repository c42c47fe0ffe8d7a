import { REPORT_KIND_ZH, type ReportKind } from '@vigil/shared';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { NO_META, type Ctx, type Platform } from '../../platform/ctx.js';
import { newId } from '../../platform/ids.js';
import { addTimelineEntry, listIncidentsBetween, type IncidentRow } from '../incidents/index.js';
import { DEFAULT_DEADLINE_RULES } from './deadline-rules.js';
import { markDemoOverdue, seedRules } from './deadlines.repository.js';
import { syncIncidentDeadlines } from './deadlines.service.js';
import { demoAnswer, demoInstruction, demoPlan, type DemoStep } from './reporting-demo.js';
import * as ins from './instructions.repository.js';
import * as repo from './reports.repository.js';

const MIN = 60_000;

/** Adds the default deadline rules where missing (the bureau's own changes are kept). */
export async function seedReportingReference(platform: Platform): Promise<void> {
  await seedRules(platform.db, DEFAULT_DEADLINE_RULES);
}

function ctxAt(platform: Platform, at: Date): Ctx {
  return { tx: platform.db, actor: { ...SYSTEM_ACTOR, displayName: '演示数据' }, now: at, meta: NO_META, platform };
}

const demoUsers = new Map<string, { id: string | null; name: string }>();

/** The org's demo account (who signs demo reports and receipts), cached for the seeding run. */
async function demoUser(platform: Platform, orgId: string): Promise<{ id: string | null; name: string }> {
  const cached = demoUsers.get(orgId);
  if (cached) return cached;
  const u = await platform.db
    .selectFrom('app_user')
    .select(['id', 'display_name'])
    .where('org_id', '=', orgId)
    .where('is_demo', '=', true)
    .orderBy('username')
    .executeTakeFirst();
  const found = u ? { id: u.id, name: u.display_name } : { id: null, name: '值班员（演示）' };
  demoUsers.set(orgId, found);
  return found;
}

async function insertStep(platform: Platform, inc: IncidentRow, chain: repo.ChainOrgRow[], s: DemoStep, ids: Map<number, string>) {
  const from = chain.find((o) => o.id === s.fromOrgId)!;
  const to = chain.find((o) => o.id === from.parent_id)!;
  const by = await demoUser(platform, from.id);
  const id = newId();
  ids.set(s.index, id);
  await repo.insertReport(platform.db, {
    id,
    incident_id: inc.id,
    org_id: from.id,
    org_path: from.path,
    to_org_id: to.id,
    to_org_path: to.path,
    kind: s.kind,
    version: s.version,
    text: s.text,
    title: inc.title,
    event_type: inc.event_type,
    grade: inc.grade,
    status: s.status,
    dead: s.figures.dead,
    missing: s.figures.missing,
    seriously_injured: s.figures.seriouslyInjured,
    lightly_injured: s.figures.lightlyInjured,
    direct_loss_yuan: inc.direct_loss_yuan,
    phone_reported_at: s.phoneAt,
    forwarded_from_id: s.forwardOf === null ? null : (ids.get(s.forwardOf) ?? null),
    submitted_at: s.at,
    submitted_by: by.id,
    submitted_by_name: by.name,
    is_demo: true,
  });
  await addTimelineEntry(ctxAt(platform, s.at), inc.id, {
    kind: 'report.submitted',
    summary: `${from.name}向${to.name}提交${REPORT_KIND_ZH[s.kind as ReportKind]}`,
    data: { reportId: id, demo: true },
  });
  if (s.ackAt) {
    const ack = await demoUser(platform, to.id);
    await repo.markAcknowledged(platform.db, id, s.ackAt, ack);
  }
}

async function seedInstruction(platform: Platform, inc: IncidentRow, n: number): Promise<void> {
  const plan = demoInstruction(inc, n, platform.clock.now());
  if (!plan) return;
  const author = await platform.db
    .selectFrom('app_user')
    .select(['id', 'display_name'])
    .where('username', '=', 'commander')
    .executeTakeFirst();
  const id = newId();
  const targetId = newId();
  await ins.insertInstruction(platform.db, {
    id,
    incident_id: inc.id,
    org_id: inc.org_id,
    org_path: inc.org_path,
    incident_title: inc.title,
    text: plan.text,
    author_id: author?.id ?? null,
    author_name: author?.display_name ?? '指挥长（演示）',
    issued_at: plan.issuedAt,
    due_at: plan.dueAt,
    is_demo: true,
  });
  await ins.insertTargets(platform.db, [{ id: targetId, instruction_id: id, user_id: null, org_id: inc.org_id, org_path: inc.org_path }]);
  await ins.insertTargetDeadlines(platform.db, [
    {
      id: newId(),
      incident_id: inc.id,
      incident_title: inc.title,
      org_id: inc.org_id,
      org_path: inc.org_path,
      target_id: targetId,
      due_at: plan.dueAt,
      now: plan.issuedAt,
    },
  ]);
  await addTimelineEntry(ctxAt(platform, plan.issuedAt), inc.id, {
    kind: 'instruction.issued',
    summary: `领导批示：${plan.text}`,
    data: { instructionId: id },
  });
  const answer = demoAnswer(plan, n);
  const now = platform.clock.now().getTime();
  if (!answer || answer.ackAt.getTime() > now) return;
  const by = await demoUser(platform, inc.org_id);
  await ins.acknowledgeTargets(platform.db, [targetId], answer.ackAt, by);
  if (!answer.feedbackAt || answer.feedbackAt.getTime() > now) return;
  await ins.answerTargets(platform.db, [targetId], answer.text, answer.feedbackAt, by);
  await ins.satisfyTargetDeadlines(platform.db, [targetId], answer.feedbackAt);
}

/**
 * Demo reporting for the demo incidents: first reports mostly on time with some late (迟报) and a
 * few missing, read receipts, the city passing 较大+ incidents to the province, follow-ups, final
 * reports for closed incidents, a few leaders' instructions with feedback; then the deadlines,
 * with those already past marked overdue as the worker would have. Skipped when demo reports exist.
 */
export async function seedDemoReporting(platform: Platform): Promise<void> {
  const db = platform.db;
  const done = await db.selectFrom('incident_report').select('id').where('is_demo', '=', true).limit(1).executeTakeFirst();
  if (done) return;
  const now = platform.clock.now();
  const incidents = (await listIncidentsBetween(db, { orgPaths: ['fj'], from: new Date(now.getTime() - 60 * 1440 * MIN), to: now }))
    .filter((i) => i.is_demo)
    .sort((a, b) => new Date(a.received_at).getTime() - new Date(b.received_at).getTime());
  if (incidents.length === 0) return;
  demoUsers.clear();
  for (const [n, inc] of incidents.entries()) {
    const chain = await repo.chainOf(db, inc.org_path);
    // The deadlines as they stood at receipt (the phone report of 较大+ incidents), then the story.
    await syncIncidentDeadlines(db, { ...inc, status: 'received' }, new Date(inc.received_at));
    const ids = new Map<number, string>();
    for (const s of demoPlan(inc, chain, n, now)) await insertStep(platform, inc, chain, s, ids);
    await seedInstruction(platform, inc, n);
    await syncIncidentDeadlines(db, inc, now);
  }
  await markDemoOverdue(
    db,
    incidents.map((i) => i.id),
    now,
  );
}

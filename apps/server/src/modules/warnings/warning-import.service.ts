import { createHash } from 'node:crypto';
import { buildCapXml } from '@vigil/cap';
import type { WarningImportResultDto } from '@vigil/shared';
import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/ctx.js';
import { newId } from '../../platform/ids.js';
import { expiresMs, readIncoming, referencesOf, warningFieldsOf } from './warning-incoming.js';
import * as feeds from './warning-feeds.repository.js';
import { transition } from './warning-status.js';
import * as repo from './warnings.repository.js';
import type { WarningRow } from './warnings.repository.js';
import { emitWarningEvent, WARNING_EVENTS } from './warnings.events.js';

export interface ImportTarget {
  /** The org that receives the warning (the feed's org, or the uploader's). */
  orgId: string;
  orgPath: string;
  feedId: string | null;
}

type Result = WarningImportResultDto;

async function knownCodes(ctx: Ctx): Promise<{ known: Set<string>; names: Record<string, string> }> {
  const r = await sql<{ code: string; name: string }>`
    SELECT code, name_zh AS name FROM warning_type
    UNION SELECT code, name FROM code_table WHERE family IN ('event', 'warning')`.execute(ctx.tx);
  return { known: new Set(r.rows.map((x) => x.code)), names: Object.fromEntries(r.rows.map((x) => [x.code, x.name])) };
}

async function log(ctx: Ctx, sha: string, t: ImportTarget, r: Result, msgType: string | null): Promise<Result> {
  await feeds.insertLog(ctx.tx, {
    id: newId(),
    feed_id: t.feedId,
    content_sha256: sha,
    outcome: r.outcome,
    identifier: r.identifier?.slice(0, 300) ?? null,
    sender: r.sender?.slice(0, 300) ?? null,
    msg_type: msgType,
    signature_status: r.signatureStatus,
    warning_id: r.warningId,
    error: r.error,
    actor_id: ctx.actor.userId,
    received_at: ctx.now,
    last_seen_at: ctx.now,
  });
  await recordAudit(ctx, {
    action:
      r.outcome === 'rejected' ? 'warning.import_rejected' : r.outcome === 'duplicate' ? 'warning.import_duplicate' : 'warning.imported',
    entity: 'warning',
    entityId: r.warningId,
    result: r.outcome === 'rejected' ? 'failed' : 'ok',
    after: {
      outcome: r.outcome,
      identifier: r.identifier,
      sender: r.sender,
      signature: r.signatureStatus,
      feedId: t.feedId,
      error: r.error,
    },
  });
  return r;
}

/** Published warnings a message refers to (by sender and identifier, or identifier alone). */
async function referenced(ctx: Ctx, refs: { sender: string | null; identifier: string }[]): Promise<WarningRow[]> {
  const out: WarningRow[] = [];
  for (const ref of refs) {
    const w = ref.sender
      ? await repo.findBySenderIdentifier(ctx.tx, ref.sender, ref.identifier)
      : await repo.findByIdentifier(ctx.tx, ref.identifier);
    if (w && w.status === 'published' && !out.some((x) => x.id === w.id)) out.push((await repo.lockWarning(ctx.tx, w.id))!);
  }
  return out;
}

async function endReferenced(
  ctx: Ctx,
  rows: WarningRow[],
  action: 'supersede' | 'cancel',
  byId: string | null,
  reason: string,
): Promise<void> {
  for (const w of rows) {
    const to = transition(w.status, action);
    await repo.updateWarning(ctx.tx, w.id, {
      status: to,
      ended_at: ctx.now,
      updated_at: ctx.now,
      ...(action === 'supersede' ? { superseded_by_id: byId } : { cancel_reason: reason }),
    });
    const after = (await repo.findWarning(ctx.tx, w.id))!;
    await recordAudit(ctx, {
      action: `warning.${to}`,
      entity: 'warning',
      entityId: w.id,
      before: { status: w.status },
      after: { status: to, by: byId, reason },
    });
    await emitWarningEvent(ctx, action === 'supersede' ? WARNING_EVENTS.superseded : WARNING_EVENTS.cancelled, after, {
      previousStatus: w.status,
    });
  }
}

/**
 * Imports one external alert (CAP 1.2 or GB/T 35965.1). Never throws for a bad item: it is recorded
 * in the import log with its error and returned as `rejected`. Identical content and a known
 * (sender, identifier) are duplicates; an Update supersedes the warnings it references, a Cancel
 * cancels them; an alert already expired on arrival is rejected. Signature status is stored.
 */
export async function importAlert(ctx: Ctx, xml: string, t: ImportTarget): Promise<Result> {
  const sha = createHash('sha256').update(xml).digest('hex');
  const seen = await feeds.findLogByContent(ctx.tx, sha);
  if (seen) {
    await feeds.touchLog(ctx.tx, seen.id, ctx.now);
    const outcome = seen.outcome === 'rejected' ? 'rejected' : 'duplicate';
    return {
      outcome,
      identifier: seen.identifier,
      sender: seen.sender,
      signatureStatus: seen.signature_status,
      warningId: seen.warning_id,
      error: seen.error,
    };
  }
  const { known, names } = await knownCodes(ctx);
  const inc = readIncoming(xml, { knownEventTypes: known, eventTypeNames: names });
  if (!inc.ok) {
    const r: Result = {
      outcome: 'rejected',
      identifier: inc.identifier,
      sender: inc.sender,
      signatureStatus: null,
      warningId: null,
      error: inc.error,
      errors: inc.errors,
    };
    await log(ctx, sha, t, r, null);
    return r;
  }
  const { alert } = inc;
  const base = { identifier: alert.identifier, sender: alert.sender, signatureStatus: inc.signature };
  const existing = await repo.findBySenderIdentifier(ctx.tx, alert.sender, alert.identifier);
  if (existing) return log(ctx, sha, t, { ...base, outcome: 'duplicate', warningId: existing.id, error: null }, alert.msgType);
  const refs = await referenced(ctx, referencesOf(alert));
  if (alert.msgType === 'Cancel') {
    await endReferenced(ctx, refs, 'cancel', null, alert.note ?? `${alert.sender} 解除预警`);
    return log(
      ctx,
      sha,
      t,
      { ...base, outcome: 'cancelled', warningId: refs[0]?.id ?? null, error: refs.length ? null : '未找到被解除的预警（已记录）' },
      alert.msgType,
    );
  }
  const exp = expiresMs(alert);
  if (exp !== null && exp <= ctx.now.getTime()) {
    return log(ctx, sha, t, { ...base, outcome: 'rejected', warningId: null, error: '预警到达时已过期，未导入' }, alert.msgType);
  }
  const f = warningFieldsOf(alert);
  const id = newId();
  await repo.insertWarning(ctx.tx, {
    id,
    org_id: t.orgId,
    org_path: t.orgPath,
    source: 'external',
    status: 'published',
    type_code: f.typeCode,
    colour: f.colour,
    headline: f.headline,
    description: f.description,
    instruction: f.instruction,
    en: f.en ? JSON.stringify(f.en) : null,
    audience: f.audience,
    channels: [],
    area_desc: f.areaDesc,
    division_codes: f.divisionCodes,
    circle: f.circle ? JSON.stringify(f.circle) : null,
    effective_at: f.effective,
    onset_at: f.onset,
    expires_at: f.expires,
    previous_id: refs[0]?.id ?? null,
    identifier: alert.identifier,
    sender: alert.sender,
    sent_at: new Date(alert.sent),
    msg_type: alert.msgType === 'Update' ? 'Update' : 'Alert',
    cap_xml: inc.format === 'cap' ? xml : buildCapXml(alert),
    gb_xml: inc.format === 'gb' ? xml : null,
    raw_format: inc.format,
    signature_status: inc.signature,
    signer: inc.signer,
    feed_id: t.feedId,
    created_by: ctx.actor.userId,
    created_by_name: ctx.actor.displayName ?? ctx.actor.username,
    published_at: ctx.now,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  await repo.refreshGeom(ctx.tx, id, f.polygons);
  if (alert.msgType === 'Update') await endReferenced(ctx, refs, 'supersede', id, '');
  const row = (await repo.findWarning(ctx.tx, id))!;
  await emitWarningEvent(ctx, WARNING_EVENTS.imported, row, { signatureStatus: inc.signature, msgType: alert.msgType });
  return log(
    ctx,
    sha,
    t,
    { ...base, outcome: alert.msgType === 'Update' ? 'updated' : 'created', warningId: id, error: null },
    alert.msgType,
  );
}

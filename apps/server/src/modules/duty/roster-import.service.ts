import { DUTY_EVENTS, type RosterImportError, type RosterImportResultDto } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { authorizeRow } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import type { OrgRow } from '../../platform/db/schema.js';
import { invalid } from '../../platform/errors.js';
import { emit } from '../../platform/events/outbox.js';
import { newId } from '../../platform/ids.js';
import { openPhone, personPhoneContext } from './duty-secrets.js';
import { dutyOrg } from './duty.policy.js';
import * as errorsRepo from './import-errors.repository.js';
import { overlapConflicts, describeConflict, type Booking } from './overlap.js';
import { assertDistinct, personInserts, planPeople, type PersonPlan } from './roster-people.js';
import { parseRosterRows, type ShiftDraft } from './roster-rows.js';
import { importErrorReport, looksLikeXlsx, readRosterWorkbook } from './roster-xlsx.js';
import { dutyTopic } from './roster.service.js';
import * as repo from './shifts.repository.js';
import type { PersonRow, ShiftRow } from './shifts.repository.js';

export type ImportOutcome = { ok: true; result: RosterImportResultDto } | { ok: false; errors: RosterImportError[]; reportId: string };

interface Planned {
  draft: ShiftDraft;
  plans: PersonPlan[];
  existing: ShiftRow | undefined;
}

const columnOf = (p: PersonPlan) => (p.role === 'leader' ? '带班领导' : '值班员');

async function planDrafts(ctx: Ctx, org: OrgRow, drafts: ShiftDraft[], errors: RosterImportError[]): Promise<Planned[]> {
  const users = await repo.orgUsers(ctx.tx, org.id);
  const planned: Planned[] = [];
  for (const d of drafts) {
    try {
      const toInput = (p: ShiftDraft['officers'][number]) => ({
        ...(p.userId ? { userId: p.userId } : { name: p.name }),
        ...(p.phone ? { phone: p.phone } : {}),
      });
      const plans = await planPeople(ctx, org.id, d.leader && toInput(d.leader), d.officers.map(toInput), users);
      assertDistinct(plans);
      planned.push({ draft: d, plans, existing: await repo.findShiftByWindow(ctx.tx, org.id, d.start, d.end) });
    } catch (e) {
      errors.push({ row: d.row, column: '值班员', message: e instanceof Error ? e.message : String(e) });
    }
  }
  return planned;
}

/** Overlaps with shifts already stored (except those this file replaces) and between rows of the file. */
async function overlapErrors(ctx: Ctx, planned: Planned[]): Promise<RosterImportError[]> {
  const replaced = new Set(planned.flatMap((p) => (p.existing ? [p.existing.id] : [])));
  const errors: RosterImportError[] = [];
  const fileBookings: (Booking & { row: number })[] = [];
  for (const p of planned) {
    const stored = await repo.bookingsOf(
      ctx.tx,
      p.plans.map((x) => x.key),
      p.draft.start,
      p.draft.end,
    );
    const bookings: Booking[] = [
      ...stored
        .filter((b) => !replaced.has(b.shift_id))
        .map((b) => ({
          shiftId: b.shift_id,
          orgName: b.org_name,
          personKey: b.person_key,
          personName: b.name,
          start: new Date(b.starts_at),
          end: new Date(b.ends_at),
        })),
      ...fileBookings,
    ];
    for (const c of overlapConflicts(
      { shiftId: `row:${p.draft.row}`, start: p.draft.start, end: p.draft.end, people: p.plans },
      bookings,
    )) {
      const plan = p.plans.find((x) => x.name === c.personName)!;
      const inFile = fileBookings.find((b) => b.shiftId === c.other.shiftId);
      const message = inFile ? `${c.personName} 与第 ${inFile.row} 行的班次时间重叠` : describeConflict(c);
      errors.push({ row: p.draft.row, column: columnOf(plan), message });
    }
    for (const x of p.plans)
      fileBookings.push({
        row: p.draft.row,
        shiftId: `row:${p.draft.row}`,
        orgName: '本文件',
        personKey: x.key,
        personName: x.name,
        start: p.draft.start,
        end: p.draft.end,
      });
  }
  return errors;
}

function samePeople(ctx: Ctx, plans: PersonPlan[], rows: PersonRow[]): boolean {
  if (plans.length !== rows.length) return false;
  return plans.every((p) => {
    const r = rows.find((x) => x.person_key === p.key && x.role === p.role && x.position === p.position);
    if (!r) return false;
    if (!p.phone) return true; // a phone left empty keeps the stored one
    return openPhone(ctx.platform.config, r.phone_sealed, personPhoneContext(r.id)) === p.phone;
  });
}

async function reject(ctx: Ctx, org: OrgRow, fileName: string | null, errors: RosterImportError[]): Promise<ImportOutcome> {
  const id = newId();
  const sorted = [...errors].sort((a, b) => a.row - b.row);
  await errorsRepo.insertImportError(ctx.tx, {
    id,
    org_id: org.id,
    org_path: org.path,
    file_name: fileName,
    errors: JSON.stringify(sorted),
    created_by: ctx.actor.userId,
    created_at: ctx.now,
  });
  await recordAudit(ctx, {
    action: 'duty.roster_import_rejected',
    entity: 'duty_import_error',
    entityId: id,
    result: 'failed',
    after: { orgId: org.id, fileName, errors: sorted.length },
  });
  return { ok: false, errors: sorted, reportId: id };
}

async function apply(ctx: Ctx, org: OrgRow, planned: Planned[]): Promise<Omit<RosterImportResultDto, 'rows'>> {
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const { draft: d, plans, existing } of planned) {
    const note = d.note;
    if (existing) {
      const previous = await repo.peopleOf(ctx.tx, [existing.id]);
      if (existing.kind === d.kind && existing.note === note && samePeople(ctx, plans, previous)) {
        counts.unchanged++;
        continue;
      }
      await repo.updateShift(ctx.tx, existing.id, { kind: d.kind, note }, ctx.now);
      await repo.replacePeople(ctx.tx, existing.id, personInserts(ctx, existing.id, plans, previous));
      counts.updated++;
      continue;
    }
    const id = newId();
    await repo.insertShift(ctx.tx, {
      id,
      org_id: org.id,
      org_path: org.path,
      starts_at: d.start,
      ends_at: d.end,
      kind: d.kind,
      note,
      source: 'import',
      created_by: ctx.actor.userId,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    await repo.replacePeople(ctx.tx, id, personInserts(ctx, id, plans));
    counts.created++;
  }
  return counts;
}

/**
 * Imports a roster from the Excel template, all or nothing. Every row is validated (fields, people,
 * overlaps in the file and with stored shifts); any error writes nothing but an error report and
 * returns the errors. Shifts are matched on org + start + end, so the same file imported twice
 * changes nothing.
 */
export async function importRoster(ctx: Ctx, orgId: string, file: { data: Buffer; fileName: string | null }): Promise<ImportOutcome> {
  const org = await dutyOrg(ctx, orgId, 'duty.manage');
  if (!looksLikeXlsx(file.data)) invalid('file', '文件不是 Excel（.xlsx）文件，请使用下载的模板');
  const book = await readRosterWorkbook(file.data);
  if ('fileErrors' in book) return reject(ctx, org, file.fileName, book.fileErrors);
  const users = await repo.orgUsers(ctx.tx, org.id);
  const { drafts, errors } = parseRosterRows(
    book.rows,
    users.map((u) => ({ id: u.id, username: u.username, displayName: u.display_name })),
  );
  await repo.lockRoster(ctx.tx);
  const planned = await planDrafts(ctx, org, drafts, errors);
  errors.push(...(await overlapErrors(ctx, planned)));
  if (errors.length > 0) return reject(ctx, org, file.fileName, errors);
  const counts = await apply(ctx, org, planned);
  const result = { rows: book.rows.length, ...counts };
  await recordAudit(ctx, {
    action: 'duty.roster_imported',
    entity: 'org',
    entityId: org.id,
    after: { fileName: file.fileName, ...result },
  });
  if (counts.created + counts.updated > 0) await emit(ctx, DUTY_EVENTS.rosterImported, { orgId: org.id, ...result }, dutyTopic(org.path));
  return { ok: true, result };
}

/** The error report of a rejected import, as .xlsx (for people who may manage that org's roster). */
export async function importErrorsXlsx(ctx: Ctx, id: string): Promise<Buffer> {
  const row = await authorizeRow(ctx, 'duty.manage', 'duty_import_error', id, await errorsRepo.findImportError(ctx.tx, id), 'duty.read');
  return importErrorReport(row.errors as RosterImportError[], row.file_name);
}

import type { DeadlineKind, ReportKind } from '@vigil/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { openForOrg } from './deadlines.repository.js';
import { instructionsBetween, openInstructionsForOrg } from './instructions.repository.js';
import { reportsBetween } from './reports.repository.js';

type Db = Kysely<Database>;

/** A report in the duty digest; org fields are names, times ISO strings. */
export interface DigestReport {
  incidentId: string;
  incidentTitle: string;
  kind: ReportKind;
  fromOrg: string;
  toOrg: string;
  submittedAt: string;
  acknowledgedAt: string | null;
  /** The report met one of its deadlines late (迟报). */
  overdue: boolean;
}

export interface DigestInstruction {
  incidentId: string;
  incidentTitle: string;
  text: string;
  author: string;
  issuedAt: string;
  /** Targets that have not reported back yet. */
  openTargets: number;
}

export interface DutyDigest {
  reports: DigestReport[];
  instructions: DigestInstruction[];
}

/**
 * What happened in the reporting chain in [from, to) for the duty desk's daily report and handover:
 * reports sent from or to an org in the subtrees, and instructions issued on their incidents.
 */
export async function dutyDigest(db: Db, p: { orgPaths: string[]; from: Date; to: Date }): Promise<DutyDigest> {
  if (p.orgPaths.length === 0) return { reports: [], instructions: [] };
  const reports = await reportsBetween(db, p.orgPaths, p.from, p.to);
  const instructions = await instructionsBetween(db, p.orgPaths, p.from, p.to);
  return {
    reports: reports.map((r) => ({
      incidentId: r.incident_id,
      incidentTitle: r.title,
      kind: r.kind,
      fromOrg: r.from_org_name,
      toOrg: r.to_org_name,
      submittedAt: new Date(r.submitted_at).toISOString(),
      acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at).toISOString() : null,
      overdue: Boolean(r.late),
    })),
    instructions: instructions.map((i) => ({
      incidentId: i.incident_id,
      incidentTitle: i.incident_title,
      text: i.text,
      author: i.author_name,
      issuedAt: new Date(i.issued_at).toISOString(),
      openTargets: Number(i.open_targets ?? 0),
    })),
  };
}

export interface OpenItems {
  reportsDue: { incidentId: string; incidentTitle: string; kind: DeadlineKind; dueAt: string; overdue: boolean }[];
  instructions: { id: string; incidentId: string; incidentTitle: string; text: string; dueAt: string }[];
}

/**
 * What one org still owes at `at` (handed over at shift change): its unmet report deadlines, soonest
 * first (overdue ones flagged), and the instructions addressed to it or its people still unanswered.
 */
export async function openItems(db: Db, p: { orgPath: string; at: Date }): Promise<OpenItems> {
  const due = await openForOrg(db, p.orgPath);
  const instr = await openInstructionsForOrg(db, p.orgPath);
  return {
    reportsDue: due
      .filter((d) => d.kind !== 'instruction_feedback')
      .map((d) => ({
        incidentId: d.incident_id,
        incidentTitle: d.incident_title,
        kind: d.kind as DeadlineKind,
        dueAt: new Date(d.due_at).toISOString(),
        overdue: new Date(d.due_at).getTime() <= p.at.getTime(),
      })),
    instructions: instr.map((i) => ({
      id: i.id,
      incidentId: i.incident_id,
      incidentTitle: i.incident_title,
      text: i.text,
      dueAt: new Date(i.due_at).toISOString(),
    })),
  };
}

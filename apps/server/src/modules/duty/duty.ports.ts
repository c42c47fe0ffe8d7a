/**
 * What the duty desk reads from the incident and reporting modules, in one place. Each call is
 * made through the other module's index; a function the other module does not (yet) provide
 * yields empty lists, so handovers and daily reports still work without it.
 */
import type { Kysely } from 'kysely';
import { AuditedError } from '../../platform/audit/audited-error.js';
import type { Ctx } from '../../platform/ctx.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import * as incidents from '../incidents/index.js';
import * as reporting from '../reporting/index.js';

type Db = Kysely<Database>;

/** The incident fields the duty desk shows. */
export interface IncidentBrief {
  id: string;
  title: string;
  event_type: string;
  grade: number | null;
  status: string;
  received_at: Date;
  dead: number;
  missing: number;
  seriously_injured: number;
  lightly_injured: number;
}

export interface DigestPort {
  reports: {
    incidentId: string;
    incidentTitle: string;
    kind: string;
    fromOrg: string;
    toOrg: string;
    submittedAt: string | null;
    acknowledgedAt: string | null;
    overdue: boolean;
  }[];
  instructions: { incidentId: string; incidentTitle: string; text: string; author: string; issuedAt: string; openTargets: number }[];
}

export interface OpenItemsPort {
  reportsDue: { incidentId: string; incidentTitle: string; kind: string; dueAt: string; overdue: boolean }[];
  instructions: { id: string; incidentId: string; incidentTitle: string; text: string; dueAt: string | null }[];
}

interface IncidentsPort {
  listIncidentsBetween(db: Db, p: { orgPaths: string[]; from: Date; to: Date }): Promise<IncidentBrief[]>;
  findIncidentForActor(ctx: Ctx, id: string): Promise<{ id: string }>;
}

interface ReportingPort {
  dutyDigest(db: Db, p: { orgPaths: string[]; from: Date; to: Date }): Promise<DigestPort>;
  openItems(db: Db, p: { orgPath: string; at: Date }): Promise<OpenItemsPort>;
}

const incidentsPort = incidents as Partial<IncidentsPort>;
const reportingPort = reporting as Partial<ReportingPort>;

/** Incidents received in [from, to) within the subtrees. */
export async function incidentsBetween(db: Db, p: { orgPaths: string[]; from: Date; to: Date }): Promise<IncidentBrief[]> {
  if (!incidentsPort.listIncidentsBetween || p.orgPaths.length === 0) return [];
  return incidentsPort.listIncidentsBetween(db, p);
}

const OPEN_STATUSES = new Set(['received', 'verified', 'responding']);

/** Incidents of the org still open (received in the last 30 days, not closed, merged or false). */
export async function openIncidents(db: Db, orgPath: string, at: Date): Promise<IncidentBrief[]> {
  const rows = await incidentsBetween(db, { orgPaths: [orgPath], from: new Date(at.getTime() - 30 * 86_400_000), to: at });
  return rows.filter((r) => OPEN_STATUSES.has(r.status));
}

/** Reports and instructions of the reporting chain in [from, to). */
export async function reportingDigest(db: Db, p: { orgPaths: string[]; from: Date; to: Date }): Promise<DigestPort> {
  if (!reportingPort.dutyDigest || p.orgPaths.length === 0) return { reports: [], instructions: [] };
  return reportingPort.dutyDigest(db, p);
}

/** Reports due and instructions open for the org at `at`. */
export async function reportingOpenItems(db: Db, p: { orgPath: string; at: Date }): Promise<OpenItemsPort> {
  if (!reportingPort.openItems) return { reportsDue: [], instructions: [] };
  return reportingPort.openItems(db, p);
}

/**
 * Checks an incident a duty log entry links to: it must exist and be visible to the actor. An
 * unknown or out-of-scope id is a 400 on `incidentId` (out-of-scope attempts stay audited).
 */
export async function checkIncidentLink(ctx: Ctx, id: string): Promise<void> {
  if (!incidentsPort.findIncidentForActor) return;
  const message = '事件不存在或不在您的管辖范围内';
  try {
    await incidentsPort.findIncidentForActor(ctx, id);
  } catch (e) {
    const errors = [{ field: 'incidentId', message }];
    if (e instanceof AuditedError) throw new AuditedError('VALIDATION', message, e.audit, errors);
    if (e instanceof AppError && e.code === 'NOT_FOUND') throw new AppError('VALIDATION', message, { errors });
    throw e;
  }
}

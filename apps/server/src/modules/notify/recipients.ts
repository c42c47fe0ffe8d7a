import { normalizeMobile, type NotifyChannel, type RecipientKind, type WarningColour } from '@vigil/shared';
import type { Ctx } from '../../platform/ctx.js';
import { onDutyNow } from '../duty/index.js';
import * as repo from './recipients.repository.js';

/** Someone to tell, with an address for each channel that can reach them. */
export interface Recipient {
  kind: RecipientKind;
  id: string | null;
  name: string | null;
  addresses: Partial<Record<NotifyChannel, string>>;
}

/** Where a message applies and who is responsible there. */
export interface AreaQuery {
  /** Admin divisions of the area. */
  divisionCodes: string[];
  /** The area's shape as GeoJSON (WGS84), beyond the divisions; null when it has none. */
  geometry: string | null;
  /** Warning colour, for subscribers' minimum colour (null: only subscribers without a minimum). */
  colour: WarningColour | null;
  /** Path of the issuing org: subscribers in its line hear from it. */
  sourceOrgPath: string;
  /** Orgs to tell: their on-duty leader and officers are reached by SMS, e-mail and in-app. */
  orgIds: string[];
  /** Users told in-app (the caller decides who, e.g. warning readers of the orgs). */
  userIds?: string[];
}

/**
 * Another way of finding recipients in an area, contributed by another module. Devices inside the
 * polygon (sirens, displays, broadcast terminals) belong to the monitoring module, which registers
 * its source here at start-up (`registerAreaRecipientSource`).
 */
export interface AreaRecipientSource {
  name: string;
  resolve(ctx: Ctx, q: AreaQuery): Promise<Recipient[]>;
}

const extraSources: AreaRecipientSource[] = [];

/** Adds (or replaces, by name) a recipient source consulted by `resolveAreaRecipients`. */
export function registerAreaRecipientSource(source: AreaRecipientSource): void {
  const i = extraSources.findIndex((s) => s.name === source.name);
  if (i >= 0) extraSources[i] = source;
  else extraSources.push(source);
}

/** The sources registered by other modules (names), for operators and tests. */
export function areaRecipientSources(): string[] {
  return extraSources.map((s) => s.name);
}

async function users(ctx: Ctx, ids: readonly string[]): Promise<Recipient[]> {
  return (await repo.activeUsers(ctx.tx, [...new Set(ids)])).map((u) => ({
    kind: 'user',
    id: u.id,
    name: u.name,
    addresses: { in_app: u.id },
  }));
}

/** The leader and officers on duty now in each of the orgs (not their sub-orgs). */
async function onDutyOfficers(ctx: Ctx, orgIds: readonly string[]): Promise<Recipient[]> {
  const orgs = await repo.orgPaths(ctx.tx, orgIds);
  if (orgs.length === 0) return [];
  const wanted = new Set(orgs.map((o) => o.id));
  const entries = (await onDutyNow(ctx.tx, { orgPaths: orgs.map((o) => o.path), at: ctx.now })).filter((e) => wanted.has(e.orgId));
  const people = entries.flatMap((e) => [
    ...(e.leader ? [{ ...e.leader, userId: null as string | null, orgName: e.orgName }] : []),
    ...e.officers.map((o) => ({ ...o, orgName: e.orgName })),
  ]);
  const accounts = new Map(
    (
      await repo.activeUsers(
        ctx.tx,
        people.flatMap((p) => (p.userId ? [p.userId] : [])),
      )
    ).map((u) => [u.id, u]),
  );
  return people.map((p) => {
    const account = p.userId ? accounts.get(p.userId) : undefined;
    const phone = p.phone ? normalizeMobile(p.phone) : null;
    return {
      kind: 'duty_officer' as const,
      id: p.userId,
      name: `${p.name}（${p.orgName}）`,
      addresses: {
        ...(phone ? { sms: phone } : {}),
        ...(account?.email ? { email: account.email } : {}),
        ...(account ? { in_app: account.id } : {}),
      },
    };
  });
}

async function enterprises(ctx: Ctx, q: AreaQuery): Promise<Recipient[]> {
  return (await repo.enterprisesInArea(ctx.tx, q)).flatMap((e) => {
    const phone = normalizeMobile(e.phone);
    if (!phone) return [];
    const name = e.kind === 'hazard' && e.enterprise ? `${e.enterprise} · ${e.name}` : e.name;
    return [{ kind: 'enterprise' as const, id: e.id, name, addresses: { sms: phone } }];
  });
}

async function subscribers(ctx: Ctx, q: AreaQuery): Promise<Recipient[]> {
  const rows = await repo.subscribersFor(ctx.tx, { ...q, colour: q.colour, orgPath: q.sourceOrgPath });
  return rows.map((s) => ({ kind: 'subscriber' as const, id: s.id, name: s.name, addresses: { [s.channel]: s.address } }));
}

/**
 * Everyone to tell about something happening in an area: the given users (in-app), the on-duty
 * people of the given orgs, enterprises and protected sites inside the area, matching
 * subscribers, and whatever other modules' sources add (devices). Duplicates are removed when
 * the deliveries are written (one per channel and address).
 */
export async function resolveAreaRecipients(ctx: Ctx, q: AreaQuery): Promise<Recipient[]> {
  const out: Recipient[] = [
    ...(await users(ctx, q.userIds ?? [])),
    ...(await onDutyOfficers(ctx, q.orgIds)),
    ...(await enterprises(ctx, q)),
    ...(await subscribers(ctx, q)),
  ];
  for (const source of extraSources) out.push(...(await source.resolve(ctx, q)));
  return out;
}

import {
  NOTIFY_EVENTS,
  normalizeMobile,
  type CreateSubscriberInput,
  type PageOf,
  type SubscriberChannel,
  type SubscriberDto,
  type SubscriberListQuery,
  type SubscriberSavedDto,
  type UpdateSubscriberInput,
} from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { sealSecret } from '../../platform/auth/secret-box.js';
import { denyOutOfScope } from '../../platform/auth/scope.js';
import type { Ctx } from '../../platform/ctx.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { findOrg, resolveOrgRef } from '../orgs/index.js';
import { emitNotifyEvent } from './notify.events.js';
import { canManage, subscriberScope } from './notify.policy.js';
import { presentSubscriber } from './notify.presenter.js';
import { generateWebhookSecret, subscriberSecretContext } from './subscriber-secret.js';
import * as repo from './subscribers.repository.js';

/** The stored form of an address: mobile numbers without separators, e-mail addresses in lower case. */
function storedAddress(channel: SubscriberChannel, address: string): string {
  if (channel === 'sms') return normalizeMobile(address) ?? address;
  if (channel === 'email') return address.trim().toLowerCase();
  return address.trim();
}

async function checkDivisions(ctx: Ctx, codes: string[]): Promise<string[]> {
  const unique = [...new Set(codes)];
  const known = new Set(await repo.knownDivisions(ctx.tx, unique));
  const i = codes.findIndex((c) => !known.has(c));
  if (i >= 0) invalid(`divisionCodes.${i}`, `行政区划代码 ${codes[i]} 不存在`);
  return unique;
}

async function checkUnique(ctx: Ctx, orgId: string, channel: SubscriberChannel, address: string, exceptId: string | null) {
  const other = await repo.findDuplicate(ctx.tx, orgId, channel, address, exceptId);
  if (other)
    throw new AppError('CONFLICT', `该单位已有相同地址的订阅「${other.name}」`, {
      errors: [{ field: 'address', message: '地址已被本单位的其他订阅使用' }],
    });
}

async function owningOrg(ctx: Ctx, orgId: string | undefined): Promise<{ id: string; path: string }> {
  if (orgId) return resolveOrgRef(ctx, orgId, 'orgId', 'notify.manage');
  const own = ctx.actor.orgId ? await findOrg(ctx.tx, ctx.actor.orgId) : undefined;
  if (!own) invalid('orgId', '请指定订阅所属单位');
  if (!canManage(ctx.actor, own.path)) invalid('orgId', '您不能管理本单位的订阅，请指定所属单位');
  return own;
}

/** Loads a subscriber the actor manages: 404 when missing, an audited 404 outside the actor's subtrees. */
async function loadSubscriber(ctx: Ctx, id: string): Promise<repo.SubscriberRow> {
  const row = (await repo.lockSubscriber(ctx.tx, id)) ?? notFound('订阅', id);
  if (!canManage(ctx.actor, row.org_path)) return denyOutOfScope(ctx, 'notify_subscriber', id);
  return row;
}

/** Subscribers of the orgs the actor manages, newest first. */
export async function listSubscriberPage(ctx: Ctx, q: SubscriberListQuery): Promise<PageOf<SubscriberDto>> {
  const f: repo.SubscriberFilter = { scope: subscriberScope(ctx.actor), channel: q.channel, q: q.q };
  let after: { at: Date; id: string } | null = null;
  if (q.cursor) {
    const [at, id] = Buffer.from(q.cursor, 'base64url').toString('utf8').split('|');
    const when = new Date(at ?? '');
    if (!id || Number.isNaN(when.getTime())) invalid('cursor', '游标无效');
    after = { at: when, id };
  }
  const rows = await repo.listSubscribers(ctx.tx, f, after, q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentSubscriber),
    nextCursor:
      rows.length > q.limit && last ? Buffer.from(`${new Date(last.created_at).toISOString()}|${last.id}`).toString('base64url') : null,
    total: await repo.countSubscribers(ctx.tx, f),
  };
}

/** Registers a phone, e-mail address or webhook for an org; a webhook without a key gets a generated one (returned once). */
export async function createSubscriber(ctx: Ctx, input: CreateSubscriberInput): Promise<SubscriberSavedDto> {
  const org = await owningOrg(ctx, input.orgId);
  if (input.channel !== 'webhook' && input.secret) invalid('secret', '只有 Webhook 订阅需要签名密钥');
  const divisionCodes = await checkDivisions(ctx, input.divisionCodes);
  const address = storedAddress(input.channel, input.address);
  await checkUnique(ctx, org.id, input.channel, address, null);
  const id = newId();
  const generated = input.channel === 'webhook' && !input.secret ? generateWebhookSecret() : null;
  const secret = input.channel === 'webhook' ? (input.secret ?? generated!) : null;
  await repo.insertSubscriber(ctx.tx, {
    id,
    name: input.name,
    channel: input.channel,
    address,
    secret_sealed: secret ? sealSecret(ctx.platform.config, secret, subscriberSecretContext(id)) : null,
    division_codes: divisionCodes,
    min_colour: input.minColour,
    enabled: input.enabled,
    org_id: org.id,
    org_path: org.path,
    created_by: ctx.actor.userId,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  const row = (await repo.findSubscriber(ctx.tx, id))!;
  const dto = presentSubscriber(row);
  await recordAudit(ctx, { action: NOTIFY_EVENTS.subscriberCreated, entity: 'notify_subscriber', entityId: id, after: auditView(dto) });
  await emitNotifyEvent(ctx, NOTIFY_EVENTS.subscriberCreated, { subscriberId: id }, org.path);
  return { ...dto, secret: generated };
}

/** Replaces a subscriber's settings; a webhook key is kept, replaced by the one given, or regenerated (`rotateSecret`). */
export async function updateSubscriber(ctx: Ctx, id: string, input: UpdateSubscriberInput): Promise<SubscriberSavedDto> {
  const row = await loadSubscriber(ctx, id);
  if (input.version !== undefined && input.version !== row.version)
    throw new AppError('CONFLICT', '订阅已被他人修改，请刷新后重试', {
      errors: [{ field: 'version', message: `当前版本为 ${row.version}` }],
    });
  if (input.channel !== 'webhook' && (input.secret || input.rotateSecret)) invalid('secret', '只有 Webhook 订阅需要签名密钥');
  const divisionCodes = await checkDivisions(ctx, input.divisionCodes);
  const address = storedAddress(input.channel, input.address);
  await checkUnique(ctx, row.org_id, input.channel, address, id);
  let generated: string | null = null;
  let sealed: string | null = null;
  if (input.channel === 'webhook') {
    const keep = !input.rotateSecret && !input.secret && row.channel === 'webhook' && row.secret_sealed ? row.secret_sealed : null;
    if (!keep && !input.secret) generated = generateWebhookSecret();
    sealed = keep ?? sealSecret(ctx.platform.config, input.secret ?? generated!, subscriberSecretContext(id));
  }
  await repo.updateSubscriber(ctx.tx, id, {
    name: input.name,
    channel: input.channel,
    address,
    secret_sealed: sealed,
    division_codes: divisionCodes,
    min_colour: input.minColour,
    enabled: input.enabled,
    updated_at: ctx.now,
  });
  const dto = presentSubscriber((await repo.findSubscriber(ctx.tx, id))!);
  await recordAudit(ctx, {
    action: NOTIFY_EVENTS.subscriberUpdated,
    entity: 'notify_subscriber',
    entityId: id,
    before: auditView(presentSubscriber(row)),
    after: { ...auditView(dto), keyChanged: sealed !== row.secret_sealed },
  });
  await emitNotifyEvent(ctx, NOTIFY_EVENTS.subscriberUpdated, { subscriberId: id }, row.org_path);
  return { ...dto, secret: generated };
}

/** Removes a subscriber; its queued webhook deliveries then fail (no key to sign with). */
export async function deleteSubscriber(ctx: Ctx, id: string): Promise<void> {
  const row = await loadSubscriber(ctx, id);
  await repo.deleteSubscriber(ctx.tx, id);
  await recordAudit(ctx, {
    action: NOTIFY_EVENTS.subscriberDeleted,
    entity: 'notify_subscriber',
    entityId: id,
    before: auditView(presentSubscriber(row)),
  });
  await emitNotifyEvent(ctx, NOTIFY_EVENTS.subscriberDeleted, { subscriberId: id }, row.org_path);
}

/** What the audit trail keeps of a subscriber (never the key). */
function auditView(s: SubscriberDto) {
  return {
    name: s.name,
    channel: s.channel,
    address: s.address,
    divisionCodes: s.divisionCodes,
    minColour: s.minColour,
    enabled: s.enabled,
    orgId: s.orgId,
  };
}

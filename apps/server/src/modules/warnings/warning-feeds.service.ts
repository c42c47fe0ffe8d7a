import { createHash } from 'node:crypto';
import type { WarningFeedDto, WarningFeedInput, WarningImportResultDto } from '@vigil/shared';
import { recordAudit } from '../../platform/audit/audit.js';
import { SYSTEM_ACTOR, hasPermissionIn } from '../../platform/auth/actor.js';
import { authorizeRow } from '../../platform/auth/scope.js';
import { inTransaction, NO_META, type Ctx, type Platform } from '../../platform/ctx.js';
import { AppError, invalid } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { findOrg } from '../orgs/index.js';
import { atomItems, FeedError, fetchText } from './warning-feed-fetch.js';
import { importAlert, type ImportTarget } from './warning-import.service.js';
import * as repo from './warning-feeds.repository.js';
import type { FeedRow } from './warning-feeds.repository.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function presentFeed(f: FeedRow): WarningFeedDto {
  return {
    id: f.id,
    name: f.name,
    url: f.url,
    kind: f.kind,
    intervalSeconds: f.interval_seconds,
    enabled: f.enabled,
    lastStatus: f.last_status,
    lastError: f.last_error,
    lastPolledAt: iso(f.last_polled_at),
    lastItems: f.last_items,
    createdAt: iso(f.created_at)!,
  };
}

const scopeOf = (ctx: Ctx) =>
  ctx.actor.kind === 'system' ? null : ctx.actor.grants.filter((g) => g.permissions.has('warning.import')).map((g) => g.scopePath);

async function loadFeed(ctx: Ctx, id: string): Promise<FeedRow> {
  return authorizeRow(ctx, 'warning.import', 'warning_feed', id, await repo.findFeed(ctx.tx, id));
}

/** `GET /warnings/feeds`: feeds of the actor's subtree with their last poll status. */
export async function listFeeds(ctx: Ctx): Promise<WarningFeedDto[]> {
  return (await repo.listFeeds(ctx.tx, scopeOf(ctx))).map(presentFeed);
}

/** Adds a feed owned by the actor's org (imported warnings are received by that org). */
export async function createFeed(ctx: Ctx, input: WarningFeedInput): Promise<WarningFeedDto> {
  const org = ctx.actor.orgId ? await findOrg(ctx.tx, ctx.actor.orgId) : undefined;
  if (!org) invalid('url', '当前用户没有所属单位，不能添加订阅源');
  if (!hasPermissionIn(ctx.actor, 'warning.import', org.path)) throw new AppError('FORBIDDEN', '缺少权限 warning.import');
  const id = newId();
  await repo.insertFeed(ctx.tx, {
    id,
    name: input.name,
    url: input.url,
    kind: input.kind,
    interval_seconds: input.intervalSeconds,
    enabled: input.enabled,
    org_id: org.id,
    org_path: org.path,
    last_status: null,
    last_error: null,
    last_polled_at: null,
    last_items: null,
    created_by: ctx.actor.userId,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  await recordAudit(ctx, { action: 'warning_feed.created', entity: 'warning_feed', entityId: id, after: input });
  return presentFeed((await repo.findFeed(ctx.tx, id))!);
}

export async function updateFeed(ctx: Ctx, id: string, input: WarningFeedInput): Promise<WarningFeedDto> {
  const before = await loadFeed(ctx, id);
  await repo.updateFeed(ctx.tx, id, {
    name: input.name,
    url: input.url,
    kind: input.kind,
    interval_seconds: input.intervalSeconds,
    enabled: input.enabled,
    updated_at: ctx.now,
  });
  await recordAudit(ctx, {
    action: 'warning_feed.updated',
    entity: 'warning_feed',
    entityId: id,
    before: { name: before.name, url: before.url, kind: before.kind, intervalSeconds: before.interval_seconds, enabled: before.enabled },
    after: input,
  });
  return presentFeed((await repo.findFeed(ctx.tx, id))!);
}

export async function deleteFeed(ctx: Ctx, id: string): Promise<void> {
  const before = await loadFeed(ctx, id);
  await repo.deleteFeed(ctx.tx, id);
  await recordAudit(ctx, {
    action: 'warning_feed.deleted',
    entity: 'warning_feed',
    entityId: id,
    before: { name: before.name, url: before.url },
  });
}

/** The import log (newest first), optionally of one feed. */
export async function listImportLog(ctx: Ctx, feedId: string | undefined, limit: number) {
  if (feedId) await loadFeed(ctx, feedId);
  return (await repo.listLog(ctx.tx, feedId ?? null, limit)).map((r) => ({
    id: r.id,
    feedId: r.feed_id,
    outcome: r.outcome,
    identifier: r.identifier,
    sender: r.sender,
    msgType: r.msg_type,
    signatureStatus: r.signature_status,
    warningId: r.warning_id,
    error: r.error,
    receivedAt: iso(r.received_at)!,
    lastSeenAt: iso(r.last_seen_at)!,
  }));
}

/** Imports one item in a transaction of its own, so that it can never undo or block the others. */
async function importOne(platform: Platform, xml: string, t: ImportTarget): Promise<WarningImportResultDto> {
  try {
    return await inTransaction(platform, SYSTEM_ACTOR, NO_META, (ctx) => importAlert(ctx, xml, t));
  } catch (err) {
    platform.log.error({ err, feedId: t.feedId }, 'warning import failed');
    return { outcome: 'rejected', identifier: null, sender: null, signatureStatus: null, warningId: null, error: '导入时发生内部错误' };
  }
}

/** Records an item that could not even be fetched (an Atom entry's link). */
async function recordFetchFailure(platform: Platform, t: ImportTarget, url: string, error: string): Promise<void> {
  await inTransaction(platform, SYSTEM_ACTOR, NO_META, async (ctx) => {
    await repo.insertLog(ctx.tx, {
      id: newId(),
      feed_id: t.feedId,
      content_sha256: createHash('sha256').update(`fetch-failure|${url}|${error}`).digest('hex'),
      outcome: 'rejected',
      identifier: null,
      sender: null,
      msg_type: null,
      signature_status: null,
      warning_id: null,
      error: `${url}：${error}`.slice(0, 1000),
      actor_id: null,
      received_at: ctx.now,
      last_seen_at: ctx.now,
    });
  });
}

/**
 * Polls one feed: fetches it (time limit, size cap), imports each alert on its own, and stores the
 * feed's status. A failing feed (timeout, HTTP error, HTML, not a feed) is marked `error`; a bad
 * item is logged and the rest are still imported.
 */
export async function pollFeed(platform: Platform, feed: FeedRow): Promise<{ status: 'ok' | 'error'; results: WarningImportResultDto[] }> {
  const { WARNING_FEED_TIMEOUT_MS: timeoutMs, WARNING_FEED_MAX_BYTES: maxBytes } = platform.config;
  const t: ImportTarget = { orgId: feed.org_id, orgPath: feed.org_path, feedId: feed.id };
  const results: WarningImportResultDto[] = [];
  let error: string | null = null;
  try {
    const body = await fetchText(feed.url, { timeoutMs, maxBytes });
    if (feed.kind === 'cap') results.push(await importOne(platform, body, t));
    else {
      const items = atomItems(body, feed.url);
      for (const xml of items.embedded) results.push(await importOne(platform, xml, t));
      for (const url of items.links) {
        try {
          results.push(await importOne(platform, await fetchText(url, { timeoutMs, maxBytes }), t));
        } catch (e) {
          if (!(e instanceof FeedError)) throw e;
          await recordFetchFailure(platform, t, url, e.message);
          results.push({ outcome: 'rejected', identifier: null, sender: null, signatureStatus: null, warningId: null, error: e.message });
        }
      }
    }
  } catch (e) {
    if (!(e instanceof FeedError)) platform.log.error({ err: e, feedId: feed.id }, 'warning feed poll failed');
    error = e instanceof FeedError ? e.message : '内部错误';
  }
  await inTransaction(platform, SYSTEM_ACTOR, NO_META, async (ctx) => {
    await repo.updateFeed(ctx.tx, feed.id, {
      last_status: error ? 'error' : 'ok',
      last_error: error,
      last_polled_at: ctx.now,
      last_items: error ? null : results.length,
    });
    if (error)
      await recordAudit(ctx, {
        action: 'warning_feed.failed',
        entity: 'warning_feed',
        entityId: feed.id,
        result: 'failed',
        after: { error },
      });
  });
  return { status: error ? 'error' : 'ok', results };
}

/** Worker step: polls every enabled feed that is due; one feed's failure never stops the others. */
export async function pollDueFeeds(platform: Platform): Promise<number> {
  const due = await repo.feedsDue(platform.db, platform.clock.now());
  for (const feed of due) await pollFeed(platform, feed);
  return due.length;
}

/** Authorises polling one feed now (`POST /warnings/feeds/:id/poll`); the poll itself runs outside the request transaction. */
export async function feedForPoll(ctx: Ctx, id: string): Promise<FeedRow> {
  return loadFeed(ctx, id);
}

/** A feed as stored now (after a poll). */
export async function feedNow(platform: Platform, id: string): Promise<WarningFeedDto> {
  return presentFeed((await repo.findFeed(platform.db, id))!);
}

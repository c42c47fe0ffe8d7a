import { WARNING_COLOUR_ZH, type WarningEventPayload } from '@vigil/shared';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { inTransaction, NO_META, type Platform } from '../../platform/ctx.js';
import type { DomainEvent } from '../../platform/events/bus.js';
import { notify } from '../notifications/index.js';
import * as repo from './warnings.repository.js';

/**
 * Tells the orgs inside a newly published (or imported) warning's area, in-app: the members of
 * every org whose division is listed or overlaps the area, plus the issuing org, who hold
 * `warning.read`. Orange and red warnings are critical notifications.
 */
export async function notifyWarningArea(e: DomainEvent, platform: Platform): Promise<void> {
  const p = e.payload as WarningEventPayload;
  await inTransaction(platform, SYSTEM_ACTOR, NO_META, async (ctx) => {
    const w = await repo.findWarning(ctx.tx, p.warningId);
    if (!w || w.status !== 'published') return;
    const orgs = await repo.orgsInArea(ctx.tx, w.id);
    const userIds = await repo.warningReadersIn(ctx.tx, [...new Set([w.org_id, ...orgs.map((o) => o.id)])]);
    if (userIds.length === 0) return;
    const colour = w.colour ? WARNING_COLOUR_ZH[w.colour] : '';
    await notify(ctx, {
      userIds,
      title: w.headline.slice(0, 200),
      body: `${colour ? `${colour}预警 · ` : ''}${w.area_desc}`.slice(0, 2000),
      link: `/warnings/${w.id}`,
      severity: w.colour === 'red' || w.colour === 'orange' ? 'critical' : 'warning',
    });
  });
}

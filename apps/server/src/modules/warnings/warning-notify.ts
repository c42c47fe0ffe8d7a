import { WARNING_CHANNELS, WARNING_COLOUR_ZH, type WarningChannel, type WarningEventPayload } from '@vigil/shared';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { inTransaction, NO_META, type Platform } from '../../platform/ctx.js';
import type { DomainEvent } from '../../platform/events/bus.js';
import { disseminate, resolveAreaRecipients } from '../notify/index.js';
import * as repo from './warnings.repository.js';
import type { WarningRow } from './warnings.repository.js';

/**
 * The channels a warning goes out on: the responsible orgs are always told in-app; the channels
 * chosen when drafting add SMS, e-mail and webhooks. Imported warnings were disseminated to the
 * public by their issuer, so they only go out in-app.
 */
function channelsOf(w: WarningRow): WarningChannel[] {
  if (w.source === 'external') return ['in_app'];
  return WARNING_CHANNELS.filter((c) => c === 'in_app' || w.channels.includes(c));
}

/** Full text for SMS, e-mail and webhooks: the description and the 防御指南. */
function detailOf(w: WarningRow): string {
  return [w.description, w.instruction ? `防御指南：${w.instruction}` : ''].filter(Boolean).join('\n');
}

/**
 * Disseminates a newly published (or imported) warning over its channels through the notify
 * module: in-app to the members of every org whose division is listed or overlaps the area (and
 * the issuing org) who hold `warning.read`; SMS / e-mail to those orgs' on-duty people, to
 * enterprises and protected sites inside the area, and to matching subscribers; webhooks to
 * subscribers. Orange and red warnings are critical. A repeated event sends nothing twice.
 */
export async function notifyWarningArea(e: DomainEvent, platform: Platform): Promise<void> {
  const p = e.payload as WarningEventPayload;
  await inTransaction(platform, SYSTEM_ACTOR, NO_META, async (ctx) => {
    const w = await repo.findWarning(ctx.tx, p.warningId);
    if (!w || w.status !== 'published') return;
    const channels = channelsOf(w);
    const orgIds = [...new Set([w.org_id, ...(await repo.orgsInArea(ctx.tx, w.id)).map((o) => o.id)])];
    const geometry = (await repo.activeGeometries(ctx.tx, ctx.now)).get(w.id) ?? w.polygon_json;
    const recipients = await resolveAreaRecipients(ctx, {
      divisionCodes: w.division_codes,
      geometry,
      colour: w.colour,
      sourceOrgPath: w.org_path,
      orgIds,
      userIds: await repo.warningReadersIn(ctx.tx, orgIds),
    });
    const colour = w.colour ? WARNING_COLOUR_ZH[w.colour] : '';
    await disseminate(ctx, {
      source: { kind: 'warning', id: w.id, orgId: w.org_id, orgPath: w.org_path },
      key: 'published',
      message: {
        title: w.headline.slice(0, 200),
        body: `${colour ? `${colour}预警 · ` : ''}${w.area_desc}`.slice(0, 2000),
        detail: detailOf(w).slice(0, 8000),
        link: `/warnings/${w.id}`,
        severity: w.colour === 'red' || w.colour === 'orange' ? 'critical' : 'warning',
        data: {
          identifier: w.identifier,
          sender: w.sender,
          typeCode: w.type_code,
          colour: w.colour,
          areaDescription: w.area_desc,
          divisionCodes: w.division_codes,
          effective: w.effective_at ? new Date(w.effective_at).toISOString() : null,
          expires: w.expires_at ? new Date(w.expires_at).toISOString() : null,
          capUrl: w.identifier ? `/public/warnings/${w.identifier}.cap.xml` : null,
        },
      },
      channels,
      recipients,
    });
  });
}

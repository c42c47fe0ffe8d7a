import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { inTransaction, NO_META, type Platform } from '../../platform/ctx.js';
import { notify } from '../notifications/index.js';
import { SendError, type ChannelAdapter } from './channel.js';

/**
 * In-app notifications (the header bell, pushed over the WebSocket) through the notifications
 * module. Dissemination writes them in its own transaction (see `disseminate`); the worker only
 * sends in-app deliveries that were put back in the queue by hand.
 */
export function inAppChannel(platform: Platform): ChannelAdapter {
  return {
    status: { channel: 'in_app', adapter: 'in_app', configured: true, reason: null, simulated: false },
    async send(d) {
      const m = d.message;
      const r = await inTransaction(platform, SYSTEM_ACTOR, NO_META, (ctx) =>
        notify(ctx, { userIds: [d.address], title: m.title, body: m.body, link: m.link, severity: m.severity }),
      );
      if (r.recipientUserIds.length === 0) throw new SendError('接收人账号不存在或已停用', true);
      return { status: 'delivered' };
    },
  };
}

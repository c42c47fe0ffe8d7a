import type { ChannelStatusDto, NotifyChannel } from '@vigil/shared';
import type { Platform } from '../../platform/ctx.js';
import type { ChannelAdapter } from './channel.js';
import { deviceChannel } from './channel-device.js';
import { emailChannel } from './channel-email.js';
import { inAppChannel } from './channel-in-app.js';
import { smsChannel } from './channel-sms.js';
import { webhookChannel } from './channel-webhook.js';

export type ChannelSet = Record<NotifyChannel, ChannelAdapter>;

const built = new WeakMap<Platform, ChannelSet>();

/** The adapters of this process, built once from its configuration. */
export function channelsOf(platform: Platform): ChannelSet {
  let set = built.get(platform);
  if (!set) {
    const { config } = platform;
    set = {
      in_app: inAppChannel(platform),
      sms: smsChannel(config, platform.log),
      email: emailChannel(config),
      webhook: webhookChannel({ clock: platform.clock, timeoutMs: config.NOTIFY_SEND_TIMEOUT_MS }),
      device: deviceChannel(platform),
    };
    built.set(platform, set);
  }
  return set;
}

/** How each channel is set up here (for the dashboard and the subscribers page). */
export function channelStatuses(platform: Platform): ChannelStatusDto[] {
  const set = channelsOf(platform);
  return (['in_app', 'sms', 'email', 'webhook', 'device'] as const).map((c) => set[c].status);
}

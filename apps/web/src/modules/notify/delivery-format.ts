import type { ChannelCountsDto, DeliveryStatus } from '@vigil/shared';

/** antd tag colours of delivery statuses. */
export const DELIVERY_STATUS_TAG: Record<DeliveryStatus, string> = {
  pending: 'default',
  sending: 'processing',
  sent: 'blue',
  delivered: 'green',
  failed: 'red',
};

/** How far one channel has got: handed over (sent or delivered), delivered, failed, as percentages of its total. */
export function channelProgress(c: ChannelCountsDto): { done: number; delivered: number; failed: number } {
  if (c.total === 0) return { done: 0, delivered: 0, failed: 0 };
  const pct = (n: number) => Math.round((n / c.total) * 1000) / 10;
  return { done: pct(c.sent + c.delivered), delivered: pct(c.delivered), failed: pct(c.failed) };
}

/** Refresh interval of the dashboard: every few seconds while anything is queued or in flight, otherwise none. */
export function refreshInterval(settled: boolean | undefined): number | false {
  return settled === false ? 3000 : false;
}

import { describe, expect, it } from 'vitest';
import { channelProgress, refreshInterval } from './delivery-format';

describe('delivery dashboard format', () => {
  it('computes a channel’s progress as percentages of its total', () => {
    expect(channelProgress({ channel: 'sms', total: 8, pending: 2, sending: 1, sent: 2, delivered: 2, failed: 1 })).toEqual({
      done: 50,
      delivered: 25,
      failed: 12.5,
    });
    expect(channelProgress({ channel: 'email', total: 0, pending: 0, sending: 0, sent: 0, delivered: 0, failed: 0 })).toEqual({
      done: 0,
      delivered: 0,
      failed: 0,
    });
  });

  it('refreshes only while deliveries are pending', () => {
    expect(refreshInterval(false)).toBe(3000);
    expect(refreshInterval(true)).toBe(false);
    expect(refreshInterval(undefined)).toBe(false);
  });
});

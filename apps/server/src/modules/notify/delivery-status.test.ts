import { describe, expect, it } from 'vitest';
import { afterFailure, backoffMs, canRequeue, isSettled, nextDeliveryStatus } from './delivery-status.js';

describe('delivery status', () => {
  it('goes pending → sending → sent → delivered', () => {
    expect(nextDeliveryStatus('pending', 'claim')).toBe('sending');
    expect(nextDeliveryStatus('sending', 'handed_over')).toBe('sent');
    expect(nextDeliveryStatus('sent', 'receipt_delivered')).toBe('delivered');
  });

  it('refuses steps that do not apply', () => {
    expect(nextDeliveryStatus('delivered', 'claim')).toBeNull();
    expect(nextDeliveryStatus('sent', 'claim')).toBeNull();
    expect(nextDeliveryStatus('pending', 'handed_over')).toBeNull();
    expect(nextDeliveryStatus('delivered', 'receipt_failed')).toBeNull();
    expect(nextDeliveryStatus('pending', 'receipt_failed')).toBeNull();
    expect(nextDeliveryStatus('sent', 'requeue')).toBeNull();
  });

  it('accepts a receipt that overtakes the worker or follows a give-up', () => {
    expect(nextDeliveryStatus('sending', 'receipt_delivered')).toBe('delivered');
    expect(nextDeliveryStatus('failed', 'receipt_delivered')).toBe('delivered');
    expect(nextDeliveryStatus('sending', 'receipt_failed')).toBe('failed');
  });

  it('lets a person requeue only failed or waiting deliveries', () => {
    expect(canRequeue('failed')).toBe(true);
    expect(canRequeue('pending')).toBe(true);
    expect(canRequeue('sent')).toBe(false);
    expect(canRequeue('delivered')).toBe(false);
    expect(canRequeue('sending')).toBe(false);
  });

  it('is settled once nothing is queued or in flight', () => {
    expect(isSettled('pending')).toBe(false);
    expect(isSettled('sending')).toBe(false);
    expect(isSettled('sent')).toBe(true);
    expect(isSettled('failed')).toBe(true);
  });
});

describe('back-off', () => {
  it('doubles from 30 s and stops growing at an hour', () => {
    expect([1, 2, 3, 4, 5].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
    expect(backoffMs(8)).toBe(3_600_000);
    expect(backoffMs(50)).toBe(3_600_000);
    expect(backoffMs(0)).toBe(30_000);
  });

  it('schedules the next attempt until the attempts are used up', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(afterFailure(1, 3, false, now)).toEqual({ status: 'pending', nextAttemptAt: new Date('2026-06-01T00:00:30Z') });
    expect(afterFailure(2, 3, false, now)).toEqual({ status: 'pending', nextAttemptAt: new Date('2026-06-01T00:01:00Z') });
    expect(afterFailure(3, 3, false, now)).toEqual({ status: 'failed' });
  });

  it('gives up at once on a permanent refusal', () => {
    expect(afterFailure(1, 5, true, new Date())).toEqual({ status: 'failed' });
  });
});

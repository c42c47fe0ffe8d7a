import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './webhook-signature.js';

const SECRET = 'a-subscriber-secret-0123456789';
const BODY = '{"id":"1","title":"台风橙色预警"}';

describe('webhook signature', () => {
  it('is HMAC-SHA256 over "<timestamp>.<body>" as sha256=<hex>', () => {
    const expected = createHmac('sha256', SECRET).update(`1780000000.${BODY}`).digest('hex');
    expect(signWebhook(SECRET, 1_780_000_000, BODY)).toBe(`sha256=${expected}`);
  });

  it('verifies a genuine request within the window', () => {
    const sig = signWebhook(SECRET, 1_780_000_000, BODY);
    expect(verifyWebhook(SECRET, { signature: sig, timestamp: '1780000000' }, BODY, 1_780_000_100)).toBeNull();
  });

  it('refuses a replay outside the window, a changed body, another key and a moved timestamp', () => {
    const sig = signWebhook(SECRET, 1_780_000_000, BODY);
    expect(verifyWebhook(SECRET, { signature: sig, timestamp: '1780000000' }, BODY, 1_780_000_301)).toBe('stale');
    expect(verifyWebhook(SECRET, { signature: sig, timestamp: '1780000000' }, `${BODY} `, 1_780_000_000)).toBe('mismatch');
    expect(verifyWebhook('another-secret-0123456789', { signature: sig, timestamp: '1780000000' }, BODY, 1_780_000_000)).toBe('mismatch');
    expect(verifyWebhook(SECRET, { signature: sig, timestamp: '1780000001' }, BODY, 1_780_000_000)).toBe('mismatch');
  });

  it('refuses missing or malformed headers', () => {
    expect(verifyWebhook(SECRET, { signature: undefined, timestamp: '1780000000' }, BODY, 1_780_000_000)).toBe('missing');
    expect(verifyWebhook(SECRET, { signature: 'sha256=00', timestamp: 'soon' }, BODY, 1_780_000_000)).toBe('missing');
  });
});

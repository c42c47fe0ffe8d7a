import { describe, expect, it } from 'vitest';
import { parseDeviceAuthorization } from './telemetry-auth.js';

const basic = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;

describe('parseDeviceAuthorization', () => {
  it.each([
    ['Device QZ-RAIN-001:s3cr3t-_AbC', { code: 'QZ-RAIN-001', secret: 's3cr3t-_AbC' }],
    ['device QZ-RAIN-001:abc', { code: 'QZ-RAIN-001', secret: 'abc' }],
    ['Device  QZ-1:a:b', { code: 'QZ-1', secret: 'a:b' }],
    [basic('QZ-TANK-7:xyz'), { code: 'QZ-TANK-7', secret: 'xyz' }],
  ])('%s', (header, want) => {
    expect(parseDeviceAuthorization(header)).toEqual(want);
  });

  it.each([
    [undefined],
    [''],
    ['Bearer abc'],
    ['Device'],
    ['Device QZ-1'],
    ['Device :secret'],
    ['Device QZ-1:'],
    ['Device a b:c'],
    ['Basic not*base64'],
    [basic('no-colon')],
    [`Device ${'x'.repeat(129)}:s`],
  ])('refuses %s', (header) => {
    expect(parseDeviceAuthorization(header)).toBeNull();
  });
});

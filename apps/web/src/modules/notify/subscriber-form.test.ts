import type { SubscriberDto } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { formValuesOf, toCreateBody, toUpdateBody } from './subscriber-form';

const hook: SubscriberDto = {
  id: 's1',
  name: '媒体平台',
  channel: 'webhook',
  address: 'https://hooks.example.cn/vigil',
  divisionCodes: ['350582'],
  minColour: 'yellow',
  enabled: true,
  orgId: 'o1',
  orgName: '泉州市应急管理局',
  hasSecret: true,
  version: 3,
  createdAt: '2026-06-01T00:00:00Z',
  updatedAt: '2026-06-01T00:00:00Z',
};

describe('subscriber form', () => {
  it('starts a new subscriber as an enabled SMS one with no filter', () => {
    expect(formValuesOf()).toEqual({ name: '', channel: 'sms', address: '', divisionCodes: [], minColour: null, enabled: true });
  });

  it('sends a webhook key only for webhooks, trimmed, and leaves it out when empty (the server generates one)', () => {
    const v = { ...formValuesOf(hook), name: ' 媒体平台 ', secret: '  key-of-sixteen-chars ' };
    expect(toCreateBody(v)).toEqual({
      name: '媒体平台',
      channel: 'webhook',
      address: 'https://hooks.example.cn/vigil',
      secret: 'key-of-sixteen-chars',
      divisionCodes: ['350582'],
      minColour: 'yellow',
      enabled: true,
    });
    expect(toCreateBody({ ...v, secret: '' })).not.toHaveProperty('secret');
    expect(toCreateBody({ ...v, channel: 'sms', address: '13905951234' })).not.toHaveProperty('secret');
  });

  it('asks for a new key on edit only when rotating without typing one, and carries the version', () => {
    const v = formValuesOf(hook);
    expect(toUpdateBody({ ...v, rotateSecret: true }, 3)).toMatchObject({ rotateSecret: true, version: 3 });
    expect(toUpdateBody({ ...v, rotateSecret: true, secret: 'typed-key-000000000' }, 3)).not.toHaveProperty('rotateSecret');
    expect(toUpdateBody(v, 3)).not.toHaveProperty('rotateSecret');
  });
});

import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Actor } from '../auth/actor.js';
import type { DomainEvent } from '../events/bus.js';
import { mayReceive, toWsEvent } from './delivery.js';

const user = (id: string, orgPath: string, perms: string[]): Actor => ({
  ...ANONYMOUS,
  kind: 'user',
  userId: id,
  username: id,
  orgPath,
  grants: [{ roleId: 'r', permissions: new Set(perms), scopePath: orgPath }],
});

const city = user('u-city', 'fj.qz', ['incident.read']);
const jinjiang = user('u-jj', 'fj.qz.qz_jinjiang', ['incident.read']);
const cityAuditor = user('u-aud', 'fj.qz', ['audit.read']);

const ev = (over: Partial<DomainEvent>): DomainEvent => ({
  id: 1,
  name: 'incident.created',
  topic: 'incident',
  payload: {},
  orgPath: 'fj.qz.qz_fengze',
  permission: null,
  at: '2026-06-01T00:00:00.000Z',
  ...over,
});

describe('realtime delivery rules', () => {
  it('keeps another county out and lets the city in', () => {
    expect(mayReceive(city, ev({}))).toBe(true);
    expect(mayReceive(jinjiang, ev({}))).toBe(false);
    expect(mayReceive(jinjiang, ev({ orgPath: 'fj.qz.qz_jinjiang.qz_jinjiang_anhai' }))).toBe(true);
    expect(mayReceive(jinjiang, ev({ orgPath: 'fj.qz' }))).toBe(false);
  });

  it('requires the event permission within the event org', () => {
    const e = ev({ permission: 'incident.read' });
    expect(mayReceive(city, e)).toBe(true);
    expect(mayReceive(cityAuditor, e)).toBe(false);
    expect(mayReceive(city, ev({ permission: 'no.such_permission' }))).toBe(false);
    expect(mayReceive(cityAuditor, ev({ orgPath: null, permission: 'audit.read' }))).toBe(true);
  });

  it('sends an addressed event only to its recipients, and nothing to anonymous', () => {
    const e = ev({ orgPath: null, payload: { recipientUserIds: ['u-jj'] } });
    expect(mayReceive(jinjiang, e)).toBe(true);
    expect(mayReceive(city, e)).toBe(false);
    expect(mayReceive(ANONYMOUS, ev({ orgPath: null }))).toBe(false);
  });

  it('does not reveal the recipient list to clients', () => {
    const msg = toWsEvent(ev({ payload: { recipientUserIds: ['a', 'b'], title: 't' } }));
    expect(msg).toEqual({
      type: 'event',
      topic: 'incident',
      name: 'incident.created',
      at: '2026-06-01T00:00:00.000Z',
      payload: { title: 't' },
    });
  });
});

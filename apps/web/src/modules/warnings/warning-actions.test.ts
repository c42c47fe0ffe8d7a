import type { WarningAbilitiesDto, WarningDto } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { stepButtons, timelineOf, versionChain } from './warning-actions';

const NONE: WarningAbilitiesDto = {
  edit: false,
  submit: false,
  approve: false,
  reject: false,
  publish: false,
  cancel: false,
  revise: false,
};

function warning(over: Partial<WarningDto>): WarningDto {
  return {
    id: 'w1',
    orgId: 'o',
    orgName: '泉州市应急管理局',
    source: 'internal',
    status: 'draft',
    typeCode: '11B01',
    typeName: '台风',
    colour: 'orange',
    headline: 'h',
    description: 'd',
    instruction: 'i',
    en: null,
    area: { description: '', divisionCodes: [], polygon: null, circle: null },
    effective: null,
    onset: null,
    expires: '2026-06-02T00:00:00.000Z',
    audience: null,
    channels: ['in_app'],
    version: 1,
    previousId: null,
    identifier: null,
    sender: null,
    sent: null,
    msgType: null,
    signatureStatus: null,
    signer: null,
    rejectReason: null,
    cancelReason: null,
    createdBy: '监测预警员（演示）',
    submittedBy: null,
    approvedBy: null,
    publishedAt: null,
    createdAt: '2026-06-01T00:00:00.000Z',
    updatedAt: '2026-06-01T00:00:00.000Z',
    capUrl: null,
    gbUrl: null,
    ...over,
  };
}

describe('workflow buttons from abilities', () => {
  const steps = (ab: Partial<WarningAbilitiesDto> | undefined) => stepButtons(ab ? { ...NONE, ...ab } : undefined).map((b) => b.step);

  it('gives the author of a draft edit, submit and withdraw', () => {
    expect(steps({ edit: true, submit: true, cancel: true })).toEqual(['edit', 'submit', 'cancel']);
  });

  it('gives an approver of a submitted warning approve-and-publish, approve and send back (with a reason)', () => {
    const buttons = stepButtons({ ...NONE, approve: true, reject: true });
    expect(buttons.map((b) => [b.step, b.input])).toEqual([
      ['approvePublish', 'note'],
      ['approve', 'note'],
      ['reject', 'reason'],
    ]);
    expect(buttons.find((b) => b.step === 'reject')?.danger).toBe(true);
  });

  it('asks for a reason to cancel and only confirms to publish or update', () => {
    const buttons = stepButtons({ ...NONE, publish: true, revise: true, cancel: true });
    expect(buttons.map((b) => [b.step, b.input])).toEqual([
      ['publish', 'confirm'],
      ['revise', 'confirm'],
      ['cancel', 'reason'],
    ]);
  });

  it('shows nothing to a reader or before abilities are known', () => {
    expect(steps({})).toEqual([]);
    expect(steps(undefined)).toEqual([]);
  });
});

describe('steps of a warning', () => {
  it('lists a published warning from draft to publication with who did what', () => {
    const w = warning({
      status: 'published',
      submittedBy: 'u1',
      approvedBy: '指挥长（演示）',
      publishedAt: '2026-06-01T02:00:00.000Z',
      identifier: '35050041600000000202606011000001',
    });
    expect(timelineOf(w)).toEqual([
      { kind: 'drafted', at: '2026-06-01T00:00:00.000Z', by: '监测预警员（演示）', note: null },
      { kind: 'submitted', at: null, by: null, note: null },
      { kind: 'approved', at: null, by: '指挥长（演示）', note: null },
      { kind: 'published', at: '2026-06-01T02:00:00.000Z', by: null, note: '35050041600000000202606011000001' },
    ]);
  });

  it('shows why a draft was sent back, and how a warning ended', () => {
    expect(timelineOf(warning({ status: 'draft', rejectReason: '范围不准确', submittedBy: 'u1' })).map((s) => [s.kind, s.note])).toEqual([
      ['drafted', null],
      ['rejected', '范围不准确'],
    ]);
    const cancelled = timelineOf(warning({ status: 'cancelled', cancelReason: '台风已转向', publishedAt: '2026-06-01T02:00:00.000Z' }));
    expect(cancelled.at(-1)).toMatchObject({ kind: 'cancelled', note: '台风已转向' });
    expect(timelineOf(warning({ status: 'expired', publishedAt: '2026-06-01T02:00:00.000Z' })).at(-1)).toMatchObject({
      kind: 'expired',
      at: '2026-06-02T00:00:00.000Z',
    });
  });

  it('shows an external warning as imported from its sender', () => {
    const steps = timelineOf(warning({ source: 'external', status: 'published', sender: 'fj@cma.gov.cn', identifier: 'X1' }));
    expect(steps).toEqual([{ kind: 'imported', at: '2026-06-01T00:00:00.000Z', by: 'fj@cma.gov.cn', note: 'X1' }]);
  });
});

describe('version chain', () => {
  it('follows the references back to the first version', async () => {
    const v1 = warning({ id: 'a', status: 'superseded' });
    const v2 = warning({ id: 'b', previousId: 'a', status: 'superseded' });
    const v3 = warning({ id: 'c', previousId: 'b', status: 'published' });
    const byId = new Map([v1, v2].map((w) => [w.id, w]));
    const loaded: string[] = [];
    const chain = await versionChain(v3, async (id) => (loaded.push(id), byId.get(id) ?? null));
    expect(chain.map((w) => w.id)).toEqual(['c', 'b', 'a']);
    expect(loaded).toEqual(['b', 'a']);
  });

  it('stops at a version it cannot load, at a loop and at the limit', async () => {
    const start = warning({ id: 'c', previousId: 'gone' });
    expect((await versionChain(start, async () => null)).map((w) => w.id)).toEqual(['c']);
    const loopA = warning({ id: 'a', previousId: 'b' });
    const loopB = warning({ id: 'b', previousId: 'a' });
    expect((await versionChain(loopA, async (id) => (id === 'b' ? loopB : loopA))).map((w) => w.id)).toEqual(['a', 'b']);
    let n = 0;
    const endless = async () => warning({ id: `x${++n}`, previousId: 'more' });
    expect(await versionChain(warning({ id: 's', previousId: 'more' }), endless, 5)).toHaveLength(5);
  });
});

import type { TaskDto } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-error';
import {
  isOverdue,
  isVersionConflict,
  launchBody,
  launchDefaults,
  outstanding,
  photoProblem,
  stepTimes,
  TASK_STATUS_TAG,
  taskActions,
  taskBody,
} from './command-format';

const worker = ['command.read', 'task.update'];

describe('taskActions', () => {
  it('offers accept and reject on an assigned task, then one step at a time', () => {
    expect(taskActions({ status: 'assigned' }, worker)).toEqual(['accept', 'reject']);
    expect(taskActions({ status: 'accepted' }, worker)).toEqual(['enRoute']);
    expect(taskActions({ status: 'en_route' }, worker)).toEqual(['onSite']);
    expect(taskActions({ status: 'on_site' }, worker)).toEqual(['done']);
    expect(taskActions({ status: 'done' }, worker)).toEqual([]);
    expect(taskActions({ status: 'rejected' }, worker)).toEqual([]);
  });

  it('offers nothing without task.update or on a terminated response', () => {
    expect(taskActions({ status: 'assigned' }, ['command.read', 'command.dispatch'])).toEqual([]);
    expect(taskActions({ status: 'assigned' }, worker, false)).toEqual([]);
  });

  it('follows the next steps the server sends', () => {
    expect(taskActions({ status: 'assigned', next: ['accepted'] }, worker)).toEqual(['accept']);
    expect(taskActions({ status: 'assigned', next: [] }, worker)).toEqual([]);
  });
});

describe('status colours and times', () => {
  it('has a colour for every status', () => {
    expect(TASK_STATUS_TAG.done).toBe('success');
    expect(TASK_STATUS_TAG.rejected).toBe('error');
  });

  it('marks open tasks past their deadline as overdue', () => {
    const now = new Date('2026-07-01T10:00:00Z');
    expect(isOverdue({ status: 'assigned', deadline: '2026-07-01T09:00:00Z' }, now)).toBe(true);
    expect(isOverdue({ status: 'done', deadline: '2026-07-01T09:00:00Z' }, now)).toBe(false);
    expect(isOverdue({ status: 'accepted', deadline: '2026-07-01T11:00:00Z' }, now)).toBe(false);
    expect(isOverdue({ status: 'accepted', deadline: null }, now)).toBe(false);
  });

  it('lists the step times that are set', () => {
    const t = {
      assignedAt: 'a',
      acceptedAt: 'b',
      enRouteAt: null,
      onSiteAt: null,
      doneAt: null,
      rejectedAt: null,
    } as TaskDto;
    expect(stepTimes(t)).toEqual([
      { status: 'assigned', at: 'a' },
      { status: 'accepted', at: 'b' },
    ]);
  });

  it('recognises a stale version', () => {
    expect(isVersionConflict(new ApiError(409, 'CONFLICT', 'x', 'y', [{ field: 'version', message: 'm' }]))).toBe(true);
    expect(isVersionConflict(new ApiError(409, 'CONFLICT', 'x', 'y', [{ field: 'quantity', message: 'm' }]))).toBe(false);
    expect(isVersionConflict(new ApiError(400, 'BAD_REQUEST', 'x', 'y'))).toBe(false);
    expect(isVersionConflict(new Error('x'))).toBe(false);
  });
});

describe('form → request body', () => {
  it('drops empty fields and sends the post only when it has content', () => {
    expect(launchBody({ level: 'III', planId: null, name: ' ', postName: '', members: [{}] })).toEqual({ level: 'III' });
    const uid = '0190f1a2-0000-7000-8000-000000000001';
    expect(
      launchBody({
        level: 'II',
        planId: 'p1',
        postName: ' 前方指挥部 ',
        lng: 118.6,
        lat: 24.9,
        members: [{ userId: uid, role: 'commander' }, { role: 'member' }],
        escalateAfterMinutes: 30,
      }),
    ).toEqual({
      level: 'II',
      planId: 'p1',
      post: { name: '前方指挥部', location: { lng: 118.6, lat: 24.9 }, members: [{ userId: uid, role: 'commander' }] },
      escalateAfterMinutes: 30,
    });
    expect(launchBody({ level: 'IV', lng: 118, lat: null }).post).toBeUndefined();
  });

  it('prefills the launch form from the best match', () => {
    expect(launchDefaults([])).toEqual({ level: 'IV' });
    expect(
      launchDefaults([
        { planId: 'a', suggestedLevel: null },
        { planId: 'b', suggestedLevel: 'II' },
      ]),
    ).toEqual({ planId: 'b', level: 'II' });
    expect(launchDefaults([{ planId: 'a', suggestedLevel: null }])).toEqual({ level: 'IV' });
  });

  it('builds an ad-hoc task', () => {
    expect(taskBody({ title: ' 转移群众 ', action: '', assigneeKind: 'user' })).toEqual({ title: '转移群众' });
    expect(taskBody({ title: 'x', assigneeKind: 'org', assigneeId: 'o1', deadline: '2026-07-01T10:00:00+08:00' })).toEqual({
      title: 'x',
      assignee: { kind: 'org', id: 'o1' },
      deadline: '2026-07-01T10:00:00+08:00',
    });
  });

  it('counts what is still out of a dispatch', () => {
    expect(outstanding({ quantity: 10, returnedQuantity: 4 })).toBe(6);
    expect(outstanding({ quantity: 3, returnedQuantity: 3 })).toBe(0);
    expect(outstanding({ quantity: 3 })).toBe(3);
  });
});

describe('photoProblem', () => {
  it('takes camera pictures by type and picked files by extension; refuses other files, empty and oversized ones', () => {
    expect(photoProblem({ name: 'image.jpg', size: 2048, type: 'image/jpeg' })).toBeNull();
    expect(photoProblem({ name: 'image', size: 2048, type: 'image/png' })).toBeNull();
    expect(photoProblem({ name: '现场.webp', size: 2048, type: '' })).toBeNull();
    expect(photoProblem({ name: 'IMG_0001.HEIC', size: 2048, type: 'image/heic' })).toBe('type');
    expect(photoProblem({ name: '报告.pdf', size: 2048, type: 'application/pdf' })).toBe('type');
    expect(photoProblem({ name: 'fake.png', size: 2048, type: 'text/plain' })).toBe('type');
    expect(photoProblem({ name: 'a.png', size: 0, type: 'image/png' })).toBe('empty');
    expect(photoProblem({ name: 'a.png', size: 21, type: 'image/png' }, 20)).toBe('size');
  });
});

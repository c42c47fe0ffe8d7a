import { WARNING_STATUSES } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { allowedActions, isEditable, isFinal, isPublic, nextStatus, transition } from './warning-status.js';

describe('warning workflow', () => {
  it('walks draft → submitted → approved → published → superseded', () => {
    let s = transition('draft', 'submit');
    expect(s).toBe('submitted');
    s = transition(s, 'approve');
    expect(s).toBe('approved');
    s = transition(s, 'publish');
    expect(s).toBe('published');
    expect(transition(s, 'supersede')).toBe('superseded');
  });

  it('sends a rejected warning back to draft, from submitted or approved', () => {
    expect(transition('submitted', 'reject')).toBe('draft');
    expect(transition('approved', 'reject')).toBe('draft');
  });

  it('ends a published warning by cancelling or expiring it', () => {
    expect(transition('published', 'cancel')).toBe('cancelled');
    expect(transition('published', 'expire')).toBe('expired');
  });

  it('refuses to publish without approval, or to approve a draft that was not submitted', () => {
    expect(nextStatus('draft', 'publish')).toBeNull();
    expect(nextStatus('submitted', 'publish')).toBeNull();
    expect(nextStatus('draft', 'approve')).toBeNull();
  });

  it('throws a 409 naming the status and the action for an illegal step', () => {
    try {
      transition('expired', 'cancel');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).status).toBe(409);
      expect((e as AppError).message).toContain('已过期');
      expect((e as AppError).message).toContain('解除');
      expect((e as AppError).extra).toMatchObject({ from: 'expired', action: 'cancel', allowed: [] });
    }
  });

  it('has superseded, cancelled and expired as the only final statuses', () => {
    expect(WARNING_STATUSES.filter(isFinal)).toEqual(['superseded', 'cancelled', 'expired']);
  });

  it('lets only drafts be edited, and treats published and later statuses as public', () => {
    expect(WARNING_STATUSES.filter(isEditable)).toEqual(['draft']);
    expect(WARNING_STATUSES.filter(isPublic)).toEqual(['published', 'superseded', 'cancelled', 'expired']);
  });

  it('never expires or supersedes a warning that was not published', () => {
    for (const s of WARNING_STATUSES.filter((x) => x !== 'published')) {
      expect(allowedActions(s)).not.toContain('expire');
      expect(allowedActions(s)).not.toContain('supersede');
    }
  });
});

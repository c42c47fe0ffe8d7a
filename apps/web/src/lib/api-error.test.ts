import { describe, expect, it } from 'vitest';
import { ApiError, fieldPath, toApiError, toFormErrors } from './api-error';

describe('toApiError', () => {
  it('reads an RFC 9457 problem with field errors', () => {
    const e = toApiError(400, {
      type: 'https://vigil.example/problems/validation',
      title: '参数错误',
      status: 400,
      code: 'VALIDATION',
      detail: 'body 参数校验失败：newPassword 至少 8 位',
      instance: '/api/v1/auth/password',
      requestId: 'req-1',
      errors: [{ field: 'newPassword', message: '至少 8 位' }, { bogus: true }],
    });
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(400);
    expect(e.code).toBe('VALIDATION');
    expect(e.userMessage).toBe('body 参数校验失败：newPassword 至少 8 位');
    expect(e.fieldErrors).toEqual([{ field: 'newPassword', message: '至少 8 位' }]);
    expect(e.extra).toEqual({ requestId: 'req-1' });
  });

  it('keeps extra members such as the login stage of a 403', () => {
    const e = toApiError(403, { title: '无权限', status: 403, code: 'FORBIDDEN', detail: '请先完成登录步骤', stage: 'totp' });
    expect(e.extra.stage).toBe('totp');
  });

  it('shows the title when there is no detail, and the locked-account detail for 423', () => {
    expect(toApiError(404, { title: '记录不存在', status: 404, code: 'NOT_FOUND' }).userMessage).toBe('记录不存在');
    const locked = toApiError(423, { title: '账户已锁定', status: 423, code: 'LOCKED', detail: '账户已锁定，请 15 分钟后再试' });
    expect(locked.code).toBe('LOCKED');
    expect(locked.userMessage).toBe('账户已锁定，请 15 分钟后再试');
  });

  it('falls back to the status when the body is not a problem (proxy error page, empty body)', () => {
    const html = toApiError(502, '<html>Bad gateway</html>', 'Bad Gateway');
    expect(html.code).toBe('INTERNAL');
    expect(html.title).toBe('Bad Gateway');
    expect(html.detail).toBe('<html>Bad gateway</html>');
    const empty = toApiError(401, undefined);
    expect(empty.code).toBe('UNAUTHENTICATED');
    expect(empty.userMessage).toBe('HTTP 401');
    expect(empty.fieldErrors).toEqual([]);
  });
});

describe('field errors → form fields', () => {
  it('splits dotted paths with numeric indexes', () => {
    expect(fieldPath('roles.0.scopeOrgId')).toEqual(['roles', 0, 'scopeOrgId']);
    expect(fieldPath('newPassword')).toEqual(['newPassword']);
  });

  it('groups messages per field and drops fields the form does not have', () => {
    const e = toApiError(400, {
      title: 'x',
      status: 400,
      code: 'VALIDATION',
      errors: [
        { field: 'newPassword', message: '至少 8 位' },
        { field: 'newPassword', message: '不能与最近 5 次密码相同' },
        { field: 'roles.1.roleId', message: '角色不存在' },
        { field: 'x-csrf-token', message: '缺少或错误' },
        { field: 'body', message: '不是合法的 JSON' },
      ],
    });
    expect(toFormErrors(e, ['currentPassword', 'newPassword', 'roles'])).toEqual([
      { name: ['newPassword'], errors: ['至少 8 位', '不能与最近 5 次密码相同'] },
      { name: ['roles', 1, 'roleId'], errors: ['角色不存在'] },
    ]);
  });
});

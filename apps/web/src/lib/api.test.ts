import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-error';
import { api, buildQuery, http, setCsrfToken, setUnauthorizedHandler } from './api';

type Call = { url: string; init: RequestInit };

function fakeFetch(status: number, body: unknown, type = 'application/json') {
  const calls: Call[] = [];
  const fn = vi.fn(async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(status === 204 ? null : text, { status, headers: { 'content-type': type } });
  });
  vi.stubGlobal('fetch', fn);
  return calls;
}

beforeEach(() => {
  setCsrfToken(null);
  setUnauthorizedHandler(null);
});
afterEach(() => vi.unstubAllGlobals());

describe('buildQuery', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(buildQuery({ q: '泉州', limit: 20, cursor: undefined, orgId: null, status: '' })).toBe('?q=%E6%B3%89%E5%B7%9E&limit=20');
    expect(buildQuery({})).toBe('');
  });
});

describe('api', () => {
  it('sends the CSRF token on writes but not on reads', async () => {
    const calls = fakeFetch(200, { ok: true });
    setCsrfToken('tok-1');
    await http.get('/me');
    await http.patch('/me', { locale: 'en' });
    expect(calls[0]!.url).toBe('/api/v1/me');
    expect((calls[0]!.init.headers as Record<string, string>)['x-csrf-token']).toBeUndefined();
    const headers = calls[1]!.init.headers as Record<string, string>;
    expect(headers['x-csrf-token']).toBe('tok-1');
    expect(headers['content-type']).toBe('application/json');
    expect(calls[1]!.init.body).toBe('{"locale":"en"}');
  });

  it('turns a problem+json answer into an ApiError with field errors', async () => {
    fakeFetch(
      400,
      {
        title: '参数错误',
        status: 400,
        code: 'VALIDATION',
        detail: '新密码太短',
        errors: [{ field: 'newPassword', message: '至少 8 位' }],
      },
      'application/problem+json',
    );
    const err = await http.post('/auth/password', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).fieldErrors).toEqual([{ field: 'newPassword', message: '至少 8 位' }]);
  });

  it('on 401 calls the handler (→ /login) and marks the error as handled', async () => {
    fakeFetch(401, { title: '未登录', status: 401, code: 'UNAUTHENTICATED', detail: '会话已过期' }, 'application/problem+json');
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    const err = (await http.get('/users').catch((e: unknown) => e)) as ApiError;
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(err.status).toBe(401);
    expect(err.silent).toBe(true);
  });

  it('lets login steps handle their own 401 (wrong password) without redirecting', async () => {
    fakeFetch(401, { title: '未登录', status: 401, code: 'UNAUTHENTICATED', detail: '用户名或密码错误' }, 'application/problem+json');
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    const err = (await api('/auth/login', { method: 'POST', body: {}, allow401: true }).catch((e: unknown) => e)) as ApiError;
    expect(onUnauthorized).not.toHaveBeenCalled();
    expect(err.silent).toBe(false);
    expect(err.userMessage).toBe('用户名或密码错误');
  });

  it('uploads a file as multipart form data with the CSRF token and the query', async () => {
    const calls = fakeFetch(201, { id: 'a1' });
    setCsrfToken('tok-2');
    const r = await http.upload<{ id: string }>('/duty/shifts/import', new Blob(['x']), '排班.xlsx', { orgId: 'o1' });
    expect(r).toEqual({ id: 'a1' });
    expect(calls[0]!.url).toBe('/api/v1/duty/shifts/import?orgId=o1');
    const headers = calls[0]!.init.headers as Record<string, string>;
    expect(headers['x-csrf-token']).toBe('tok-2');
    // The browser sets multipart/form-data with its boundary; a JSON type here would break the upload.
    expect(headers['content-type']).toBeUndefined();
    const body = calls[0]!.init.body as FormData;
    expect(body).toBeInstanceOf(FormData);
    expect((body.get('file') as File).name).toBe('排班.xlsx');
  });

  it('resolves 204 with nothing', async () => {
    fakeFetch(204, undefined);
    await expect(http.del('/api-tokens/1')).resolves.toBeUndefined();
  });

  it('reports a network failure as status 0', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const err = (await http.get('/me').catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(0);
    expect(err.code).toBe('NETWORK');
  });
});

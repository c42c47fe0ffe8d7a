import { errorText, retryableStatus, SendError } from './channel.js';

/** What came back from an HTTP POST (the body cut to 2 KB). */
export interface PostResult {
  status: number;
  body: string;
}

const MAX_BODY = 2048;

/**
 * POSTs a JSON body with a time limit. Redirects are not followed (a 3xx counts as a refusal,
 * so a moved endpoint is noticed rather than silently sent elsewhere). Network errors and
 * timeouts throw a retryable `SendError`.
 */
export async function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<PostResult> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Vigil-Notify/1', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    throw new SendError(timedOut ? `请求超时（${timeoutMs} 毫秒）` : `连接失败：${errorText(err)}`, false);
  }
  const text = await res.text().catch(() => '');
  return { status: res.status, body: text.slice(0, MAX_BODY) };
}

/** Turns a non-2xx answer into a `SendError` (retryable for 408/429/5xx, permanent otherwise). */
export function refusal(what: string, r: PostResult): SendError {
  const detail = r.body.trim().slice(0, 200);
  return new SendError(`${what}返回 HTTP ${r.status}${detail ? `：${detail}` : ''}`, !retryableStatus(r.status));
}

/** Parses a small JSON object answer; null when it is not one. */
export function jsonObject(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

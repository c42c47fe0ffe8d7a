/**
 * Fetching external warning feeds: one HTTP GET with a time limit and a size cap, and reading the
 * items of an Atom feed (CAP feed conventions: an entry links its alert with
 * `rel="alternate" type="application/cap+xml"`, or embeds the `<alert>` in its content).
 */

export class FeedError extends Error {}

/** GETs a URL as text; throws FeedError on timeout, HTTP errors, oversize or an HTML page. */
export async function fetchText(url: string, opts: { timeoutMs: number; maxBytes: number }): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, {
      signal: AbortSignal.timeout(opts.timeoutMs),
      redirect: 'follow',
      headers: { accept: 'application/cap+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8' },
    });
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') throw new FeedError(`请求超时（${opts.timeoutMs} 毫秒）`);
    throw new FeedError(`无法连接：${(e as Error).message}`);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new FeedError(`HTTP ${res.status}`);
  }
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > opts.maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new FeedError(`响应超过 ${opts.maxBytes} 字节`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  try {
    for (;;) {
      if (!reader) break;
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > opts.maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new FeedError(`响应超过 ${opts.maxBytes} 字节`);
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof FeedError) throw e;
    const name = (e as Error).name;
    throw new FeedError(
      name === 'TimeoutError' || name === 'AbortError' ? `请求超时（${opts.timeoutMs} 毫秒）` : `读取失败：${(e as Error).message}`,
    );
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const type = res.headers.get('content-type') ?? '';
  if (/text\/html/i.test(type) || looksLikeHtml(text)) throw new FeedError('返回的是 HTML 页面，而不是 CAP 或 Atom 报文');
  return text;
}

/** Whether a body is an HTML page rather than XML. */
export function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype\s+html|<html[\s>])/i.test(text.replace(/^\uFEFF/, ''));
}

const decode = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!);

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i').exec(tag);
  return m ? decode(m[2] ?? m[3] ?? '') : null;
}

export interface AtomItems {
  /** Alerts embedded in entries, as XML text. */
  embedded: string[];
  /** Absolute URLs of linked CAP documents. */
  links: string[];
}

/**
 * Items of an Atom feed. DTDs and entity declarations are refused (as for CAP), and only entries'
 * links and embedded alerts are read: nothing in the feed is expanded or resolved except URLs.
 */
export function atomItems(text: string, feedUrl: string): AtomItems {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new FeedError('订阅源包含 DTD 或实体声明，已拒绝');
  if (!/<(\w+:)?feed[\s>]/.test(text)) throw new FeedError('不是 Atom 订阅源（缺少 <feed>）');
  const out: AtomItems = { embedded: [], links: [] };
  const entries = text.match(/<(?:\w+:)?entry[\s>][\s\S]*?<\/(?:\w+:)?entry>/g) ?? [];
  for (const entry of entries) {
    const alert = /<(?:\w+:)?alert[\s>][\s\S]*<\/(?:\w+:)?alert>/.exec(entry);
    if (alert) {
      out.embedded.push(alert[0]);
      continue;
    }
    const links = entry.match(/<(?:\w+:)?link\b[^>]*>/g) ?? [];
    const cap =
      links.find((l) => /application\/cap\+xml/i.test(attr(l, 'type') ?? '')) ??
      links.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate' && /\.xml(\?|$)/i.test(attr(l, 'href') ?? ''));
    const href = cap ? attr(cap, 'href') : null;
    if (!href) continue;
    try {
      const u = new URL(href, feedUrl);
      if (u.protocol === 'http:' || u.protocol === 'https:') out.links.push(u.toString());
    } catch {
      // An unusable link is skipped; the entry has nothing to import.
    }
  }
  return out;
}

/**
 * Device credentials on HTTP ingestion: `Authorization: Device <code>:<secret>`, or the same
 * pair as HTTP Basic (`Basic base64(code:secret)`) for clients that only know Basic. `Bearer`
 * stays reserved for user API tokens.
 */
export function parseDeviceAuthorization(header: string | undefined): { code: string; secret: string } | null {
  if (!header) return null;
  const m = /^(Device|Basic)\s+(\S+)\s*$/i.exec(header);
  if (!m) return null;
  let pair = m[2]!;
  if (m[1]!.toLowerCase() === 'basic') {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(pair)) return null;
    pair = Buffer.from(pair, 'base64').toString('utf8');
  }
  const colon = pair.indexOf(':');
  if (colon <= 0 || colon === pair.length - 1) return null;
  const code = pair.slice(0, colon);
  const secret = pair.slice(colon + 1);
  if (code.length > 128 || secret.length > 256) return null;
  return { code, secret };
}

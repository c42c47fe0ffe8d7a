import { buildCapXml, fromGbProfile } from '@vigil/cap';
import type { PageOf, WarningDto, WarningListQuery, WarningTypeDto } from '@vigil/shared';
import type { Ctx, Platform } from '../../platform/ctx.js';
import { invalid, notFound } from '../../platform/errors.js';
import { loadWarning } from './warning-access.js';
import { maybeSign } from './warning-cap.js';
import { presentOne } from './warning-draft.service.js';
import * as types from './warning-feeds.repository.js';
import { GENERIC_GUIDES } from './warning-types.data.js';
import { warningScope } from './warnings.policy.js';
import { documentPaths, hasGbDocument, presentType, presentWarning } from './warnings.presenter.js';
import * as repo from './warnings.repository.js';

function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${new Date(at).toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const d = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(d.getTime())) invalid('cursor', '游标无效');
  return { at: d, id };
}

/** `GET /warnings/types`: every type with its allowed colours and 防御指南 per colour. */
export async function listWarningTypes(ctx: Ctx): Promise<WarningTypeDto[]> {
  const guides = new Map((await types.listGuides(ctx.tx)).map((g) => [`${g.type_code}:${g.colour}`, g.instruction_zh]));
  return (await types.listTypes(ctx.tx)).map((t) => presentType(t, guides, GENERIC_GUIDES));
}

/** `GET /warnings/:id`. */
export async function getWarning(ctx: Ctx, id: string): Promise<WarningDto> {
  await loadWarning(ctx, id);
  return presentOne(ctx, id);
}

/** `GET /warnings`: newest first; drafts only of the actor's subtree, published ones of everyone. */
export async function listWarningPage(ctx: Ctx, q: WarningListQuery): Promise<PageOf<WarningDto>> {
  const from = q.from ? new Date(q.from) : undefined;
  const to = q.to ? new Date(q.to) : undefined;
  if (from && to && from >= to) invalid('to', '结束时间须晚于开始时间');
  const f: repo.WarningFilters = {
    scope: warningScope(ctx.actor),
    statuses: q.status?.split(','),
    colour: q.colour,
    typeCode: q.typeCode,
    source: q.source,
    from,
    to,
    q: q.q || undefined,
  };
  const rows = await repo.listWarnings(ctx.tx, f, decodeCursor(q.cursor), q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((w) => presentWarning(w, ctx.actor)),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.created_at, last.id) : null,
    total: await repo.countWarnings(ctx.tx, f),
  };
}

/** `GET /warnings/map`: active warnings (internal and external) as GeoJSON with colour and signature status. */
export async function warningMap(ctx: Ctx): Promise<{ type: 'FeatureCollection'; features: unknown[] }> {
  const rows = await repo.listActive(ctx.tx, ctx.now);
  const geoms = await repo.activeGeometries(ctx.tx, ctx.now);
  return {
    type: 'FeatureCollection',
    features: rows
      .filter((w) => geoms.has(w.id))
      .map((w) => ({
        type: 'Feature',
        id: w.id,
        geometry: JSON.parse(geoms.get(w.id)!) as unknown,
        properties: {
          id: w.id,
          identifier: w.identifier,
          source: w.source,
          colour: w.colour,
          typeCode: w.type_code,
          typeName: w.type_name ?? w.type_code,
          headline: w.headline,
          sender: w.source === 'internal' ? w.org_name : w.sender,
          expires: w.expires_at ? new Date(w.expires_at).toISOString() : null,
          signatureStatus: w.source === 'internal' ? 'valid' : w.signature_status,
        },
      })),
  };
}

// ---- public (no login) ----

// (The portal's list and detail: public-portal.service.ts.)

async function publicRow(platform: Platform, identifier: string): Promise<repo.WarningRow> {
  return (await repo.findByIdentifier(platform.db, identifier)) ?? notFound('预警', identifier);
}

/**
 * The warning's CAP 1.2 (`cap`) or GB/T 35965.1 (`gb`) document. Our own documents are signed when
 * a key is configured; imported ones are served as received (their own signature intact).
 */
export async function publicDocument(platform: Platform, identifier: string, kind: 'cap' | 'gb'): Promise<string> {
  const w = await publicRow(platform, identifier);
  if (w.source === 'internal') {
    const xml = kind === 'cap' ? w.cap_xml : w.gb_xml;
    if (!xml) notFound('预警报文', identifier);
    return maybeSign(platform.config, xml);
  }
  if (kind === 'gb') {
    if (!hasGbDocument(w) || !w.gb_xml) notFound('GB/T 35965.1 报文', identifier);
    return w.gb_xml;
  }
  if (w.raw_format === 'gb' && w.gb_xml) return buildCapXml(fromGbProfile(w.gb_xml));
  return w.cap_xml ?? notFound('预警报文', identifier);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The Atom feed of active warnings, after the CAP feed conventions: one entry per alert, its id the
 * CAP document's URL, a `link rel="alternate" type="application/cap+xml"` to the document.
 */
export async function publicAtom(platform: Platform, base: string): Promise<string> {
  const now = platform.clock.now();
  const rows = await repo.listActive(platform.db, now);
  const updated = rows.reduce((m, w) => Math.max(m, new Date(w.updated_at).getTime()), 0) || now.getTime();
  const entries = rows.map((w) => {
    const p = documentPaths(w.identifier!);
    const sent = new Date(w.sent_at!).toISOString();
    return [
      '  <entry>',
      `    <id>${esc(base + p.cap)}</id>`,
      `    <title>${esc(w.headline)}</title>`,
      `    <updated>${new Date(w.updated_at).toISOString()}</updated>`,
      `    <published>${sent}</published>`,
      `    <author><name>${esc(w.source === 'internal' ? w.org_name : w.sender!)}</name></author>`,
      `    <summary>${esc(w.description.slice(0, 500))}</summary>`,
      `    <category term="${esc(w.type_code)}" label="${esc(w.type_name ?? w.type_code)}"/>`,
      w.colour ? `    <category term="${w.colour}" scheme="urn:vigil:warning-colour"/>` : null,
      `    <link rel="alternate" type="application/cap+xml" href="${esc(base + p.cap)}"/>`,
      hasGbDocument(w) ? `    <link rel="related" type="application/xml" title="GB/T 35965.1" href="${esc(base + p.gb)}"/>` : null,
      w.expires_at
        ? `    <cap:expires xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2">${new Date(w.expires_at).toISOString()}</cap:expires>`
        : null,
      '  </entry>',
    ]
      .filter((l): l is string => l !== null)
      .join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <id>${esc(base)}/public/warnings.atom</id>`,
    '  <title>预警信息（CAP）</title>',
    `  <updated>${new Date(updated).toISOString()}</updated>`,
    '  <author><name>Vigil 预警信息发布</name></author>',
    `  <link rel="self" type="application/atom+xml" href="${esc(base)}/public/warnings.atom"/>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

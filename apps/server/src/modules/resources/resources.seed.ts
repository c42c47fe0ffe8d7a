import type { ResourceKind } from '@vigil/shared';
import { sealSecret } from '../../platform/auth/secret-box.js';
import type { Platform } from '../../platform/ctx.js';
import { newId } from '../../platform/ids.js';
import * as importRepo from './resource-import.repository.js';
import { maskContact } from './resource-rules.js';
import { contactContext } from './resources.presenter.js';
import { DEMO_COUNTIES, DEMO_PLAN, demoStockLines, prng, type DemoItem } from './resources.seed-data.js';
import * as repo from './seed-scale.repository.js';

/**
 * Seeds the demo resource set of Quanzhou: ~60 teams, ~40 warehouses with ~400 stock lines,
 * ~120 shelters, ~300 hazard sources (clustered in 泉港 and the 泉惠 petrochemical area), ~500
 * protected targets, ~40 experts and ~80 pieces of equipment. Deterministic (seeded PRNG and
 * ST_GeneratePoints with a seed), every point inside the county of the bureau that owns it,
 * names marked 【演示】 and source 'demo'. Written with the same set-based upserts as imports.
 * Skipped when demo resources exist.
 */
export async function seedResourcesDemo(platform: Platform): Promise<void> {
  const db = platform.db;
  if ((await repo.countBySource(db, 'demo')) > 0) return;
  if (!(await repo.hasDivision(db, '350500'))) return;
  const orgs = new Map((await repo.orgsByCodes(db, ['qz', ...DEMO_COUNTIES.map((c) => c.org)])).map((o) => [o.code, o]));
  if (!orgs.has('qz')) return;
  const rand = prng(20260601);

  // One point request per (kind, county, cluster), all answered by one query.
  const items = DEMO_PLAN(rand);
  const groups = new Map<string, DemoItem[]>();
  for (const it of items) {
    const key = `${it.kind}|${it.county}|${it.near ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), it]);
  }
  let seed = 1;
  const points = await repo.generatePoints(
    db,
    [...groups.entries()].map(([key, list]) => ({
      key,
      code: list[0]!.county,
      n: list.length,
      seed: seed++,
      near: list[0]!.near ?? null,
      radius: list[0]!.near ? 0.06 : null,
    })),
  );

  const now = platform.clock.now();
  const byKind = new Map<ResourceKind, importRepo.ResourceUpsertRow[]>();
  for (const [key, list] of groups) {
    const pts = points.get(key) ?? [];
    list.forEach((it, i) => {
      const p = pts[i];
      if (!p) return; // a cluster too small for its points: the item is left out
      const org = orgs.get(it.org) ?? orgs.get('qz')!;
      const id = newId();
      let sealed: Record<string, string> | null = null;
      let masked: Record<string, string> | null = null;
      if (it.contact) {
        sealed = { phone: sealSecret(platform.config, it.contact.phone, contactContext(id, 'phone')) };
        masked = maskContact({ phone: it.contact.phone, idNumber: null });
      }
      const rows = byKind.get(it.kind) ?? [];
      rows.push({
        id,
        hist_id: newId(),
        external_code: it.code,
        name: it.name,
        type_code: it.typeCode,
        status: it.status,
        org_id: org.id,
        org_path: org.path,
        address: it.address,
        phone: it.phone,
        lng: p.lng,
        lat: p.lat,
        area: null,
        attrs: it.attrs,
        sealed,
        masked,
      });
      byKind.set(it.kind, rows);
    });
  }

  await db.transaction().execute(async (tx) => {
    for (const [kind, rows] of byKind)
      for (let i = 0; i < rows.length; i += 1000)
        await importRepo.upsertResources(tx, rows.slice(i, i + 1000), {
          kind,
          source: 'demo',
          actorId: null,
          now,
          scope: null,
          history: true,
        });
    const warehouses = byKind.get('warehouse') ?? [];
    const materials = await repo.materialClasses(tx);
    const lines = demoStockLines(rand, warehouses, materials, now);
    for (let i = 0; i < lines.length; i += 1000)
      await importRepo.upsertStockLines(tx, lines.slice(i, i + 1000), { source: 'demo', actorId: null, now, reason: '演示数据初始库存' });
  });
  platform.log.info({ resources: [...byKind.values()].reduce((n, r) => n + r.length, 0) }, 'seeded demo resources');
}

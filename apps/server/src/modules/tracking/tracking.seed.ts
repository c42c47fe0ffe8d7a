import type { Platform } from '../../platform/ctx.js';
import type { DemoContext } from '../../platform/module.js';
import { newId } from '../../platform/ids.js';
import { demoDeviceSecret, hashDeviceSecret } from '../monitoring/index.js';
import type { Fix } from './position-check.js';
import * as repo from './tracking.repository.js';

/** Demo tracker codes: `GPS-QZ-001`…; their secrets derive from DEMO_PASSWORD like demo devices'. */
export const demoTrackerCode = (i: number) => `GPS-QZ-${String(i + 1).padStart(3, '0')}`;

/**
 * A short drive of each demo tracker out of its base: 20 fixes 30 s apart heading north-east at
 * ~40 km/h. Most end a minute before seeding (live), every third ends two hours earlier (stale).
 */
export function demoDrive(base: { lng: number; lat: number }, end: Date, i: number): Fix[] {
  const fixes: Fix[] = [];
  const bearing = ((i * 67) % 360) * (Math.PI / 180);
  const stepDeg = (40 / 3.6) * 30 * (1 / 111_320); // 30 s at 40 km/h, in degrees of latitude
  for (let k = 0; k < 20; k++) {
    fixes.push({
      lng: base.lng + Math.sin(bearing) * stepDeg * k * 1.1,
      lat: base.lat + Math.cos(bearing) * stepDeg * k,
      at: new Date(end.getTime() - (19 - k) * 30_000),
      speedKmh: k === 0 ? 0 : 40,
      heading: (i * 67) % 360,
      accuracyM: 8,
    });
  }
  return fixes;
}

/** Seeds demo trackers on a few demo teams and vehicles, with recent tracks. Skipped when present. */
export async function seedTrackingDemo(platform: Platform, demo: DemoContext): Promise<void> {
  const db = platform.db;
  if ((await repo.countDemoTrackers(db)) > 0) return;
  const subjects = await repo.demoSubjects(db, 4);
  const now = platform.clock.now();
  await db.transaction().execute(async (tx) => {
    for (const [i, s] of subjects.entries()) {
      const code = demoTrackerCode(i);
      const id = newId();
      await repo.insertTracker(tx, {
        id,
        code,
        name: `${s.kind === 'team' ? '队伍定位终端' : '车载定位终端'} ${code}【演示】`,
        kind: 'device',
        subject_kind: s.kind,
        subject_id: s.id,
        subject_name: s.name,
        org_id: s.org_id,
        org_path: s.org_path,
        secret_hash: hashDeviceSecret(demoDeviceSecret(demo.password, code)),
        source: 'demo',
        created_by: null,
        now,
      });
      const end = new Date(now.getTime() - (i % 3 === 2 ? 2 * 3_600_000 : 60_000));
      await repo.insertFixes(tx, id, demoDrive(s, end, i), 'http', now);
    }
  });
}

import type { LastPosition, PageOf, TrackerDto } from '@vigil/shared';
import { demoDeviceSecret } from '../monitoring/index.js';

/**
 * Moves the demo trackers (`npm run simulate:tracks`): each drives a smooth random route at
 * 25–50 km/h inside the Quanzhou area and reports over HTTP every few seconds, so the command
 * room's map shows units moving, and stale ones grey when the simulator stops.
 */

export interface SimFix {
  lng: number;
  lat: number;
  heading: number;
  speed: number;
}

/** Quanzhou's land area, roughly: a vehicle leaving it turns back. */
const AREA = { minLng: 117.6, maxLng: 119.05, minLat: 24.5, maxLat: 25.6 };

/** The next fix `dtS` seconds after `prev`: heading drifts ±20°, speed 25–50 km/h, turning back at the area's edge. */
export function nextFix(prev: SimFix, dtS: number, rand: () => number): SimFix {
  let heading = (prev.heading + (rand() - 0.5) * 40 + 360) % 360;
  const speed = Math.min(50, Math.max(25, prev.speed + (rand() - 0.5) * 10));
  const metres = (speed / 3.6) * dtS;
  const rad = (heading * Math.PI) / 180;
  let lat = prev.lat + (Math.cos(rad) * metres) / 111_320;
  let lng = prev.lng + (Math.sin(rad) * metres) / (111_320 * Math.cos((prev.lat * Math.PI) / 180));
  if (lng < AREA.minLng || lng > AREA.maxLng || lat < AREA.minLat || lat > AREA.maxLat) {
    heading = (heading + 180) % 360;
    lng = prev.lng;
    lat = prev.lat;
  }
  return { lng, lat, heading, speed };
}

export interface TrackSimOptions {
  api: string;
  user: string;
  password: string;
  everyS: number;
  durationS: number | null;
}

async function call<T>(url: string, init: RequestInit): Promise<{ data: T; res: Response }> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${url}: ${res.status} ${(await res.text()).slice(0, 200)}`);
  return { data: (await res.json()) as T, res };
}

/** The demo trackers (`GPS-QZ-…`) with their last position, read through the API as a demo user. */
async function demoTrackers(o: TrackSimOptions): Promise<{ code: string; last: LastPosition | null }[]> {
  const login = await call<unknown>(`${o.api}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: o.user, password: o.password }),
  });
  const cookie = login.res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`login as ${o.user} gave no session`);
  const page = await call<PageOf<TrackerDto>>(`${o.api}/api/v1/tracking/trackers?limit=500&status=active`, { headers: { cookie } });
  return page.data.items.filter((t) => t.kind === 'device' && t.code.startsWith('GPS-QZ-')).map((t) => ({ code: t.code, last: t.last }));
}

export interface TrackSimSummary {
  trackers: number;
  sent: number;
  refused: number;
  failed: number;
}

/** Runs until `durationS` passes or `stop()` is called; prints a line per round through `log`. */
export function startTrackSimulator(o: TrackSimOptions, log: (line: string) => void) {
  let stopped = false;
  let wake: (() => void) | null = null;
  const stop = () => {
    stopped = true;
    wake?.();
  };
  const done = (async (): Promise<TrackSimSummary> => {
    const trackers = await demoTrackers(o);
    const summary: TrackSimSummary = { trackers: trackers.length, sent: 0, refused: 0, failed: 0 };
    if (trackers.length === 0) return summary;
    let seed = 7;
    const rand = () => ((seed = (seed * 16_807) % 2_147_483_647) - 1) / 2_147_483_646;
    const state = new Map(
      trackers.map((t, i) => [
        t.code,
        { lng: t.last?.lng ?? 118.6 + i * 0.01, lat: t.last?.lat ?? 24.9, heading: (i * 67) % 360, speed: 35 },
      ]),
    );
    log(`moving ${trackers.length} demo trackers every ${o.everyS} s → ${o.api}`);
    const end = o.durationS ? Date.now() + o.durationS * 1000 : Infinity;
    while (!stopped && Date.now() < end) {
      await Promise.all(
        trackers.map(async (t) => {
          const next = nextFix(state.get(t.code)!, o.everyS, rand);
          state.set(t.code, next);
          try {
            const r = await fetch(`${o.api}/api/v1/tracking/positions`, {
              method: 'POST',
              headers: { authorization: `Device ${t.code}:${demoDeviceSecret(o.password, t.code)}`, 'content-type': 'application/json' },
              body: JSON.stringify({ lng: next.lng, lat: next.lat, heading: next.heading, speed: next.speed, accuracy: 10 }),
            });
            if (r.status === 202) summary.sent++;
            else summary.refused++;
          } catch {
            summary.failed++;
          }
        }),
      );
      log(`sent ${summary.sent}, refused ${summary.refused}, failed ${summary.failed}`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, o.everyS * 1000);
      });
    }
    return summary;
  })();
  return { stop, done };
}

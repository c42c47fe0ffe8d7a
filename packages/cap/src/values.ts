/**
 * Pure helpers for CAP's text-encoded values: dateTime, polygon, circle, references and addresses.
 * Each `check*` returns a list of problems (empty when valid); each `parse*` is lenient.
 */
import type { CapCircle, CapPoint, CapReference } from './model.js';

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([-+])(\d{2}):(\d{2})$/;

/** Epoch milliseconds of a CAP dateTime, or NaN when it is not a valid CAP dateTime. */
export function capTimeMs(value: string): number {
  const m = DATETIME.exec(value);
  if (!m) return NaN;
  const [y, mo, d, h, mi, s, oh, om] = [1, 2, 3, 4, 5, 6, 8, 9].map((i) => Number(m[i])) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59 || oh > 14 || om > 59) return NaN;
  const local = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(local).getUTCDate() !== d) return NaN; // e.g. 31 April
  const offset = (oh * 60 + om) * 60_000;
  return m[7] === '+' ? local - offset : local + offset;
}

/** Problems of a CAP dateTime string (format, calendar validity, "-00:00"). */
export function checkCapDateTime(value: string): string[] {
  if (!DATETIME.test(value)) return ['must be a dateTime like 2025-07-20T10:00:00+08:00 (with a timezone offset, no fractional seconds)'];
  if (Number.isNaN(capTimeMs(value))) return ['is not a real date and time'];
  if (value.endsWith('-00:00')) return ['must write UTC as +00:00, not -00:00 (CAP 1.2 §3.3.2)'];
  return [];
}

/** Formats a Date as a CAP dateTime in a fixed offset (default Beijing time, +08:00). */
export function formatCapDateTime(date: Date, offsetMinutes = 480): string {
  const t = new Date(date.getTime() + offsetMinutes * 60_000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${p(t.getUTCFullYear(), 4)}-${p(t.getUTCMonth() + 1)}-${p(t.getUTCDate())}T` +
    `${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())}${sign}${p(Math.floor(abs / 60))}:${p(abs % 60)}`
  );
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

const PAIR = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)),([+-]?(?:\d+(?:\.\d*)?|\.\d+))$/;

function parsePair(pair: string): CapPoint | null {
  const m = PAIR.exec(pair);
  return m ? { lat: Number(m[1]), lon: Number(m[2]) } : null;
}

/** Points of a CAP polygon ("lat,lon lat,lon …"); null when any pair is unreadable. */
export function parsePolygon(text: string): CapPoint[] | null {
  const parts = text.trim().split(/\s+/);
  const out: CapPoint[] = new Array<CapPoint>(parts.length);
  for (let i = 0; i < parts.length; i++) {
    const p = parsePair(parts[i]!);
    if (!p) return null;
    out[i] = p;
  }
  return out;
}

/** Writes points as CAP polygon text, closing the ring if the caller did not. */
export function formatPolygon(points: readonly CapPoint[]): string {
  const ring = [...points];
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first && last && (first.lat !== last.lat || first.lon !== last.lon)) ring.push(first);
  return ring.map((p) => `${p.lat},${p.lon}`).join(' ');
}

/** Reads "lat,lon radius" (radius in km); null when unreadable. */
export function parseCircle(text: string): CapCircle | null {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 2 || !NUMBER.test(parts[1]!)) return null;
  const center = parsePair(parts[0]!);
  return center ? { center, radiusKm: Number(parts[1]) } : null;
}

export function formatCircle(circle: CapCircle): string {
  return `${circle.center.lat},${circle.center.lon} ${circle.radiusKm}`;
}

function pointProblems(p: CapPoint): string[] {
  const out: string[] = [];
  if (!(p.lat >= -90 && p.lat <= 90)) out.push(`latitude ${p.lat} is outside -90..90`);
  if (!(p.lon >= -180 && p.lon <= 180)) out.push(`longitude ${p.lon} is outside -180..180`);
  return out;
}

/** Problems of a CAP polygon: format, ≥ 4 pairs, closed ring, coordinate ranges, self-intersection. */
export function checkPolygon(text: string): string[] {
  const pts = parsePolygon(text);
  if (!pts) return ['must be space-separated "lat,lon" pairs'];
  if (pts.length < 4) return [`needs at least 4 coordinate pairs (has ${pts.length})`];
  for (const p of pts) {
    const bad = pointProblems(p);
    if (bad.length) return bad;
  }
  const first = pts[0]!;
  const last = pts[pts.length - 1]!;
  if (first.lat !== last.lat || first.lon !== last.lon) return ['is not closed: the first and last pairs must be equal'];
  const at = findSelfIntersection(pts);
  if (at) return [`intersects itself (segments ${at[0]} and ${at[1]})`];
  return [];
}

/** Problems of a CAP circle "lat,lon radius". */
export function checkCircle(text: string): string[] {
  const c = parseCircle(text);
  if (!c) return ['must be "lat,lon radius" (radius in km)'];
  const bad = pointProblems(c.center);
  if (bad.length) return bad;
  if (c.radiusKm < 0) return ['radius must not be negative'];
  return [];
}

type Seg = { ax: number; ay: number; bx: number; by: number; i: number };

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function onSegment(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): boolean {
  return Math.min(ax, bx) <= cx && cx <= Math.max(ax, bx) && Math.min(ay, by) <= cy && cy <= Math.max(ay, by);
}

function intersects(s: Seg, t: Seg): boolean {
  const o1 = orient(s.ax, s.ay, s.bx, s.by, t.ax, t.ay);
  const o2 = orient(s.ax, s.ay, s.bx, s.by, t.bx, t.by);
  const o3 = orient(t.ax, t.ay, t.bx, t.by, s.ax, s.ay);
  const o4 = orient(t.ax, t.ay, t.bx, t.by, s.bx, s.by);
  if (o1 !== o2 && o3 !== o4) return true;
  return (
    (o1 === 0 && onSegment(s.ax, s.ay, s.bx, s.by, t.ax, t.ay)) ||
    (o2 === 0 && onSegment(s.ax, s.ay, s.bx, s.by, t.bx, t.by)) ||
    (o3 === 0 && onSegment(t.ax, t.ay, t.bx, t.by, s.ax, s.ay)) ||
    (o4 === 0 && onSegment(t.ax, t.ay, t.bx, t.by, s.bx, s.by))
  );
}

/**
 * Finds two non-adjacent edges of a closed ring that touch or cross; returns their indexes or null.
 * Edges are bucketed on a uniform grid so large rings (tens of thousands of points) stay near-linear.
 */
export function findSelfIntersection(ring: readonly CapPoint[]): [number, number] | null {
  const pts: CapPoint[] = [];
  for (const p of ring) {
    const q = pts[pts.length - 1];
    if (!q || q.lat !== p.lat || q.lon !== p.lon) pts.push(p);
  }
  const n = pts.length - 1; // number of edges (ring is closed: pts[0] == pts[n])
  if (n < 3) return null;
  const segs: Seg[] = [];
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const a = pts[i]!;
    const b = pts[i + 1]!;
    segs.push({ ax: a.lon, ay: a.lat, bx: b.lon, by: b.lat, i });
    minX = Math.min(minX, a.lon);
    maxX = Math.max(maxX, a.lon);
    minY = Math.min(minY, a.lat);
    maxY = Math.max(maxY, a.lat);
  }
  // Cells about twice the mean edge length: short edges land in one or a few cells. Edges that would
  // cover many cells go to a short list checked against every edge instead.
  let total = 0;
  for (const s of segs) total += Math.abs(s.bx - s.ax) + Math.abs(s.by - s.ay);
  const size = Math.max((2 * total) / n, (maxX - minX) / 1e6, (maxY - minY) / 1e6) || 1;
  const rows = Math.floor((maxY - minY) / size) + 1;
  const grid = new Map<number, Seg[]>();
  const long: Seg[] = [];
  const clash = (s: Seg, t: Seg): boolean => {
    const d = Math.abs(s.i - t.i);
    return d !== 1 && d !== n - 1 && intersects(s, t); // neighbours share a vertex
  };
  const found = (s: Seg, t: Seg): [number, number] => [Math.min(s.i, t.i), Math.max(s.i, t.i)];
  for (const s of segs) {
    const x0 = Math.floor((Math.min(s.ax, s.bx) - minX) / size);
    const x1 = Math.floor((Math.max(s.ax, s.bx) - minX) / size);
    const y0 = Math.floor((Math.min(s.ay, s.by) - minY) / size);
    const y1 = Math.floor((Math.max(s.ay, s.by) - minY) / size);
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > 64) {
      long.push(s);
      continue;
    }
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const key = x * rows + y;
        const bucket = grid.get(key);
        if (!bucket) {
          grid.set(key, [s]);
          continue;
        }
        for (const t of bucket) if (clash(s, t)) return found(s, t);
        bucket.push(s);
      }
    }
  }
  for (let a = 0; a < long.length; a++) {
    const s = long[a]!;
    for (const t of segs) if (t !== s && clash(s, t)) return found(s, t);
  }
  return null;
}

/** Splits `references` into triples; entries that are not "sender,identifier,sent" are returned as null. */
export function parseReferences(text: string): (CapReference | null)[] {
  const parts = text.trim().split(/\s+/).filter(Boolean);
  return parts.map((p) => {
    const f = p.split(',');
    if (f.length !== 3 || !f[0] || !f[1] || !f[2]) return null;
    return { sender: f[0], identifier: f[1], sent: f[2] };
  });
}

export function formatReferences(refs: readonly CapReference[]): string {
  return refs.map((r) => `${r.sender},${r.identifier},${r.sent}`).join(' ');
}

/** Problems of a `references` value. */
export function checkReferences(text: string): string[] {
  const refs = parseReferences(text);
  if (refs.length === 0) return ['must list at least one "sender,identifier,sent" entry'];
  const out: string[] = [];
  refs.forEach((r, i) => {
    if (!r) out.push(`entry ${i + 1} must be "sender,identifier,sent" without spaces`);
    else if (checkCapDateTime(r.sent).length) out.push(`entry ${i + 1} has an invalid sent time "${r.sent}"`);
  });
  return out;
}

/** Splits space-separated addresses; double quotes group an address containing spaces. */
export function parseAddresses(text: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] ?? m[2] ?? '');
  return out.filter(Boolean);
}

export function formatAddresses(list: readonly string[]): string {
  return list.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ');
}

/**
 * A small Mapbox Vector Tile (spec v2.1) encoder for point layers. Used only when the database
 * cannot build tiles itself (`ST_AsMVT` needs PostGIS compiled with protobuf-c, which the
 * embedded engine lacks). Pure: protobuf bytes from plain objects.
 *
 * Wire format (vector_tile.proto): Tile.layers = 3; Layer.name = 1, features = 2, keys = 3,
 * values = 4, extent = 5, version = 15; Feature.id = 1, tags = 2 (packed), type = 3,
 * geometry = 4 (packed); Value.string = 1, double = 3, uint = 5, sint = 6, bool = 7.
 */

export type MvtValue = string | number | boolean;

export interface MvtPointFeature {
  /** Integer tile coordinates (0…extent-1, y down). */
  x: number;
  y: number;
  properties: Record<string, MvtValue | null | undefined>;
}

export interface MvtLayer {
  name: string;
  extent?: number;
  features: readonly MvtPointFeature[];
}

const VARINT = 0;
const FIXED64 = 1;
const BYTES = 2;
const GEOM_POINT = 1;
const CMD_MOVE_TO = 1;

/** A growable byte buffer with the protobuf primitives the tile needs. */
class Writer {
  private buf = new Uint8Array(256);
  length = 0;

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  /** Unsigned varint; exact up to 2^53 (arithmetic rather than 32-bit shifts). */
  varint(v: number): void {
    this.ensure(10);
    let n = v;
    while (n >= 0x80) {
      this.buf[this.length++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.length++] = n;
  }

  tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  bytes(b: Uint8Array): void {
    this.varint(b.length);
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  double(v: number): void {
    this.ensure(8);
    new DataView(this.buf.buffer, this.buf.byteOffset + this.length, 8).setFloat64(0, v, true);
    this.length += 8;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

const utf8 = new TextEncoder();

/** ZigZag: signed → unsigned so small negatives stay short. */
export function zigzag(n: number): number {
  return n >= 0 ? n * 2 : -n * 2 - 1;
}

function encodeValue(v: MvtValue): Uint8Array {
  const w = new Writer();
  if (typeof v === 'string') {
    w.tag(1, BYTES);
    w.bytes(utf8.encode(v));
  } else if (typeof v === 'boolean') {
    w.tag(7, VARINT);
    w.varint(v ? 1 : 0);
  } else if (Number.isSafeInteger(v)) {
    if (v >= 0) {
      w.tag(5, VARINT);
      w.varint(v);
    } else {
      w.tag(6, VARINT);
      w.varint(zigzag(v));
    }
  } else {
    w.tag(3, FIXED64);
    w.double(v);
  }
  return w.finish();
}

const valueKey = (v: MvtValue) => `${typeof v}:${String(v)}`;

function encodeLayer(layer: MvtLayer): Uint8Array {
  const keys: string[] = [];
  const keyIndex = new Map<string, number>();
  const values: MvtValue[] = [];
  const valueIndex = new Map<string, number>();
  const w = new Writer();
  w.tag(15, VARINT);
  w.varint(2);
  w.tag(1, BYTES);
  w.bytes(utf8.encode(layer.name));
  for (const f of layer.features) {
    const tags: number[] = [];
    for (const [k, v] of Object.entries(f.properties)) {
      if (v === null || v === undefined) continue;
      let ki = keyIndex.get(k);
      if (ki === undefined) {
        ki = keys.push(k) - 1;
        keyIndex.set(k, ki);
      }
      const vk = valueKey(v);
      let vi = valueIndex.get(vk);
      if (vi === undefined) {
        vi = values.push(v) - 1;
        valueIndex.set(vk, vi);
      }
      tags.push(ki, vi);
    }
    const fw = new Writer();
    if (tags.length) {
      const tw = new Writer();
      for (const t of tags) tw.varint(t);
      fw.tag(2, BYTES);
      fw.bytes(tw.finish());
    }
    fw.tag(3, VARINT);
    fw.varint(GEOM_POINT);
    const gw = new Writer();
    gw.varint(CMD_MOVE_TO + 8 * 1);
    gw.varint(zigzag(Math.round(f.x)));
    gw.varint(zigzag(Math.round(f.y)));
    fw.tag(4, BYTES);
    fw.bytes(gw.finish());
    w.tag(2, BYTES);
    w.bytes(fw.finish());
  }
  for (const k of keys) {
    w.tag(3, BYTES);
    w.bytes(utf8.encode(k));
  }
  for (const v of values) {
    w.tag(4, BYTES);
    w.bytes(encodeValue(v));
  }
  w.tag(5, VARINT);
  w.varint(layer.extent ?? 4096);
  return w.finish();
}

/** Encodes point layers as one vector tile; layers without features are left out. */
export function encodeMvt(layers: readonly MvtLayer[]): Uint8Array {
  const w = new Writer();
  for (const l of layers) {
    if (l.features.length === 0) continue;
    w.tag(3, BYTES);
    w.bytes(encodeLayer(l));
  }
  return w.finish();
}

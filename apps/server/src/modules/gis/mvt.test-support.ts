/**
 * A minimal vector tile decoder for tests: reads what `ST_AsMVT` or our encoder wrote back into
 * layers of features with their properties and point geometry. Never imported by the server.
 */

export interface DecodedFeature {
  id: number | null;
  type: number;
  properties: Record<string, string | number | boolean>;
  /** Points of a point feature, in tile coordinates. */
  points: [number, number][];
}

export interface DecodedLayer {
  name: string;
  version: number;
  extent: number;
  features: DecodedFeature[];
}

class Reader {
  pos = 0;
  constructor(
    private readonly buf: Uint8Array,
    private readonly end = buf.length,
  ) {}

  more(): boolean {
    return this.pos < this.end;
  }

  varint(): number {
    let result = 0;
    let mul = 1;
    for (;;) {
      const b = this.buf[this.pos++]!;
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 0x80;
    }
  }

  bytes(): Uint8Array {
    const n = this.varint();
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.pos += this.varint();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }

  view(n: number): DataView {
    const v = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, n);
    this.pos += n;
    return v;
  }
}

const utf8 = new TextDecoder();
const unzigzag = (n: number) => (n % 2 === 0 ? n / 2 : -(n + 1) / 2);

function decodeValue(b: Uint8Array): string | number | boolean {
  const r = new Reader(b);
  let v: string | number | boolean = '';
  while (r.more()) {
    const tag = r.varint();
    const field = Math.floor(tag / 8);
    if (field === 1) v = utf8.decode(r.bytes());
    else if (field === 2) v = r.view(4).getFloat32(0, true);
    else if (field === 3) v = r.view(8).getFloat64(0, true);
    else if (field === 4 || field === 5) v = r.varint();
    else if (field === 6) v = unzigzag(r.varint());
    else if (field === 7) v = r.varint() === 1;
    else r.skip(tag & 7);
  }
  return v;
}

function packed(b: Uint8Array): number[] {
  const r = new Reader(b);
  const out: number[] = [];
  while (r.more()) out.push(r.varint());
  return out;
}

function decodePoints(cmds: number[]): [number, number][] {
  const pts: [number, number][] = [];
  let x = 0;
  let y = 0;
  for (let i = 0; i < cmds.length;) {
    const cmd = cmds[i++]!;
    const id = cmd & 7;
    const count = cmd >> 3;
    if (id === 7) continue; // ClosePath
    for (let k = 0; k < count; k++) {
      x += unzigzag(cmds[i++]!);
      y += unzigzag(cmds[i++]!);
      pts.push([x, y]);
    }
  }
  return pts;
}

function decodeLayer(b: Uint8Array): DecodedLayer {
  const r = new Reader(b);
  const keys: string[] = [];
  const values: (string | number | boolean)[] = [];
  const raw: { id: number | null; type: number; tags: number[]; geometry: number[] }[] = [];
  const layer: DecodedLayer = { name: '', version: 1, extent: 4096, features: [] };
  while (r.more()) {
    const tag = r.varint();
    const field = Math.floor(tag / 8);
    if (field === 1) layer.name = utf8.decode(r.bytes());
    else if (field === 15) layer.version = r.varint();
    else if (field === 5) layer.extent = r.varint();
    else if (field === 3) keys.push(utf8.decode(r.bytes()));
    else if (field === 4) values.push(decodeValue(r.bytes()));
    else if (field === 2) {
      const fr = new Reader(r.bytes());
      const f = { id: null as number | null, type: 0, tags: [] as number[], geometry: [] as number[] };
      while (fr.more()) {
        const ft = fr.varint();
        const ff = Math.floor(ft / 8);
        if (ff === 1) f.id = fr.varint();
        else if (ff === 2) f.tags = packed(fr.bytes());
        else if (ff === 3) f.type = fr.varint();
        else if (ff === 4) f.geometry = packed(fr.bytes());
        else fr.skip(ft & 7);
      }
      raw.push(f);
    } else r.skip(tag & 7);
  }
  layer.features = raw.map((f) => {
    const properties: Record<string, string | number | boolean> = {};
    for (let i = 0; i < f.tags.length; i += 2) properties[keys[f.tags[i]!]!] = values[f.tags[i + 1]!]!;
    return { id: f.id, type: f.type, properties, points: decodePoints(f.geometry) };
  });
  return layer;
}

/** Decodes a whole tile; an empty body is a tile without layers. */
export function decodeMvt(bytes: Uint8Array): DecodedLayer[] {
  const r = new Reader(bytes);
  const layers: DecodedLayer[] = [];
  while (r.more()) {
    const tag = r.varint();
    if (Math.floor(tag / 8) === 3 && (tag & 7) === 2) layers.push(decodeLayer(r.bytes()));
    else r.skip(tag & 7);
  }
  return layers;
}

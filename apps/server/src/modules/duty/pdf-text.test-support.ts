/**
 * Reads the text back out of a PDF written by pdfkit with an embedded (Identity-H) font: inflates
 * the streams, reads the ToUnicode maps and decodes the glyph strings of the text operators.
 * Used by tests only.
 */
import { inflateSync } from 'node:zlib';

function streams(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    if (raw.slice(m.index - 3, m.index) === 'end') continue;
    const dict = raw.slice(raw.lastIndexOf(' obj', m.index), m.index);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? -1);
    if (length < 0) continue;
    const start = m.index + m[0].length;
    const body = pdf.subarray(start, start + length);
    out.push((dict.includes('/FlateDecode') ? inflateSync(body) : body).toString('latin1'));
    re.lastIndex = start + length;
  }
  return out;
}

const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');

function toUnicode(all: string[]): Map<number, string> {
  const map = new Map<number, string>();
  for (const s of all) {
    for (const block of s.match(/beginbfrange([\s\S]*?)endbfrange/g) ?? []) {
      for (const line of block.split('\n')) {
        const arr = /^<([0-9a-f]+)> <([0-9a-f]+)> \[(.*)\]/i.exec(line.trim());
        if (arr) {
          const first = parseInt(arr[1]!, 16);
          [...arr[3]!.matchAll(/<([0-9a-f]+)>/gi)].forEach((d, i) => map.set(first + i, utf16(d[1]!)));
          continue;
        }
        const seq = /^<([0-9a-f]+)> <([0-9a-f]+)> <([0-9a-f]+)>/i.exec(line.trim());
        if (seq) {
          const base = parseInt(seq[3]!, 16);
          for (let c = parseInt(seq[1]!, 16); c <= parseInt(seq[2]!, 16); c++)
            map.set(c, String.fromCharCode(base + c - parseInt(seq[1]!, 16)));
        }
      }
    }
    for (const block of s.match(/beginbfchar([\s\S]*?)endbfchar/g) ?? [])
      for (const m of block.matchAll(/<([0-9a-f]+)> <([0-9a-f]+)>/gi)) map.set(parseInt(m[1]!, 16), utf16(m[2]!));
  }
  return map;
}

/** The text of every page, one line per text operator. */
export function pdfText(pdf: Buffer): string {
  const all = streams(pdf);
  const map = toUnicode(all);
  const lines: string[] = [];
  for (const s of all.filter((x) => x.includes(' Tf'))) {
    for (const op of s.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-f]+)>\s*Tj/gi)) {
      const hexes = op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-f]*)>/gi)].map((x) => x[1]!) : [op[2]!];
      lines.push(hexes.map((h) => (h.match(/.{4}/g) ?? []).map((g) => map.get(parseInt(g, 16)) ?? '').join('')).join(''));
    }
  }
  return lines.join('\n');
}

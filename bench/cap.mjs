// CAP library: parse and validate time of a ~1 MB national alert with a 40 000-point polygon,
// against the raw XML parser alone (@xmldom/xmldom parseFromString) measured in the same run.
// Usage: node bench/cap.mjs [--smoke]
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { percentiles, root } from './lib.mjs';

const smoke = process.argv.includes('--smoke');
const runs = smoke ? 5 : 50;
const points = 40_000;

// Bundle the TypeScript package once so plain Node can load it.
const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-cap-'));
const outfile = join(dir, 'cap.mjs');
await build({
  entryPoints: [join(root, 'packages/cap/src/index.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile,
  logLevel: 'warning',
});
const cap = await import(pathToFileURL(outfile).href);
const { DOMParser } = await import(pathToFileURL(join(root, 'node_modules/@xmldom/xmldom/lib/index.js')).href);

const ring = [];
for (let i = 0; i < points; i++) {
  const a = (2 * Math.PI * i) / points;
  ring.push({ lat: +(24.9 + 0.4 * Math.sin(a)).toFixed(7), lon: +(118.6 + 0.5 * Math.cos(a)).toFixed(7) });
}
const alert = {
  identifier: '35050041600000_20250720093000_0',
  sender: '泉州市气象台',
  sent: '2025-07-20T09:30:00+08:00',
  status: 'Actual',
  msgType: 'Alert',
  scope: 'Public',
  code: [],
  info: [
    {
      language: 'zh-CN',
      category: ['Met'],
      event: '台风',
      responseType: ['Prepare'],
      urgency: 'Expected',
      severity: 'Severe',
      certainty: 'Likely',
      eventCode: [{ valueName: 'GBT35965:eventType', value: '11B01' }],
      expires: '2025-07-21T09:30:00+08:00',
      headline: '泉州市气象台发布台风橙色预警[Ⅱ级/严重]',
      parameter: [],
      resource: [],
      area: [
        {
          areaDesc: '泉州市沿海地区',
          polygon: [cap.formatPolygon(ring)],
          circle: [],
          geocode: [{ valueName: 'GBT35965:geocode', value: '350500000000' }],
        },
      ],
    },
  ],
};
const xml = cap.buildCapXml(alert);

function time(fn) {
  fn(); // warm-up
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return percentiles(samples);
}

const raw = time(() => new DOMParser().parseFromString(xml, 'text/xml'));
const parse = time(() => cap.parseCapXml(xml));
const validate = time(() => {
  const errors = cap.validateCap(xml);
  if (errors.length) throw new Error(JSON.stringify(errors));
});
rmSync(dir, { recursive: true, force: true });

console.log(
  JSON.stringify(
    {
      benchmark: 'cap',
      smoke,
      at: new Date().toISOString(),
      node: process.version,
      input: { bytes: Buffer.byteLength(xml), polygonPoints: points + 1, runs },
      parseCapXmlMs: parse,
      validateCapMs: validate,
      baseline: { rawXmldomParseMs: raw },
      target: { parseAndValidateP95Ms: 1000 },
    },
    null,
    2,
  ),
);

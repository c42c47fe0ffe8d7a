import type PDFDocument from 'pdfkit';
import type { PlotFeatureDto } from '@vigil/shared';
import { drawOrder, fitProjection, legendOf, scaleBar, snapshotBBox, type Frame, type LngLat } from './situation-map.js';

type Doc = InstanceType<typeof PDFDocument>;

const MARGIN = 40;
const FOOTER_GAP = 24;
const PANEL_HEIGHT = 320;
const INCIDENT_COLOUR = '#b71c1c';
/** Symbols drawn with a dashed line (closures and cordons), as on the One Map. */
const DASHED = new Set(['road_closure', 'warning_line']);

function path(doc: Doc, pts: [number, number][], close: boolean): Doc {
  pts.forEach(([x, y], i) => (i === 0 ? doc.moveTo(x, y) : doc.lineTo(x, y)));
  if (close) doc.closePath();
  return doc;
}

function drawFeature(doc: Doc, f: PlotFeatureDto, project: (p: LngLat) => [number, number]): void {
  const colour = f.properties.colour;
  const dashed = DASHED.has(f.properties.symbol);
  doc.save();
  if (f.geometry.type === 'Polygon') {
    for (const ring of f.geometry.coordinates as LngLat[][]) {
      path(doc, ring.map(project), true);
      if (dashed) doc.dash(5, { space: 3 });
      doc.lineWidth(1.2).fillOpacity(0.22).strokeOpacity(0.95).fillAndStroke(colour, colour);
      doc.undash();
    }
  } else if (f.geometry.type === 'LineString') {
    path(doc, (f.geometry.coordinates as LngLat[]).map(project), false);
    if (dashed) doc.dash(6, { space: 3 });
    doc.lineWidth(2.2).lineCap('round').lineJoin('round').stroke(colour);
    doc.undash();
  } else {
    const [x, y] = project(f.geometry.coordinates as unknown as LngLat);
    doc.circle(x, y, 4.5).lineWidth(1.2).fillAndStroke(colour, '#ffffff');
  }
  doc.restore();
}

/** The label of a feature beside its first position (points) or its first vertex (lines, areas). */
function drawLabel(doc: Doc, f: PlotFeatureDto, project: (p: LngLat) => [number, number]): void {
  if (!f.properties.label) return;
  const c = f.geometry.coordinates as unknown;
  const first = (f.geometry.type === 'Point' ? c : f.geometry.type === 'LineString' ? (c as LngLat[])[0] : (c as LngLat[][])[0]?.[0]) as
    LngLat | undefined;
  if (!first) return;
  const [x, y] = project(first);
  doc
    .fontSize(7)
    .fillColor('#263238')
    .text(f.properties.label.slice(0, 30), x + 6, y - 4, { lineBreak: false });
}

function drawIncident(doc: Doc, [x, y]: [number, number]): void {
  doc.save();
  // A five-pointed star for the place of the incident.
  const pts: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? 8 : 3.4;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push([x + r * Math.cos(a), y + r * Math.sin(a)]);
  }
  path(doc, pts, true).lineWidth(0.8).fillAndStroke(INCIDENT_COLOUR, '#ffffff');
  doc.restore();
}

function drawScaleBar(doc: Doc, frame: Frame, metresPerUnit: number): void {
  const bar = scaleBar(metresPerUnit, 110);
  const x = frame.x + 10;
  const y = frame.y + frame.height - 16;
  doc.save();
  doc
    .rect(x - 4, y - 12, bar.length + 8, 22)
    .fillOpacity(0.85)
    .fill('#ffffff');
  doc.fillOpacity(1).lineWidth(1.2).strokeColor('#263238');
  doc
    .moveTo(x, y - 3)
    .lineTo(x, y)
    .lineTo(x + bar.length, y)
    .lineTo(x + bar.length, y - 3)
    .stroke();
  doc
    .fontSize(7)
    .fillColor('#263238')
    .text(bar.label, x, y - 11, { width: bar.length, align: 'center', lineBreak: false });
  doc.restore();
}

function drawNorthArrow(doc: Doc, frame: Frame): void {
  const x = frame.x + frame.width - 18;
  const y = frame.y + 10;
  doc.save();
  path(
    doc,
    [
      [x, y],
      [x + 5, y + 14],
      [x, y + 10],
      [x - 5, y + 14],
    ],
    true,
  ).fill('#263238');
  doc
    .fontSize(7)
    .fillColor('#263238')
    .text('N', x - 3, y + 15, { lineBreak: false });
  doc.restore();
}

/** The legend under the panel: one swatch per symbol kind used, then the incident marker. */
function drawLegend(doc: Doc, features: readonly PlotFeatureDto[], hasIncident: boolean, top: number, width: number): number {
  const entries = legendOf(features);
  let x = MARGIN;
  let y = top;
  const item = (label: string, swatch: (sx: number, sy: number) => void) => {
    doc.fontSize(8);
    const w = 22 + doc.widthOfString(label) + 12;
    if (x + w > MARGIN + width) {
      x = MARGIN;
      y += 14;
    }
    doc.save();
    swatch(x, y + 4);
    doc.restore();
    doc.fillColor('#263238').text(label, x + 20, y, { lineBreak: false });
    x += w;
  };
  for (const e of entries) {
    item(`${e.zh} ×${e.count}`, (sx, sy) => {
      if (e.geometry === 'Polygon')
        doc
          .rect(sx, sy - 4, 14, 8)
          .fillOpacity(0.3)
          .fillAndStroke(e.colour, e.colour);
      else if (e.geometry === 'LineString') {
        if (DASHED.has(e.code)) doc.dash(4, { space: 2 });
        doc
          .moveTo(sx, sy)
          .lineTo(sx + 14, sy)
          .lineWidth(2.2)
          .stroke(e.colour);
        doc.undash();
      } else doc.circle(sx + 7, sy, 4).fill(e.colour);
    });
  }
  if (hasIncident) item('事发地点', (sx, sy) => drawIncident(doc, [sx + 7, sy]));
  return y + 16;
}

/**
 * The map snapshot section of the situation PDF: a framed panel with the incident's plot features
 * (Web-Mercator fit to their bbox and the incident location, with padding), their labels, the
 * incident marker, a north arrow and a scale bar, and the legend of the symbol kinds drawn.
 */
export function drawPlotSnapshot(doc: Doc, title: string, features: readonly PlotFeatureDto[], location: LngLat | null): void {
  const width = doc.page.width - MARGIN * 2;
  if (doc.y > doc.page.height - MARGIN - FOOTER_GAP - PANEL_HEIGHT - 80) doc.addPage();
  doc.moveDown(0.6).fontSize(12).fillColor('#000000').text(title, MARGIN, doc.y).moveDown(0.3);
  const bbox = snapshotBBox(features, location ? [location] : []);
  if (!bbox) {
    doc.fontSize(9).fillColor('#555555').text('（无标绘，事件也没有位置）').fillColor('#000000');
    return;
  }
  const frame: Frame = { x: MARGIN, y: doc.y, width, height: PANEL_HEIGHT };
  const { project, metresPerUnit } = fitProjection(bbox, frame, 28);
  doc.save();
  doc.rect(frame.x, frame.y, frame.width, frame.height).fill('#f4f7f9');
  doc.rect(frame.x, frame.y, frame.width, frame.height).clip();
  for (const f of drawOrder(features)) drawFeature(doc, f, project);
  for (const f of features) drawLabel(doc, f, project);
  if (location) drawIncident(doc, project(location));
  doc.restore();
  drawNorthArrow(doc, frame);
  drawScaleBar(doc, frame, metresPerUnit);
  doc.save();
  doc.rect(frame.x, frame.y, frame.width, frame.height).lineWidth(0.8).stroke('#607d8b');
  doc.restore();
  const after = drawLegend(doc, features, location !== null, frame.y + frame.height + 6, width);
  doc
    .fontSize(7)
    .fillColor('#555555')
    .text(`标绘 ${features.length} 处 · WGS84 坐标，Web 墨卡托投影，比例尺按图幅中心纬度计算`, MARGIN, after, { width });
  doc.fillColor('#000000');
  doc.x = MARGIN;
}

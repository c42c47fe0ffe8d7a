import type { Map as MapLibreMap } from 'maplibre-gl';
import { COUNT_IMAGE_PREFIX, countLabel } from './resource-layers';

const PIXEL_RATIO = 2;

/** Draws a cluster count as white text on a transparent image (the circle underneath gives the colour). */
function drawCount(label: string): ImageData | null {
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const font = `600 ${11 * PIXEL_RATIO}px system-ui, -apple-system, "Segoe UI", sans-serif`;
  ctx.font = font;
  const width = Math.ceil(ctx.measureText(label).width) + 4 * PIXEL_RATIO;
  const height = 14 * PIXEL_RATIO;
  canvas.width = width;
  canvas.height = height;
  ctx.font = font;
  ctx.fillStyle = '#ffffff';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(label, width / 2, height / 2 + PIXEL_RATIO / 2);
  return ctx.getImageData(0, 0, width, height);
}

/** Every label a cluster of up to 200,000 features can show (`2`…`999`, `1k`…`9.9k`, `10k`…). */
export function allCountLabels(): string[] {
  const labels = new Set<string>();
  for (let n = 2; n < 1000; n++) labels.add(countLabel(n));
  for (let n = 1000; n <= 200_000; n += 50) labels.add(countLabel(n));
  return [...labels];
}

/**
 * Supplies the cluster count images (`vg-count:<label>`), so the counts are drawn by the GPU with no
 * glyph server and no DOM markers. All of them are added up front (about 1,200 small images): an
 * image added while the map moves makes it reload the tiles that use it, a visible stall on every
 * pan that brings new counts into view. Any other label is drawn when the style first asks for
 * it. Returns the unsubscriber.
 */
export function provideCountImages(map: MapLibreMap): () => void {
  const resolve = (id: string) => {
    if (!id.startsWith(COUNT_IMAGE_PREFIX) || map.hasImage(id)) return;
    const image = drawCount(id.slice(COUNT_IMAGE_PREFIX.length));
    if (image) map.addImage(id, image, { pixelRatio: PIXEL_RATIO });
  };
  for (const label of allCountLabels()) resolve(`${COUNT_IMAGE_PREFIX}${label}`);
  map.setMissingStyleImageResolver(resolve);
  return () => {
    map.setMissingStyleImageResolver(null);
  };
}

/** A label's box on screen and how much it matters (bigger areas win). */
export interface LabelBox {
  id: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
  priority: number;
}

function overlaps(a: LabelBox, b: LabelBox, gap: number): boolean {
  return a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap;
}

/**
 * Chooses the labels to show: highest priority first, skipping any that would overlap one already
 * placed. A hidden label reappears when zooming in separates it from its neighbour.
 */
export function placeLabels(boxes: readonly LabelBox[], gap = 2): Set<string> {
  const placed: LabelBox[] = [];
  for (const b of [...boxes].sort((x, y) => y.priority - x.priority || x.id.localeCompare(y.id))) {
    if (!placed.some((p) => overlaps(p, b, gap))) placed.push(b);
  }
  return new Set(placed.map((b) => b.id));
}

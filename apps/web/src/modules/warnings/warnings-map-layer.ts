import { WARNING_COLOURS } from '@vigil/shared';
import type { ExpressionSpecification } from 'maplibre-gl';
import { COLOUR_HEX, NO_COLOUR_HEX } from './warning-format';
import type { WarningMapCollection } from './warnings.api';

/** Fill and line colour of a warning area by its `colour` property (grey when it has none). */
export function colourExpression(): ExpressionSpecification {
  return [
    'match',
    ['coalesce', ['get', 'colour'], ''],
    ...WARNING_COLOURS.flatMap((c) => [c, COLOUR_HEX[c]]),
    NO_COLOUR_HEX,
  ] as unknown as ExpressionSpecification;
}

/** Counts per colour of what the layer shows (for the legend). */
export function countByColour(fc: WarningMapCollection | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of fc?.features ?? []) {
    const k = f.properties.colour ?? 'none';
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/** Warning areas ordered blue → red, so that the most severe ones are drawn on top and picked first. */
export function orderForDrawing(fc: WarningMapCollection): WarningMapCollection {
  const rank = (c: string | null) => (c ? WARNING_COLOURS.indexOf(c as (typeof WARNING_COLOURS)[number]) : -1);
  return { ...fc, features: [...fc.features].sort((a, b) => rank(a.properties.colour) - rank(b.properties.colour)) };
}

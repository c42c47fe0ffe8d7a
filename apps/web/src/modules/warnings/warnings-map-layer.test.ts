import { expression } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { COLOUR_HEX, NO_COLOUR_HEX } from './warning-format';
import type { WarningMapCollection, WarningMapProps } from './warnings.api';
import { colourExpression, countByColour, orderForDrawing } from './warnings-map-layer';

function feature(id: string, colour: WarningMapProps['colour']): WarningMapCollection['features'][number] {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Polygon', coordinates: [] },
    properties: {
      id,
      identifier: null,
      source: 'external',
      colour,
      typeCode: '11B01',
      typeName: '台风',
      headline: id,
      sender: null,
      expires: null,
      signatureStatus: 'valid',
    },
  };
}

describe('warnings map layer', () => {
  it('colours areas by warning colour, grey without one (evaluated by the style engine)', () => {
    const compiled = expression.createExpression(colourExpression(), {
      type: 'color',
      'property-type': 'data-driven',
      expression: { interpolated: false, parameters: ['feature'] },
    } as never);
    expect(compiled.result).toBe('success');
    const value = compiled.result === 'success' ? compiled.value : null;
    const colourOf = (c: string | null) =>
      String(value!.evaluate({ zoom: 10 }, { type: 'Polygon', properties: c === null ? {} : { colour: c } } as never));
    expect(colourOf('orange')).toBe(COLOUR_HEX.orange);
    expect(colourOf('red')).toBe(COLOUR_HEX.red);
    expect(colourOf('purple')).toBe(NO_COLOUR_HEX);
    expect(colourOf(null)).toBe(NO_COLOUR_HEX);
  });

  it('draws the most severe warnings last (on top) and counts them per colour', () => {
    const fc: WarningMapCollection = {
      type: 'FeatureCollection',
      features: [feature('r', 'red'), feature('n', null), feature('b', 'blue'), feature('o', 'orange')],
    };
    expect(orderForDrawing(fc).features.map((f) => f.id)).toEqual(['n', 'b', 'o', 'r']);
    expect(fc.features.map((f) => f.id)).toEqual(['r', 'n', 'b', 'o']);
    expect(countByColour(fc)).toEqual({ red: 1, none: 1, blue: 1, orange: 1 });
    expect(countByColour(undefined)).toEqual({});
  });
});

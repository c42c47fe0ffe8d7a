import { describe, expect, it } from 'vitest';
import { parseFocus } from './useMapFocus';

describe('/map?focus= deep links', () => {
  it('reads kind and id', () => {
    expect(parseFocus('team:0B6C2A1E-6C1D-4E59-9B0C-2F3D4A5B6C7D')).toEqual({ kind: 'team', id: '0b6c2a1e-6c1d-4e59-9b0c-2f3d4a5b6c7d' });
    expect(parseFocus('shelter:0b6c2a1e-6c1d-4e59-9b0c-2f3d4a5b6c7d')?.kind).toBe('shelter');
  });

  it('ignores anything else', () => {
    expect(parseFocus(null)).toBeNull();
    expect(parseFocus('incident:0b6c2a1e-6c1d-4e59-9b0c-2f3d4a5b6c7d')).toBeNull();
    expect(parseFocus('team:42')).toBeNull();
    expect(parseFocus('team')).toBeNull();
  });
});

import { CreateWarningInput, type WarningDto } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { ApiError, toApiError } from '../../lib/api-error';
import { formFieldOf, keepColour, nextInstruction, toWarningFormValues, toWarningRequest, warningFieldErrors } from './warning-form';

const at = (wall: string) => ({ format: () => wall });
const SQUARE = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [118.6, 24.9],
      [118.7, 24.9],
      [118.7, 25.0],
      [118.6, 24.9],
    ] as [number, number][],
  ],
};

describe('authoring form → request', () => {
  it('maps a full form to a body the server contract accepts (Beijing times, area from divisions and drawing, English block)', () => {
    const body = toWarningRequest({
      typeCode: '11B01',
      colour: 'orange',
      headline: ' 泉州市发布台风橙色预警 ',
      description: '今年第5号台风将影响泉州沿海。',
      instruction: '停止室内外大型集会',
      divisionCodes: ['350582', '350583'],
      drawn: { polygon: SQUARE, circle: { lng: 118.6, lat: 24.9, radiusKm: 12.5 } },
      areaDescription: '沿海各县',
      effective: at('2026-06-01 08:00:00'),
      onset: null,
      expires: at('2026-06-02 08:00:00'),
      audience: '公众',
      channels: ['in_app', 'sms'],
      withEnglish: true,
      en: { headline: 'Orange typhoon warning', description: 'Typhoon No. 5 approaches.', instruction: '  ' },
    });
    expect(body).toEqual({
      typeCode: '11B01',
      colour: 'orange',
      headline: '泉州市发布台风橙色预警',
      description: '今年第5号台风将影响泉州沿海。',
      instruction: '停止室内外大型集会',
      area: {
        divisionCodes: ['350582', '350583'],
        polygon: SQUARE,
        circle: { lng: 118.6, lat: 24.9, radiusKm: 12.5 },
        description: '沿海各县',
      },
      effective: '2026-06-01T08:00:00+08:00',
      expires: '2026-06-02T08:00:00+08:00',
      audience: '公众',
      channels: ['in_app', 'sms'],
      en: { headline: 'Orange typhoon warning', description: 'Typhoon No. 5 approaches.' },
    });
    expect(CreateWarningInput.safeParse(body).success).toBe(true);
  });

  it('leaves blanks out so the server fills headline and guidance, defaults the channel, drops a switched-off English block', () => {
    const body = toWarningRequest({
      typeCode: '11B03',
      colour: 'yellow',
      headline: '   ',
      description: '暴雨',
      instruction: '',
      drawn: { polygon: null, circle: { lng: 118.6, lat: 24.9, radiusKm: 3 } },
      expires: at('2026-06-02 08:00:00'),
      channels: [],
      withEnglish: false,
      en: { headline: 'x', description: 'y' },
    });
    expect(body).toEqual({
      typeCode: '11B03',
      colour: 'yellow',
      description: '暴雨',
      area: { circle: { lng: 118.6, lat: 24.9, radiusKm: 3 } },
      expires: '2026-06-02T08:00:00+08:00',
      channels: ['in_app'],
    });
    expect(CreateWarningInput.safeParse(body).success).toBe(true);
  });

  it('sends an empty area when nothing is chosen, which the contract refuses on the divisions field', () => {
    const body = toWarningRequest({ typeCode: '11B01', colour: 'blue', description: 'x', expires: at('2026-06-02 08:00:00') });
    expect(body.area).toEqual({});
    const parsed = CreateWarningInput.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain('area.divisionCodes');
  });

  it('turns a stored draft back into form values that map to the same request', () => {
    const dto = {
      typeCode: '11B01',
      colour: 'red',
      headline: 'h',
      description: 'd',
      instruction: 'i',
      en: null,
      area: { description: '丰泽区', divisionCodes: ['350503'], polygon: SQUARE, circle: null },
      effective: null,
      onset: '2026-06-01T00:00:00.000Z',
      expires: '2026-06-02T00:00:00.000Z',
      audience: null,
      channels: ['in_app', 'email'],
    } as unknown as WarningDto;
    const v = toWarningFormValues(dto, (wall) => at(wall));
    expect(v.onset?.format('')).toBe('2026-06-01 08:00:00');
    expect(toWarningRequest(v)).toEqual({
      typeCode: '11B01',
      colour: 'red',
      headline: 'h',
      description: 'd',
      instruction: 'i',
      area: { divisionCodes: ['350503'], polygon: SQUARE, description: '丰泽区' },
      onset: '2026-06-01T08:00:00+08:00',
      expires: '2026-06-02T08:00:00+08:00',
      channels: ['in_app', 'email'],
    });
  });
});

describe('server errors on the form', () => {
  it('places each server field on the control that edits it', () => {
    expect(formFieldOf('expires')).toEqual(['expires']);
    expect(formFieldOf('channels.1')).toEqual(['channels']);
    expect(formFieldOf('area.divisionCodes')).toEqual(['divisionCodes']);
    expect(formFieldOf('area.divisionCodes.0')).toEqual(['divisionCodes']);
    expect(formFieldOf('area.polygon.coordinates.0.3.0')).toEqual(['drawn']);
    expect(formFieldOf('area.circle.radiusKm')).toEqual(['drawn']);
    expect(formFieldOf('area.description')).toEqual(['areaDescription']);
    expect(formFieldOf('en.description')).toEqual(['en', 'description']);
    expect(formFieldOf('en')).toEqual(['en', 'headline']);
    expect(formFieldOf('version')).toBeNull();
    expect(formFieldOf('body')).toBeNull();
  });

  it('groups a problem+json answer by form field and ignores what the form cannot show', () => {
    const err = toApiError(400, {
      code: 'VALIDATION',
      detail: 'body 参数校验失败',
      errors: [
        { field: 'area.polygon', message: '多边形无效（边自相交或重叠）' },
        { field: 'area.polygon.coordinates.0', message: '多边形至少需要 4 个点（首尾相同）' },
        { field: 'colour', message: '霜冻预警没有红色级别，可选：蓝色、黄色、橙色' },
        { field: 'version', message: '当前版本为 3' },
      ],
    });
    expect(warningFieldErrors(err)).toEqual([
      { name: ['drawn'], errors: ['多边形无效（边自相交或重叠）', '多边形至少需要 4 个点（首尾相同）'] },
      { name: ['colour'], errors: ['霜冻预警没有红色级别，可选：蓝色、黄色、橙色'] },
    ]);
    expect(warningFieldErrors(new ApiError(409, 'CONFLICT', 'Conflict', '预警已被他人修改'))).toEqual([]);
    expect(warningFieldErrors(new Error('x'))).toEqual([]);
  });
});

describe('type and colour changes', () => {
  it('replaces the guidance while it is empty or still the previous template, and keeps an edited text', () => {
    expect(nextInstruction(undefined, '', '防台风')).toBe('防台风');
    expect(nextInstruction('  ', '旧', '防台风')).toBe('防台风');
    expect(nextInstruction('蓝色指南', '蓝色指南', '橙色指南')).toBe('橙色指南');
    expect(nextInstruction('我写的指南', '蓝色指南', '橙色指南')).toBe('我写的指南');
  });

  it('keeps the colour only when the new type allows it', () => {
    expect(keepColour('blue', ['blue', 'yellow'])).toBe('blue');
    expect(keepColour('blue', ['yellow', 'orange', 'red'])).toBeUndefined();
    expect(keepColour(undefined, ['yellow'])).toBeUndefined();
  });
});

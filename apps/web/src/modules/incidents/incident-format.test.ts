import { describe, expect, it } from 'vitest';
import { attachmentProblem, beijingWallToIso, formatYuan, gradeColor, toIncidentFilters } from './incident-format';

describe('incident display helpers', () => {
  it('colours grades I red, II orange, III yellow, IV blue and none grey', () => {
    expect([1, 2, 3, 4, null].map(gradeColor)).toEqual(['#cf1322', '#fa8c16', '#fadb14', '#1677ff', '#8c8c8c']);
  });

  it('reads a picker wall-clock time as Beijing time', () => {
    expect(beijingWallToIso('2026-06-01 08:30:15')).toBe('2026-06-01T08:30:15+08:00');
    expect(beijingWallToIso('2026-06-01T08:30')).toBe('2026-06-01T08:30:00+08:00');
    expect(new Date(beijingWallToIso('2026-06-01 00:10:00')).toISOString()).toBe('2026-05-31T16:10:00.000Z');
    expect(() => beijingWallToIso('yesterday')).toThrow();
  });

  it('builds the shared list/map/export query and leaves blanks out', () => {
    const t = (wall: string) => ({ format: () => wall });
    expect(
      toIncidentFilters({
        q: '  仓库 ',
        status: ['received', 'responding'],
        grade: 3,
        countyCode: '350582',
        eventType: '12B',
        range: [t('2026-06-01 00:00:00'), null],
      }),
    ).toEqual({
      q: '仓库',
      status: 'received,responding',
      grade: 3,
      countyCode: '350582',
      eventType: '12B',
      from: '2026-06-01T00:00:00+08:00',
    });
    expect(toIncidentFilters({ q: ' ', status: [], range: null })).toEqual({});
  });

  it('checks an attachment type and size before uploading', () => {
    expect(attachmentProblem({ name: '现场.JPG', size: 1000 })).toBeNull();
    expect(attachmentProblem({ name: '报告.docx', size: 20 * 1024 * 1024 })).toBeNull();
    expect(attachmentProblem({ name: '报告.docx', size: 20 * 1024 * 1024 + 1 })).toBe('size');
    expect(attachmentProblem({ name: 'run.exe', size: 10 })).toBe('type');
    expect(attachmentProblem({ name: 'noext', size: 10 })).toBe('type');
    expect(attachmentProblem({ name: 'a.pdf', size: 0 })).toBe('empty');
  });

  it('writes losses in 万/亿 yuan in Chinese', () => {
    expect(formatYuan(10_000_000, 'zh-CN')).toBe('1000万元');
    expect(formatYuan(123_456_789, 'zh-CN')).toBe('1.23亿元');
    expect(formatYuan(8000, 'zh-CN')).toBe('8,000元');
    expect(formatYuan(8000, 'en')).toBe('¥8,000');
  });
});

import { describe, expect, it } from 'vitest';
import { eventTypeFor, incidentDescription } from './alarm-incident.js';

describe('event type of an incident converted from an alarm', () => {
  it.each([
    ['hazchem', 'lel', '12D02'],
    ['hazchem', 'toxic_ppm', '12D02'],
    ['hazchem', 'tank_level', '12D99'],
    ['hazchem', null, '12D99'],
    ['natural', 'rain_1h', '11B03'],
    ['natural', 'water_level', '11A01'],
    ['natural', 'displacement', '11D01'],
    ['natural', 'seismic_intensity', '11C02'],
    ['natural', 'wind_speed', '11B06'],
    ['natural', null, '11Y00'],
    ['lifeline', 'strain', '12P04'],
    ['lifeline', 'tilt_x', '12P13'],
    ['lifeline', 'pipe_pressure', '12P09'],
    ['lifeline', 'ch4', '12P09'],
    ['lifeline', 'o2', '12P12'],
    [null, null, '12P12'],
  ])('%s / %s → %s', (category, metric, code) => {
    expect(eventTypeFor(category, metric)).toBe(code);
  });
});

describe('incident description', () => {
  it('carries the measurement, the time in Beijing time, the device and the alarm', () => {
    const text = incidentDescription({
      title: '1号储罐 储罐液位高高报',
      message: '当前值 18.6m，高于高高报阈值 18m',
      level: 'red',
      firstAt: new Date('2026-06-01T02:05:00Z'),
      occurrences: 2,
      deviceName: '1号储罐',
      deviceCode: 'QG-T-001',
      pointName: '储罐液位',
      ruleName: '储罐液位阈值',
      alarmId: 'a-1',
    });
    expect(text).toBe(
      '由监测报警转入：1号储罐 储罐液位高高报。当前值 18.6m，高于高高报阈值 18m。报警级别：红色；首次报警：2026-06-01 10:05（北京时间）；发生次数：2。设备：1号储罐（QG-T-001）；测点：储罐液位；规则：储罐液位阈值；报警编号：a-1。',
    );
  });
});

import { ALARM_LEVEL_ZH, type AlarmLevel } from '@vigil/shared';

/**
 * What an incident converted from an alarm is prefilled with: the national event type follows
 * from what was measured (a gas leak, a flood, a landslide …), falling back on the device's
 * category; the description carries the measurement and the limit.
 */

const BY_METRIC: [RegExp, { hazchem?: string; natural?: string; lifeline?: string; any?: string }][] = [
  [/^(lel|ch4|toxic_ppm|h2s|nh3|co|cl2)$|gas|leak/, { hazchem: '12D02', lifeline: '12P09', natural: '12D02' }],
  [/^rain/, { any: '11B03' }],
  [/^water_level/, { any: '11A01' }],
  [/^wind/, { any: '11B06' }],
  [/^(displacement|soil_moisture)/, { any: '11D01' }],
  [/^seismic/, { any: '11C02' }],
  [/^(strain|deflection)/, { any: '12P04' }],
  [/^tilt/, { any: '12P13' }],
  [/^pipe_/, { any: '12P09' }],
];

const BY_CATEGORY: Record<string, string> = { hazchem: '12D99', natural: '11Y00', lifeline: '12P12' };

/** The national event code for an alarm of a device category on a metric (null metric = the whole device). */
export function eventTypeFor(category: string | null, metric: string | null): string {
  const cat = category ?? 'lifeline';
  if (metric)
    for (const [re, codes] of BY_METRIC)
      if (re.test(metric)) {
        const code = codes[cat as 'hazchem'] ?? codes.any;
        if (code) return code;
      }
  return BY_CATEGORY[cat] ?? '12P12';
}

export interface IncidentTextInput {
  title: string;
  message: string | null;
  level: AlarmLevel;
  firstAt: Date;
  occurrences: number;
  deviceName: string;
  deviceCode: string;
  pointName: string | null;
  ruleName: string;
  alarmId: string;
}

const shanghai = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The incident's description: what was measured, when, by which device and rule. */
export function incidentDescription(i: IncidentTextInput): string {
  return [
    `由监测报警转入：${i.title}。`,
    i.message ? `${i.message}。` : '',
    `报警级别：${ALARM_LEVEL_ZH[i.level]}；首次报警：${shanghai(i.firstAt)}（北京时间）；发生次数：${i.occurrences}。`,
    `设备：${i.deviceName}（${i.deviceCode}）${i.pointName ? `；测点：${i.pointName}` : ''}；规则：${i.ruleName}；报警编号：${i.alarmId}。`,
  ].join('');
}

import { RULE_BAND_ZH, type RuleBand, type RuleDefinition } from '@vigil/shared';
import type { Transition } from './rule-engine.js';

/** What an alarm's words are made of. */
export interface AlarmTextInput {
  ruleName: string;
  definition: RuleDefinition;
  deviceName: string;
  pointName: string | null;
  unit: string | null;
}

const fmt = (v: number | null) => (v === null ? '—' : Number.isInteger(v) ? String(v) : String(Number(v.toFixed(3))));

function duration(s: number): string {
  if (s < 120) return `${s} 秒`;
  if (s < 7200) return `${Math.round(s / 60)} 分钟`;
  return `${(s / 3600).toFixed(1)} 小时`;
}

/** The title and message of an alarm raised (or re-raised) by a transition, in Chinese. */
export function alarmText(t: Pick<Transition, 'condition' | 'value' | 'threshold'>, i: AlarmTextInput): { title: string; message: string } {
  const d = i.definition;
  const u = i.unit ?? '';
  const what = i.pointName ? `${i.deviceName} ${i.pointName}` : i.deviceName;
  switch (d.kind) {
    case 'threshold': {
      const band = (t.condition in RULE_BAND_ZH ? t.condition : 'h') as RuleBand;
      const side = band === 'h' || band === 'hh' ? '高于' : '低于';
      return {
        title: `${what}${RULE_BAND_ZH[band]}`,
        message: `当前值 ${fmt(t.value)}${u}，${side}${RULE_BAND_ZH[band]}阈值 ${fmt(t.threshold)}${u}`,
      };
    }
    case 'duration':
      return {
        title: `${what}持续超限`,
        message: `当前值 ${fmt(t.value)}${u}，${d.op} ${fmt(d.value)}${u} 已持续 ${duration(d.forSeconds)}以上`,
      };
    case 'rate':
      return {
        title: `${what}变化过快`,
        message: `${duration(d.perSeconds)}内变化 ${fmt(t.value)}${u}，超过 ${fmt(d.delta)}${u}`,
      };
    case 'offline':
      return {
        title: i.pointName ? `${what}无数据` : `${i.deviceName}离线`,
        message: `已 ${duration(Math.max(0, Math.round(t.value ?? 0)))}未收到数据（允许 ${duration(Math.round(t.threshold ?? 0))}）`,
      };
    case 'composite':
      return {
        title: `${i.deviceName} ${i.ruleName}`,
        message: `组合条件（${d.op === 'and' ? '全部满足' : '任一满足'}）成立：${d.conditions.map((c) => `${c.metric} ${c.op} ${fmt(c.value)}`).join(d.op === 'and' ? ' 且 ' : ' 或 ')}；触发值 ${fmt(t.value)}`,
      };
  }
}

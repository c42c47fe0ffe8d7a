import { WARNING_COLOUR_ZH, WARNING_LEVEL_ZH, type WarningColour, type WarningTypeDto } from '@vigil/shared';
import { formatBeijing } from '../../lib/time';

/** A wording template: headline and description in Chinese and English, with {placeholders}. */
export interface WarningTemplate {
  id: string;
  /** Type codes it is written for; empty = every type. */
  types: readonly string[];
  zh: { headline: string; description: string };
  en: { headline: string; description: string };
}

/**
 * Placeholders: {org} issuing org, {type} type name, {colour} colour, {level} level, {time} now
 * (Beijing). `____` marks what the author still has to fill in (names, amounts, places).
 */
export const WARNING_TEMPLATES: readonly WarningTemplate[] = [
  {
    id: 'issue',
    types: [],
    zh: {
      headline: '{org}发布{type}{colour}预警[{level}]',
      description: '{org}{time}发布{type}{colour}预警：预计未来24小时内，____将受{type}影响，可能造成较大危害，请有关单位和公众做好防范。',
    },
    en: {
      headline: '{org} issues {colour} {type} warning',
      description:
        '{org} issued a {colour} {type} warning at {time}: ____ will be affected by {type} within the next 24 hours. Take precautions.',
    },
  },
  {
    id: 'upgrade',
    types: [],
    zh: {
      headline: '{org}将{type}预警升级为{colour}预警[{level}]',
      description: '{org}{time}将{type}预警升级为{colour}预警：____，影响范围和强度进一步加大，请有关单位和公众加强防范。',
    },
    en: {
      headline: '{org} upgrades the {type} warning to {colour}',
      description: '{org} upgraded the {type} warning to {colour} at {time}: ____. The affected area and intensity are increasing.',
    },
  },
  {
    id: 'typhoon',
    types: ['11B01'],
    zh: {
      headline: '{org}发布台风{colour}预警[{level}]',
      description:
        '{org}{time}发布台风{colour}预警：今年第__号台风“____”中心位于____，预计未来24小时将以每小时__公里的速度向西北方向移动，将影响泉州沿海，沿海陆地平均风力可达__级、阵风__级，并伴有强降雨，请做好防台风工作。',
    },
    en: {
      headline: '{org} issues {colour} typhoon warning',
      description:
        '{org} issued a {colour} typhoon warning at {time}: Typhoon ____ (No. __) is centred at ____ and moving north-west at __ km/h. Coastal Quanzhou will see winds of force __ gusting __, with heavy rain.',
    },
  },
  {
    id: 'rainstorm',
    types: ['11B03'],
    zh: {
      headline: '{org}发布暴雨{colour}预警[{level}]',
      description:
        '{org}{time}发布暴雨{colour}预警：预计未来__小时内____降雨量将达__毫米以上，局地伴有雷电、短时强降水，请注意防范城乡积涝、山洪和地质灾害。',
    },
    en: {
      headline: '{org} issues {colour} rainstorm warning',
      description:
        '{org} issued a {colour} rainstorm warning at {time}: more than __ mm of rain is expected over ____ within __ hours. Beware of flooding, flash floods and landslides.',
    },
  },
  {
    id: 'geological',
    types: ['11B37', '11D00'],
    zh: {
      headline: '{org}发布{type}{colour}预警[{level}]',
      description:
        '{org}{time}发布{type}{colour}预警：受持续降雨影响，____发生崩塌、滑坡、泥石流等地质灾害的风险{risk}，请有关单位加强巡查，危险区人员及时转移。',
    },
    en: {
      headline: '{org} issues {colour} {type} warning',
      description:
        '{org} issued a {colour} {type} warning at {time}: after continuous rain the risk of landslides and debris flows in ____ is {risk}. Patrol hazard sites and move people out of danger zones.',
    },
  },
];

const LEVEL_EN: Record<WarningColour, string> = { blue: 'Level IV', yellow: 'Level III', orange: 'Level II', red: 'Level I' };
const COLOUR_EN: Record<WarningColour, string> = { blue: 'blue', yellow: 'yellow', orange: 'orange', red: 'red' };
const RISK_ZH: Record<WarningColour, string> = { blue: '较高', yellow: '高', orange: '很高', red: '极高' };
const RISK_EN: Record<WarningColour, string> = { blue: 'elevated', yellow: 'high', orange: 'very high', red: 'extreme' };

/** The templates offered for a type: those written for it first, then the general ones. */
export function templatesFor(typeCode: string | null | undefined): WarningTemplate[] {
  if (!typeCode) return [];
  const own = WARNING_TEMPLATES.filter((t) => t.types.includes(typeCode));
  return [...own, ...WARNING_TEMPLATES.filter((t) => t.types.length === 0)];
}

/** `2026-06-01T00:30:00Z` → `6月1日8时30分` (Beijing). */
export function zhTime(now: Date): string {
  const [date = '', time = ''] = formatBeijing(now, false).split(' ');
  const [, m, d] = date.split('-').map(Number);
  const [h, min] = time.split(':').map(Number);
  return `${m}月${d}日${h}时${min ? `${min}分` : ''}`;
}

const fill = (text: string, vars: Record<string, string>) => text.replace(/\{(\w+)\}/g, (all, k: string) => vars[k] ?? all);

/** A template filled for a type, a colour and the issuing org: the headline and description in both languages. */
export function applyTemplate(
  tpl: WarningTemplate,
  ctx: { type: Pick<WarningTypeDto, 'nameZh' | 'nameEn'>; colour: WarningColour; org: string; now: Date },
): { headline: string; description: string; en: { headline: string; description: string } } {
  const zh = {
    org: ctx.org,
    type: ctx.type.nameZh,
    colour: WARNING_COLOUR_ZH[ctx.colour],
    level: WARNING_LEVEL_ZH[ctx.colour],
    time: zhTime(ctx.now),
    risk: RISK_ZH[ctx.colour],
  };
  const en = {
    org: ctx.org,
    type: ctx.type.nameEn.toLowerCase(),
    colour: COLOUR_EN[ctx.colour],
    level: LEVEL_EN[ctx.colour],
    time: `${formatBeijing(ctx.now, false)} (UTC+8)`,
    risk: RISK_EN[ctx.colour],
  };
  return {
    headline: fill(tpl.zh.headline, zh),
    description: fill(tpl.zh.description, zh),
    en: { headline: fill(tpl.en.headline, en), description: fill(tpl.en.description, en) },
  };
}

/** Validation of GB/T 35965.1 messages: CAP's semantic rules plus the profile's Annex A value rules. */
import { CapError } from './errors.js';
import { GB_COLOURS, GB_GEOCODE_PATTERN, checkGbEventType, checkGbIdentifier, isGbColour, parseGbIdentifier } from './gb-codes.js';
import { GB_NAMES, fromGbProfile, gbDataOf } from './gb-profile.js';
import type { CapValidationError } from './validate.js';
import { validateCap } from './validate.js';
import { checkCapDateTime } from './values.js';

export interface GbValidationOptions {
  /** Known national event codes (from the code table); without it only the format is checked. */
  knownEventTypes?: ReadonlySet<string>;
  /** Colours each event type allows (e.g. 11B09 高温 has no Blue); types not listed allow all four. */
  allowedColours?: Readonly<Record<string, readonly string[]>>;
  /** Accept the 29-character identifier without the `_N` suffix seen in older national messages. */
  allowLegacyIdentifier?: boolean;
}

// CAP rules whose GB counterpart is checked below with GB wording, or that GB words differently.
const SKIP_CAP = new Set(['alert.references.format']);
const GB_REFERENCE = /^(\S+,\S+,\S+|\d{14}_\d{14}(_\d)?)$/;

/**
 * Validates a GB/T 35965.1 XML message. Paths name GB elements (`/alert/senderCode`,
 * `/alert/info[0]/eventType`, `/alert/info[0]/area[0]/geocode`). Never throws.
 */
export function validateGbProfile(xml: string, opts: GbValidationOptions = {}): CapValidationError[] {
  const errors: CapValidationError[] = [];
  const push = (path: string, code: string, message: string, messageZh: string) => errors.push({ path, code, message, messageZh });
  let alert;
  try {
    alert = fromGbProfile(xml);
  } catch (e) {
    if (e instanceof CapError) return [{ path: e.path ?? '/', code: e.code, message: e.message, messageZh: e.messageZh }];
    throw e;
  }
  for (const err of validateCap(alert)) {
    if (SKIP_CAP.has(err.code)) continue;
    errors.push({ ...err, path: err.path.replace(/^\/alert\/sent\b/, '/alert/sendTime') });
  }
  const gb = gbDataOf(alert);
  for (const p of checkGbIdentifier(alert.identifier, { allowLegacy: opts.allowLegacyIdentifier })) {
    push('/alert/identifier', 'gb.identifier', `<identifier> ${p}`, '<identifier> 应为“14位发布单位代码_14位北京时间_1位序号”的31位字符串');
  }
  if (!gb.senderCode) push('/alert/senderCode', 'gb.senderCode.required', '<senderCode> is required', '缺少发布单位代码 <senderCode>');
  else if (!/^\d{14}$/.test(gb.senderCode))
    push('/alert/senderCode', 'gb.senderCode.format', '<senderCode> must be 14 digits', '<senderCode> 应为14位数字');
  else {
    const id = parseGbIdentifier(alert.identifier);
    if (id && id.senderCode !== gb.senderCode) {
      push(
        '/alert/senderCode',
        'gb.senderCode.mismatch',
        '<senderCode> differs from the sender code in <identifier>',
        '<senderCode> 与 <identifier> 中的发布单位代码不一致',
      );
    }
  }
  if (!checkCapDateTime(alert.sent).length && !alert.sent.endsWith('+08:00')) {
    push('/alert/sendTime', 'gb.timezone', '<sendTime> must be Beijing time (+08:00)', '<sendTime> 应采用北京时间（+08:00）');
  }
  if (alert.references !== undefined) {
    const refs = alert.references.trim().split(/\s+/);
    if (!refs.every((r) => GB_REFERENCE.test(r))) {
      push(
        '/alert/references',
        'gb.references.format',
        '<references> must list earlier identifiers or "sender,identifier,sent" entries',
        '<references> 应为被引用预警的标识或“sender,identifier,sent”',
      );
    }
  }
  gb.methods.forEach((m, i) => {
    if (!m.methodName.trim())
      push(`/alert/code/method[${i}]/methodName`, 'gb.method.name', '<methodName> is required', '缺少发布手段 <methodName>');
  });
  alert.info.forEach((f, i) => {
    const base = `/alert/info[${i}]`;
    const data = gb.info[i]!;
    const derived = (f.parameter.find((p) => p.valueName === GB_NAMES.derived)?.value ?? '').split(',');
    if (!data.eventType) push(`${base}/eventType`, 'gb.eventType.required', '<eventType> is required', '缺少事件类型 <eventType>');
    else {
      for (const p of checkGbEventType(data.eventType, opts.knownEventTypes)) {
        push(`${base}/eventType`, 'gb.eventType', `<eventType> "${data.eventType}" ${p}`, `事件类型“${data.eventType}”无效`);
      }
    }
    const colour = f.parameter.find((p) => p.valueName === GB_NAMES.severity)?.value;
    if (colour === undefined || derived.includes('severity')) {
      push(`${base}/severity`, 'gb.severity.required', '<severity> is required', '缺少预警级别 <severity>');
    } else if (!isGbColour(colour)) {
      push(
        `${base}/severity`,
        'gb.severity',
        `<severity> "${colour}" must be one of ${GB_COLOURS.join(', ')}`,
        `预警级别“${colour}”无效，应为 Red、Orange、Yellow、Blue 之一`,
      );
    } else if (data.eventType && opts.allowedColours?.[data.eventType] && !opts.allowedColours[data.eventType]!.includes(colour)) {
      push(`${base}/severity`, 'gb.severity.type', `${data.eventType} warnings have no ${colour} level`, `该类型预警没有 ${colour} 级别`);
    }
    for (const field of ['urgency', 'certainty'] as const) {
      if (derived.includes(field)) push(`${base}/${field}`, 'structure.missing', `<${field}> is required`, `缺少必填元素 <${field}>`);
    }
    f.area.forEach((a, j) => {
      for (const code of data.geocodes[j] ?? []) {
        if (!GB_GEOCODE_PATTERN.test(code)) {
          push(
            `${base}/area[${j}]/geocode`,
            'gb.geocode',
            `geocode "${code}" must be a 12-digit division code`,
            `区域代码“${code}”应为12位行政区划代码`,
          );
        }
      }
    });
  });
  return errors;
}

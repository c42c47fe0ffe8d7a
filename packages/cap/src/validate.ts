/**
 * CAP 1.2 validation: the XSD's structure (element order, required elements, cardinalities, value
 * lists and formats, checked against the tables in schema.ts) plus CAP's semantic rules. Every error
 * names the element by path, e.g. `/alert/info[0]/area[1]/polygon[0]`.
 */
import { buildCapXml } from './build.js';
import { CapError } from './errors.js';
import type { CapAlert } from './model.js';
import { capRoot, readAlert } from './parse.js';
import { CAP_ALERT_ANY_NAMESPACE, CAP_SCHEMA, type ComplexTypeName, type ValueType } from './schema.js';
import { capTimeMs, checkCapDateTime, checkCircle, checkPolygon, checkReferences } from './values.js';
import { CAP_NS, childElements, localName, ownText, parseXmlDocument } from './xml.js';

export interface CapValidationError {
  /** Element path, e.g. `/alert/info[0]/area[1]/polygon[0]`; repeated elements carry an index. */
  path: string;
  /** Stable rule id, e.g. `structure.missing`, `value.enum`, `polygon.invalid`. */
  code: string;
  message: string;
  messageZh: string;
}

type Push = (path: string, code: string, message: string, messageZh: string) => void;

const LANGUAGE = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function checkValue(type: ValueType, raw: string, path: string, push: Push): void {
  const v = raw.trim();
  switch (type.kind) {
    case 'enum':
      if (!type.values.includes(v)) {
        push(
          path,
          'value.enum',
          `"${v}" is not allowed; use one of ${type.values.join(', ')}`,
          `取值“${v}”无效，应为 ${type.values.join('、')} 之一`,
        );
      }
      return;
    case 'dateTime':
      for (const p of checkCapDateTime(v))
        push(path, 'value.dateTime', `"${v}" ${p}`, `时间“${v}”格式无效，应为带时区的 2025-07-20T10:00:00+08:00 形式`);
      return;
    case 'language':
      if (!LANGUAGE.test(v)) push(path, 'value.language', `"${v}" is not a language tag such as zh-CN`, `语言代码“${v}”无效，应如 zh-CN`);
      return;
    case 'integer':
      if (!INTEGER.test(v)) push(path, 'value.integer', `"${v}" is not an integer`, `“${v}”不是整数`);
      return;
    case 'decimal':
      if (!DECIMAL.test(v)) push(path, 'value.decimal', `"${v}" is not a decimal number`, `“${v}”不是数字`);
      return;
    default:
      return;
  }
}

function walk(el: Element, typeName: ComplexTypeName, path: string, push: Push): void {
  const rules = CAP_SCHEMA[typeName];
  const counts = new Array<number>(rules.length).fill(0);
  let pos = 0;
  let inSignature = false;
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if ((n.nodeType === 3 || n.nodeType === 4) && (n as CharacterData).data.trim()) {
      push(path, 'structure.text', `<${localName(el)}> must not contain text directly`, `元素 <${localName(el)}> 不应直接包含文本`);
    }
  }
  for (const c of childElements(el)) {
    const name = localName(c);
    if (c.namespaceURI !== CAP_NS) {
      if (typeName === 'alert' && c.namespaceURI === CAP_ALERT_ANY_NAMESPACE) {
        inSignature = true;
        continue;
      }
      push(
        `${path}/${name}`,
        'structure.namespace',
        `<${name}> in namespace "${c.namespaceURI ?? ''}" is not allowed here`,
        `此处不允许出现命名空间“${c.namespaceURI ?? ''}”中的元素 <${name}>`,
      );
      continue;
    }
    const idx = rules.findIndex((r) => r.name === name);
    if (idx === -1) {
      push(`${path}/${name}`, 'structure.unexpected', `<${name}> is not a CAP 1.2 element here`, `<${name}> 不是此处允许的 CAP 1.2 元素`);
      continue;
    }
    const rule = rules[idx]!;
    const k = counts[idx]!++;
    const childPath = rule.maxOccurs === 'unbounded' ? `${path}/${name}[${k}]` : `${path}/${name}`;
    if (inSignature) {
      push(childPath, 'structure.order', `<${name}> must come before the XML signature`, `<${name}> 必须位于 XML 签名之前`);
    } else if (idx < pos) {
      const after = rules[pos]!.name;
      push(
        childPath,
        'structure.order',
        `<${name}> is out of order: it must come before <${after}>`,
        `<${name}> 顺序错误：应位于 <${after}> 之前`,
      );
    } else pos = idx;
    if (rule.maxOccurs === 1 && k > 0) {
      push(`${path}/${name}`, 'structure.too_many', `<${name}> may appear only once`, `<${name}> 只能出现一次`);
    }
    if (rule.type.kind === 'complex') {
      walk(c, rule.type.type, childPath, push);
    } else {
      const nested = childElements(c)[0];
      if (nested)
        push(
          childPath,
          'structure.unexpected_child',
          `<${name}> must contain only text, found <${localName(nested)}>`,
          `<${name}> 只能包含文本，不能包含 <${localName(nested)}>`,
        );
      else checkValue(rule.type, ownText(c), childPath, push);
    }
  }
  rules.forEach((r, i) => {
    if (r.minOccurs === 1 && counts[i] === 0) {
      const p = r.maxOccurs === 'unbounded' ? `${path}/${r.name}[0]` : `${path}/${r.name}`;
      push(p, 'structure.missing', `<${r.name}> is required`, `缺少必填元素 <${r.name}>`);
    }
  });
}

const FORBIDDEN_ID_CHARS = /[\s,<&]/;

function semantic(a: CapAlert, push: Push): void {
  for (const key of ['identifier', 'sender'] as const) {
    const v = a[key];
    if (typeof v !== 'string') continue;
    if (!v.length) push(`/alert/${key}`, `alert.${key}.empty`, `<${key}> must not be empty`, `<${key}> 不能为空`);
    else if (FORBIDDEN_ID_CHARS.test(v)) {
      push(
        `/alert/${key}`,
        `alert.${key}.chars`,
        `<${key}> must not contain spaces, commas, "<" or "&"`,
        `<${key}> 不能包含空格、逗号、“<”或“&”`,
      );
    }
  }
  if (a.scope === 'Restricted' && !a.restriction?.trim()) {
    push(
      '/alert/restriction',
      'alert.restriction.required',
      '<restriction> is required when scope is Restricted',
      'scope 为 Restricted 时必须填写 <restriction>',
    );
  }
  if (a.restriction !== undefined && a.scope !== 'Restricted') {
    push(
      '/alert/restriction',
      'alert.restriction.scope',
      '<restriction> is only used when scope is Restricted',
      '仅当 scope 为 Restricted 时才能使用 <restriction>',
    );
  }
  if (a.scope === 'Private' && !a.addresses?.trim()) {
    push(
      '/alert/addresses',
      'alert.addresses.required',
      '<addresses> is required when scope is Private',
      'scope 为 Private 时必须填写 <addresses>',
    );
  }
  if (a.references !== undefined) {
    for (const p of checkReferences(a.references))
      push(
        '/alert/references',
        'alert.references.format',
        `<references> ${p}`,
        '<references> 格式无效，应为以空格分隔的“sender,identifier,sent”',
      );
  } else if (a.msgType === 'Update' || a.msgType === 'Cancel' || a.msgType === 'Ack' || a.msgType === 'Error') {
    push(
      '/alert/references',
      'alert.references.required',
      `msgType ${a.msgType} must name the earlier message in <references>`,
      `msgType 为 ${a.msgType} 时必须在 <references> 中引用原预警`,
    );
  }
  const infos = Array.isArray(a.info) ? a.info : [];
  if (infos.length === 0 && (a.msgType === 'Alert' || a.msgType === 'Update')) {
    push(
      '/alert/info[0]',
      'alert.info.required',
      `an ${a.msgType} message needs at least one <info> block`,
      `${a.msgType} 类消息至少需要一个 <info>`,
    );
  }
  const sentMs = typeof a.sent === 'string' ? capTimeMs(a.sent) : NaN;
  infos.forEach((f, i) => {
    const base = `/alert/info[${i}]`;
    if (f.expires !== undefined) {
      const exp = capTimeMs(f.expires);
      const eff = f.effective !== undefined ? capTimeMs(f.effective) : sentMs;
      const onset = f.onset !== undefined ? capTimeMs(f.onset) : NaN;
      if (exp <= eff) {
        const what = f.effective !== undefined ? 'effective' : 'sent';
        push(`${base}/expires`, 'info.expires.order', `<expires> must be after <${what}>`, `<expires> 必须晚于 <${what}>`);
      }
      if (exp <= onset) push(`${base}/expires`, 'info.expires.order', '<expires> must be after <onset>', '<expires> 必须晚于 <onset>');
    }
    (f.resource ?? []).forEach((r, j) => {
      if (r.size !== undefined && !(Number.isInteger(r.size) && r.size >= 0)) {
        push(`${base}/resource[${j}]/size`, 'resource.size', '<size> must be a whole number of bytes', '<size> 必须为非负整数（字节）');
      }
    });
    (f.area ?? []).forEach((ar, j) => {
      const ap = `${base}/area[${j}]`;
      (ar.polygon ?? []).forEach((p, k) => {
        for (const m of checkPolygon(p)) push(`${ap}/polygon[${k}]`, 'polygon.invalid', `polygon ${m}`, `多边形无效：${polygonZh(m)}`);
      });
      (ar.circle ?? []).forEach((c, k) => {
        for (const m of checkCircle(c))
          push(`${ap}/circle[${k}]`, 'circle.invalid', `circle ${m}`, '圆形区域无效，应为“纬度,经度 半径(千米)”');
      });
      (ar.geocode ?? []).forEach((g, k) => {
        if (!g.valueName?.trim() || !g.value?.trim()) {
          push(`${ap}/geocode[${k}]`, 'geocode.empty', 'geocode needs a valueName and a value', 'geocode 必须包含 valueName 与 value');
        }
      });
      if (ar.ceiling !== undefined && ar.altitude === undefined) {
        push(`${ap}/ceiling`, 'area.ceiling.altitude', '<ceiling> requires <altitude>', '使用 <ceiling> 时必须同时给出 <altitude>');
      } else if (ar.ceiling !== undefined && ar.altitude !== undefined && ar.ceiling < ar.altitude) {
        push(`${ap}/ceiling`, 'area.ceiling.order', '<ceiling> must not be below <altitude>', '<ceiling> 不能低于 <altitude>');
      }
    });
  });
}

function polygonZh(m: string): string {
  if (m.startsWith('needs at least')) return '至少需要 4 个坐标点';
  if (m.startsWith('is not closed')) return '首尾坐标必须相同（闭合）';
  if (m.startsWith('intersects')) return '边界自相交';
  if (m.includes('outside')) return '坐标超出经纬度范围';
  return '应为以空格分隔的“纬度,经度”坐标对';
}

/**
 * Validates a CAP 1.2 alert given as XML or as a model; returns every problem found (empty = valid).
 * Never throws: unreadable or hostile XML is reported as one error at path "/".
 */
export function validateCap(input: CapAlert | string): CapValidationError[] {
  const errors: CapValidationError[] = [];
  const push: Push = (path, code, message, messageZh) => errors.push({ path, code, message, messageZh });
  let alert: CapAlert;
  try {
    const xml = typeof input === 'string' ? input : buildCapXml(input);
    const root = capRoot(parseXmlDocument(xml));
    walk(root, 'alert', '/alert', push);
    alert = typeof input === 'string' ? readAlert(root) : input;
  } catch (e) {
    if (e instanceof CapError) {
      push(e.path ?? '/', e.code, e.message, e.messageZh);
      return errors;
    }
    throw e;
  }
  // A missing element reads as "" in the model; do not report it twice.
  const missing = new Set(errors.filter((e) => e.code === 'structure.missing').map((e) => e.path));
  semantic(alert, (path, code, message, messageZh) => {
    if (!missing.has(path)) push(path, code, message, messageZh);
  });
  return errors;
}

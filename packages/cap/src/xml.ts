/**
 * Safe XML reading and small DOM/serialisation helpers shared by the CAP and GB/T 35965.1 code.
 * Hostile input (DOCTYPE / ENTITY declarations, i.e. XXE and entity expansion) is refused before
 * the parser sees it; any parser warning is treated as an error (xmldom is lenient by default).
 */
import { DOMParser } from '@xmldom/xmldom';
import { CapBuildError, CapParseError } from './errors.js';

export const CAP_NS = 'urn:oasis:names:tc:emergency:cap:1.2';
export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

// Characters XML 1.0 cannot carry (C0 controls except TAB, LF, CR; U+FFFE, U+FFFF).
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Refuses markup declarations anywhere outside comments and CDATA sections. */
function assertNoDeclarations(xml: string): void {
  let i = xml.indexOf('<!');
  while (i !== -1) {
    if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i + 9);
      if (end === -1) break;
      i = xml.indexOf('<!', end + 3);
      continue;
    }
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end === -1) break;
      i = xml.indexOf('<!', end + 3);
      continue;
    }
    const head = xml.slice(i, i + 9).toUpperCase();
    if (head.startsWith('<!DOCTYPE')) {
      throw new CapParseError(
        'DOCTYPE_FORBIDDEN',
        'DOCTYPE declarations are not accepted (XXE / entity expansion protection)',
        '不接受 DOCTYPE 声明（防止外部实体注入与实体膨胀攻击）',
      );
    }
    if (head.startsWith('<!ENTITY')) {
      throw new CapParseError('ENTITY_FORBIDDEN', 'ENTITY declarations are not accepted', '不接受 ENTITY 实体声明');
    }
    i = xml.indexOf('<!', i + 2);
  }
}

/**
 * Checks that start and end tags balance (xmldom 0.8 silently drops a mismatched end tag).
 * Scans tags only, so large text content costs one indexOf per tag.
 */
function assertTagsBalance(xml: string): void {
  const stack: string[] = [];
  const fail = (msg: string): never => {
    throw new CapParseError('MALFORMED_XML', `malformed XML: ${msg}`, `XML 格式错误：${msg}`);
  };
  let i = xml.indexOf('<');
  while (i !== -1) {
    let end: number;
    if (xml.startsWith('<!--', i)) end = xml.indexOf('-->', i + 4) + 2;
    else if (xml.startsWith('<![CDATA[', i)) end = xml.indexOf(']]>', i + 9) + 2;
    else if (xml.startsWith('<?', i)) end = xml.indexOf('?>', i + 2) + 1;
    else if (xml.startsWith('</', i)) {
      end = xml.indexOf('>', i + 2);
      if (end === -1) break;
      const name = xml.slice(i + 2, end).trim();
      const open = stack.pop();
      if (open !== name) fail(open === undefined ? `unexpected end tag </${name}>` : `end tag </${name}> does not match <${open}>`);
    } else {
      // start tag: find the closing ">" outside quoted attribute values
      let j = i + 1;
      let quote = '';
      for (; j < xml.length; j++) {
        const ch = xml[j];
        if (quote) {
          if (ch === quote) quote = '';
        } else if (ch === '"' || ch === "'") quote = ch;
        else if (ch === '>') break;
      }
      end = j < xml.length ? j : -1;
      if (end === -1) break;
      if (xml[end - 1] !== '/') {
        const m = /^[^\s/>]+/.exec(xml.slice(i + 1, Math.min(end, i + 200)));
        stack.push(m ? m[0] : '');
      }
    }
    if (end < i) return fail('unterminated markup');
    i = xml.indexOf('<', end + 1);
  }
  if (stack.length) fail(`<${stack[stack.length - 1]}> is not closed`);
}

/** Parses an XML string into a DOM document, refusing non-XML and hostile input with a CapParseError. */
export function parseXmlDocument(xml: unknown): Document {
  if (typeof xml !== 'string') {
    throw new CapParseError('NOT_XML', 'input is not a string of XML', '输入不是 XML 文本');
  }
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  if (!text.trimStart().startsWith('<')) {
    throw new CapParseError('NOT_XML', 'input is not XML (it does not start with "<")', '输入不是 XML 文档（未以“<”开头）');
  }
  assertNoDeclarations(text);
  assertTagsBalance(text);
  const bad = INVALID_XML_CHARS.exec(text);
  if (bad) {
    throw new CapParseError(
      'MALFORMED_XML',
      `character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} is not allowed in XML 1.0 (offset ${bad.index})`,
      `XML 1.0 不允许出现控制字符（位置 ${bad.index}）`,
    );
  }
  const fail = (msg: string): never => {
    const detail = msg.replace(/^\[xmldom \w+\]\s*/, '').split('\n')[0] ?? msg;
    throw new CapParseError('MALFORMED_XML', `malformed XML: ${detail}`, `XML 格式错误：${detail}`);
  };
  let doc: Document;
  try {
    doc = new DOMParser({ errorHandler: { warning: fail, error: fail, fatalError: fail } }).parseFromString(text, 'text/xml');
  } catch (e) {
    if (e instanceof CapParseError) throw e;
    // xmldom wraps errors thrown by the handler; unwrap to keep one clear message.
    const msg = e instanceof Error ? e.message : String(e);
    return fail(msg.replace(/^.*?Error: /, ''));
  }
  if (!doc.documentElement) {
    throw new CapParseError('NOT_XML', 'input is not XML (no root element)', '输入不是 XML 文档（没有根元素）');
  }
  return doc;
}

/** Child elements of `el` in document order. */
export function childElements(el: Element): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === ELEMENT_NODE) out.push(n as Element);
  return out;
}

/** Concatenated text and CDATA content directly inside `el` (not of descendants). */
export function ownText(el: Element): string {
  let s = '';
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === TEXT_NODE || n.nodeType === CDATA_SECTION_NODE) s += (n as CharacterData).data;
  }
  return s;
}

/** Local name of an element (prefix stripped). */
export function localName(el: Element): string {
  return el.localName ?? el.nodeName.replace(/^.*:/, '');
}

/** Escapes text content for XML; throws CapBuildError on characters XML 1.0 cannot carry. */
export function escapeText(value: string, path: string): string {
  const bad = INVALID_XML_CHARS.exec(value);
  if (bad) {
    throw new CapBuildError(
      'INVALID_CHARACTER',
      `${path}: control character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} cannot be written in XML`,
      `${path}：包含 XML 无法表示的控制字符`,
      path,
    );
  }
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** A tiny indented XML writer producing the canonical layout used for every document we emit. */
export class XmlWriter {
  private readonly lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  private depth = 0;

  open(name: string, attrs = ''): void {
    this.lines.push(`${'  '.repeat(this.depth)}<${name}${attrs}>`);
    this.depth++;
  }

  close(name: string): void {
    this.depth--;
    this.lines.push(`${'  '.repeat(this.depth)}</${name}>`);
  }

  /** Writes `<name>value</name>` when value is defined. */
  leaf(name: string, value: string | number | undefined, path: string): void {
    if (value === undefined) return;
    this.lines.push(`${'  '.repeat(this.depth)}<${name}>${escapeText(String(value), path)}</${name}>`);
  }

  toString(): string {
    return this.lines.join('\n') + '\n';
  }
}

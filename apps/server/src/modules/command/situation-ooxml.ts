import JSZip from 'jszip';

/**
 * A minimal WordprocessingML (.docx) writer for the situation report: headings, paragraphs and
 * grid tables with a repeated header row, on A4 with a CJK body font. Only the parts Word and
 * LibreOffice need: [Content_Types].xml, _rels/.rels, word/document.xml (+ its rels and styles)
 * and the document properties.
 */

export type DocBlock =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; muted?: boolean }
  | { kind: 'table'; columns: { header: string; width: number }[]; rows: string[][]; empty?: string };

const NS_W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** A4 in twentieths of a point, 2 cm margins. */
const PAGE = { w: 11906, h: 16838, margin: 1134 };
const USABLE = PAGE.w - PAGE.margin * 2;

// XML 1.0 forbids most C0 control characters: they are dropped, not escaped.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text safe inside an XML element or attribute. */
export function xmlEscape(s: string): string {
  return s
    .replace(CONTROL, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A run of text; line breaks in the text become `<w:br/>`. */
function run(text: string, props = ''): string {
  const lines = text.split(/\r?\n/);
  const body = lines.map((l, i) => `${i > 0 ? '<w:br/>' : ''}<w:t xml:space="preserve">${xmlEscape(l)}</w:t>`).join('');
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}${body}</w:r>`;
}

function para(text: string, opts: { style?: string; props?: string; align?: string } = {}): string {
  const pPr = [opts.style ? `<w:pStyle w:val="${opts.style}"/>` : '', opts.align ? `<w:jc w:val="${opts.align}"/>` : ''].join('');
  return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${run(text, opts.props)}</w:p>`;
}

function cell(text: string, width: number, header: boolean): string {
  const shade = header ? '<w:shd w:val="clear" w:color="auto" w:fill="E8EDF3"/>' : '';
  return (
    `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${shade}</w:tcPr>` +
    `<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>${run(text, header ? '<w:b/>' : '')}</w:p></w:tc>`
  );
}

function table(b: Extract<DocBlock, { kind: 'table' }>): string {
  if (b.rows.length === 0) return para(b.empty ?? '（无）', { props: '<w:color w:val="666666"/>' });
  const total = b.columns.reduce((a, c) => a + c.width, 0);
  const widths = b.columns.map((c) => Math.floor((c.width / total) * USABLE));
  const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="9AA5B1"/>`;
  const borders = `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders>`;
  const head = `<w:tr><w:trPr><w:tblHeader/></w:trPr>` + b.columns.map((c, i) => cell(c.header, widths[i]!, true)).join('') + '</w:tr>';
  const rows = b.rows.map((r) => `<w:tr><w:trPr><w:cantSplit/></w:trPr>${r.map((v, i) => cell(v, widths[i]!, false)).join('')}</w:tr>`);
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="${USABLE}" w:type="dxa"/>${borders}<w:tblLayout w:type="fixed"/>` +
    `<w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
    `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>${head}${rows.join('')}</w:tbl>` +
    // Word merges two adjacent tables: an empty paragraph keeps them apart.
    '<w:p/>'
  );
}

/** `word/document.xml` of the blocks. */
export function documentXml(blocks: readonly DocBlock[]): string {
  const body = blocks
    .map((b) => {
      switch (b.kind) {
        case 'title':
          return para(b.text, { style: 'Title', align: 'center' });
        case 'heading':
          return para(b.text, { style: 'Heading1' });
        case 'paragraph':
          return para(b.text, b.muted ? { props: '<w:color w:val="666666"/><w:sz w:val="18"/>' } : {});
        case 'table':
          return table(b);
      }
    })
    .join('');
  const sect =
    `<w:sectPr><w:pgSz w:w="${PAGE.w}" w:h="${PAGE.h}"/>` +
    `<w:pgMar w:top="${PAGE.margin}" w:right="${PAGE.margin}" w:bottom="${PAGE.margin}" w:left="${PAGE.margin}" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>`;
  return `${XML_HEAD}<w:document xmlns:w="${NS_W}" xmlns:r="${NS_R}"><w:body>${body}${sect}</w:body></w:document>`;
}

const FONTS = '<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="SimSun" w:cs="Arial"/>';

const STYLES =
  `${XML_HEAD}<w:styles xmlns:w="${NS_W}">` +
  `<w:docDefaults><w:rPrDefault><w:rPr>${FONTS}<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>` +
  `<w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
  `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
  `<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
  `<w:pPr><w:jc w:val="center"/><w:spacing w:after="120"/></w:pPr><w:rPr><w:rFonts w:eastAsia="SimHei"/><w:b/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style>` +
  `<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
  `<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="SimHei"/><w:b/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style>` +
  `</w:styles>`;

const CONTENT_TYPES =
  `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
  `<Default Extension="xml" ContentType="application/xml"/>` +
  `<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
  `<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
  `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
  `<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
  `</Types>`;

const ROOT_RELS =
  `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
  `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
  `<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
  `</Relationships>`;

const DOC_RELS =
  `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
  `</Relationships>`;

const APP =
  `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
  `<Application>Vigil</Application></Properties>`;

function coreXml(title: string, created: string): string {
  const at = new Date(created).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    `xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:title>${xmlEscape(title)}</dc:title><dc:creator>Vigil</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created></cp:coreProperties>`
  );
}

/** Packs the blocks into a .docx file (a zip of the OOXML parts). */
export async function buildDocx(title: string, created: string, blocks: readonly DocBlock[]): Promise<Buffer> {
  const zip = new JSZip();
  // Fixed dates keep the archive reproducible for the same content; no directory entries (Word's own files have none).
  const opts = { date: new Date(created), createFolders: false };
  zip.file('[Content_Types].xml', CONTENT_TYPES, opts);
  zip.file('_rels/.rels', ROOT_RELS, opts);
  zip.file('word/document.xml', documentXml(blocks), opts);
  zip.file('word/_rels/document.xml.rels', DOC_RELS, opts);
  zip.file('word/styles.xml', STYLES, opts);
  zip.file('docProps/core.xml', coreXml(title, created), opts);
  zip.file('docProps/app.xml', APP, opts);
  return zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  });
}

import { extname } from 'node:path';

export type AttachmentType = 'jpeg' | 'png' | 'webp' | 'pdf' | 'docx' | 'xlsx';

/** What each accepted type is served as, and the file-name extensions that may carry it. */
export const ATTACHMENT_INFO: Record<AttachmentType, { mime: string; kind: 'image' | 'document'; exts: readonly string[] }> = {
  jpeg: { mime: 'image/jpeg', kind: 'image', exts: ['.jpg', '.jpeg'] },
  png: { mime: 'image/png', kind: 'image', exts: ['.png'] },
  webp: { mime: 'image/webp', kind: 'image', exts: ['.webp'] },
  pdf: { mime: 'application/pdf', kind: 'document', exts: ['.pdf'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', kind: 'document', exts: ['.docx'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', kind: 'document', exts: ['.xlsx'] },
};

const starts = (b: Buffer, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

/**
 * The type a file's first bytes announce (magic numbers), `zip` for an Office Open XML candidate
 * whose entries decide, or null for anything not accepted (executables, scripts, archives…).
 */
export function sniffHead(head: Buffer): Exclude<AttachmentType, 'docx' | 'xlsx'> | 'zip' | null {
  if (starts(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts(head, [0x52, 0x49, 0x46, 0x46]) && starts(head, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  if (starts(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (starts(head, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  return null;
}

/** Entry names from a ZIP file's central directory; empty when the bytes are not a readable ZIP. */
export function zipEntryNames(buf: Buffer): string[] {
  const EOCD = 0x06054b50;
  const CDH = 0x02014b50;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return [];
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CDH) return [];
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    if (p + 46 + nameLen > buf.length) return [];
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/** Word or Excel, told apart by their package parts; null for any other ZIP. */
export function officeType(names: readonly string[]): 'docx' | 'xlsx' | null {
  if (!names.includes('[Content_Types].xml')) return null;
  if (names.includes('word/document.xml')) return 'docx';
  if (names.includes('xl/workbook.xml')) return 'xlsx';
  return null;
}

/** Why a client file name does not fit the detected content (a disguised file), or null. */
export function extensionProblem(fileName: string, type: AttachmentType): string | null {
  const ext = extname(fileName).toLowerCase();
  if (!ext) return null;
  if (ATTACHMENT_INFO[type].exts.includes(ext)) return null;
  return `文件扩展名 ${ext} 与文件内容（${type}）不符`;
}

/** A display name safe to store and echo: no path, no control or quote characters, at most 200 characters. */
export function cleanFileName(name: string | undefined, type: AttachmentType): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '_')
    .trim()
    .slice(-200);
  return cleaned && cleaned !== '.' && cleaned !== '..' ? cleaned : `attachment${ATTACHMENT_INFO[type].exts[0]}`;
}

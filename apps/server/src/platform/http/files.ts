import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { invalid } from '../errors.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';
/** Content types of the formats lists and templates are offered in. */
export const FILE_TYPES = { xlsx: XLSX_TYPE, csv: CSV_TYPE } as const;

/**
 * `Content-Disposition` for any file name: `filename*=` (RFC 5987) with a plain ASCII fallback for
 * old clients — `ascii` when given (say `audit.xlsx` for 审计日志-….xlsx), else the name with every
 * other character replaced.
 */
export function contentDisposition(name: string, opts: { ascii?: string; kind?: 'attachment' | 'inline' } = {}): string {
  const ascii = (opts.ascii ?? name).replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${opts.kind ?? 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Sends a generated file as a download (never cached) named `name`, `ascii` for old clients. */
export function sendDownload(reply: FastifyReply, body: Buffer | string, type: string, ascii: string, name: string) {
  return reply
    .header('content-type', type)
    .header('content-disposition', contentDisposition(name, { ascii }))
    .header('cache-control', 'no-store')
    .send(body);
}

/** A request that is not a multipart upload with a `file` field. */
export function notMultipart(): never {
  invalid('file', '请以 multipart/form-data 上传文件（字段名 file）');
}

/**
 * The `file` part of a multipart request (400 naming `file` when there is none). A file over the
 * size limit is not an error here: its stream ends early and says `truncated`, and the caller
 * decides what that means.
 */
export async function uploadedFilePart(req: FastifyRequest): Promise<MultipartFile> {
  if (!req.isMultipart()) notMultipart();
  const part = await req.file({ throwFileSizeLimit: false });
  if (!part || part.fieldname !== 'file') {
    if (part) part.file.resume();
    notMultipart();
  }
  return part;
}

/**
 * The uploaded `file` read into memory, up to `maxBytes`: the rest is drained, not kept, and
 * `truncated` says so (the caller answers 413).
 */
export async function readUploadedFile(
  req: FastifyRequest,
  maxBytes: number,
): Promise<{ data: Buffer; fileName: string; truncated: boolean }> {
  const part = await uploadedFilePart(req);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of part.file as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  }
  return { data: Buffer.concat(chunks), fileName: part.filename ?? '', truncated: part.file.truncated || size > maxBytes };
}

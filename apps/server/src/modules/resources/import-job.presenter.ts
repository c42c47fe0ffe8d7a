import type { ImportJobDto } from '@vigil/shared';
import type { ImportJobRow } from './resource-import.repository.js';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** An import job as the web app shows it (progress, counts, why it failed). */
export function presentImportJob(r: ImportJobRow): ImportJobDto {
  return {
    id: r.id,
    entity: r.entity,
    filename: r.filename,
    status: r.status,
    totalRows: Number(r.total_rows),
    processedRows: Number(r.processed_rows),
    inserted: Number(r.inserted),
    updated: Number(r.updated),
    unchanged: Number(r.unchanged),
    errorCount: Number(r.error_count),
    failure: r.failure,
    createdAt: iso(r.created_at)!,
    finishedAt: iso(r.finished_at),
  };
}

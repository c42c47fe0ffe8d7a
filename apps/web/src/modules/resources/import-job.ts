import type { ImportJobDto } from '@vigil/shared';

/** Whether a job has finished (no more polling). */
export function isFinished(job: Pick<ImportJobDto, 'status'> | undefined): boolean {
  return job?.status === 'succeeded' || job?.status === 'failed';
}

/** Progress in percent (0 while the row count is unknown; 100 when finished). */
export function progressPercent(job: Pick<ImportJobDto, 'status' | 'processedRows' | 'totalRows'>): number {
  if (isFinished(job)) return 100;
  if (job.totalRows <= 0) return 0;
  return Math.min(99, Math.floor((job.processedRows / job.totalRows) * 100));
}

/** The antd Progress status of a job. */
export function progressStatus(job: Pick<ImportJobDto, 'status' | 'errorCount'>): 'active' | 'success' | 'exception' | 'normal' {
  if (job.status === 'failed') return 'exception';
  if (job.status === 'succeeded') return 'success';
  return job.status === 'running' ? 'active' : 'normal';
}

/** Whether a job has an error report to download. */
export function hasErrorReport(job: Pick<ImportJobDto, 'errorCount'>): boolean {
  return job.errorCount > 0;
}

/** Poll interval for react-query's `refetchInterval`: every second until the job is done. */
export function pollInterval(job: ImportJobDto | undefined): number | false {
  return isFinished(job) ? false : 1000;
}

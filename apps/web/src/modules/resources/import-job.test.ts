import type { ImportJobDto } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { hasErrorReport, isFinished, pollInterval, progressPercent, progressStatus } from './import-job';

const job = (over: Partial<ImportJobDto>): ImportJobDto => ({
  id: 'j1',
  entity: 'team',
  filename: 'teams.xlsx',
  status: 'running',
  totalRows: 200,
  processedRows: 50,
  inserted: 0,
  updated: 0,
  unchanged: 0,
  errorCount: 0,
  failure: null,
  createdAt: '2026-01-01T00:00:00Z',
  finishedAt: null,
  ...over,
});

describe('import job progress', () => {
  it('polls every second until the job succeeds or fails', () => {
    expect(pollInterval(undefined)).toBe(1000);
    expect(pollInterval(job({ status: 'queued' }))).toBe(1000);
    expect(pollInterval(job({ status: 'running' }))).toBe(1000);
    expect(pollInterval(job({ status: 'succeeded' }))).toBe(false);
    expect(pollInterval(job({ status: 'failed' }))).toBe(false);
  });

  it('shows processed/total as a percentage that reaches 100 only when finished', () => {
    expect(progressPercent(job({}))).toBe(25);
    expect(progressPercent(job({ processedRows: 200 }))).toBe(99);
    expect(progressPercent(job({ totalRows: 0, processedRows: 0, status: 'queued' }))).toBe(0);
    expect(progressPercent(job({ status: 'failed', processedRows: 3 }))).toBe(100);
  });

  it('marks a failed job as an exception with an error report when rows were refused', () => {
    const failed = job({ status: 'failed', errorCount: 3 });
    expect(progressStatus(failed)).toBe('exception');
    expect(hasErrorReport(failed)).toBe(true);
    expect(isFinished(failed)).toBe(true);
    expect(progressStatus(job({ status: 'succeeded' }))).toBe('success');
    expect(hasErrorReport(job({ status: 'failed', failure: '文件不是有效的 Excel' }))).toBe(false);
  });
});

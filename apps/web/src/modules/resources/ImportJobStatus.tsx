import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { ImportJobDto } from '@vigil/shared';
import { Alert, Button, Descriptions, Progress, Space, Tag } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBeijing } from '../../lib/time';
import { hasErrorReport, isFinished, pollInterval, progressPercent, progressStatus } from './import-job';
import { downloadImportErrors, fetchImportJob, IMPORTS_KEY } from './resources.api';

const STATUS_COLOR = { queued: 'default', running: 'processing', succeeded: 'success', failed: 'error' } as const;

/** A job's tag: queued / running / succeeded / failed. */
export function ImportStatusTag({ status }: { status: ImportJobDto['status'] }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`imports.statuses.${status}`)}</Tag>;
}

/**
 * One import job, polled every second until it finishes: progress (processed / total rows), then
 * the counts (新增 / 更新 / 未变) or the failure with the error report to download.
 */
export function ImportJobStatus(props: { jobId: string; initial?: ImportJobDto; onFinished?: (job: ImportJobDto) => void }) {
  const { t } = useTranslation();
  const job = useQuery({
    queryKey: [...IMPORTS_KEY, 'one', props.jobId],
    queryFn: () => fetchImportJob(props.jobId),
    initialData: props.initial,
    refetchInterval: (q) => pollInterval(q.state.data),
  });
  const report = useMutation({ mutationFn: () => downloadImportErrors(props.jobId) });
  const told = useRef(false);
  const onFinished = useRef(props.onFinished);
  useEffect(() => {
    onFinished.current = props.onFinished;
  });
  useEffect(() => {
    if (job.data && isFinished(job.data) && !told.current) {
      told.current = true;
      onFinished.current?.(job.data);
    }
  }, [job.data]);

  const j = job.data;
  if (!j) return null;
  return (
    <div data-testid="import-job" data-status={j.status}>
      <Space style={{ marginBottom: 4 }}>
        <ImportStatusTag status={j.status} />
        <span>{j.filename}</span>
      </Space>
      <Progress
        percent={progressPercent(j)}
        status={progressStatus(j)}
        format={() => t('imports.rows', { processed: j.processedRows, total: j.totalRows })}
        data-testid="import-progress"
      />
      {isFinished(j) && (
        <Descriptions size="small" column={4} style={{ marginTop: 8 }} data-testid="import-counts">
          <Descriptions.Item label={t('imports.inserted')}>{j.inserted}</Descriptions.Item>
          <Descriptions.Item label={t('imports.updated')}>{j.updated}</Descriptions.Item>
          <Descriptions.Item label={t('imports.unchanged')}>{j.unchanged}</Descriptions.Item>
          <Descriptions.Item label={t('imports.errors')}>{j.errorCount}</Descriptions.Item>
        </Descriptions>
      )}
      {j.status === 'succeeded' && (
        <Alert
          type="success"
          showIcon
          title={t('imports.succeeded', { finishedAt: formatBeijing(j.finishedAt) })}
          data-testid="import-ok"
        />
      )}
      {j.status === 'failed' && (
        <Alert
          type="error"
          showIcon
          title={hasErrorReport(j) ? t('imports.failedRows', { count: j.errorCount }) : t('imports.failed')}
          description={j.failure ?? undefined}
          data-testid="import-failed"
          action={
            hasErrorReport(j) && (
              <Button
                size="small"
                icon={<DownloadOutlined />}
                loading={report.isPending}
                onClick={() => report.mutate()}
                data-testid="import-error-report"
              >
                {t('imports.errorReport')}
              </Button>
            )
          }
        />
      )}
      {j.status === 'succeeded' && hasErrorReport(j) && (
        <Button
          size="small"
          icon={<DownloadOutlined />}
          loading={report.isPending}
          onClick={() => report.mutate()}
          data-testid="import-error-report"
        >
          {t('imports.errorReport')}
        </Button>
      )}
    </div>
  );
}

import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportEntity, ImportJobDto } from '@vigil/shared';
import { Button, Divider, Modal, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBeijing } from '../../lib/time';
import { ImportJobStatus, ImportStatusTag } from './ImportJobStatus';
import { downloadImportTemplate, fetchImportJobs, IMPORTS_KEY, RESOURCES_KEY, startImport, STOCK_KEY } from './resources.api';

/** Largest file the dialog sends (the server enforces its own limit too). */
const MAX_BYTES = 20 * 1024 * 1024;

/**
 * Bulk import of a registry (or stock) from Excel/CSV: download the template, upload a file, watch
 * the background job, download the error report when rows were refused. Recent jobs are listed below.
 */
export function ImportDialog(props: { entity: ImportEntity; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [current, setCurrent] = useState<{ id: string; initial?: ImportJobDto } | null>(null);
  const [tooBig, setTooBig] = useState(false);
  const recent = useQuery({
    queryKey: [...IMPORTS_KEY, 'recent', props.entity],
    queryFn: () => fetchImportJobs(props.entity, 5),
    enabled: props.open,
  });
  const template = useMutation({ mutationFn: (format: 'xlsx' | 'csv') => downloadImportTemplate(props.entity, format) });
  const upload = useMutation({
    mutationFn: (f: File) => startImport(props.entity, f),
    onMutate: () => setTooBig(false),
    onSuccess: async (job) => {
      setCurrent({ id: job.id, initial: job });
      await qc.invalidateQueries({ queryKey: [...IMPORTS_KEY, 'recent', props.entity] });
    },
  });
  const finished = async (job: ImportJobDto) => {
    await qc.invalidateQueries({ queryKey: [...IMPORTS_KEY, 'recent', props.entity] });
    if (job.status === 'succeeded') await qc.invalidateQueries({ queryKey: props.entity === 'stock' ? STOCK_KEY : RESOURCES_KEY });
  };
  const close = () => {
    setCurrent(null);
    setTooBig(false);
    upload.reset();
    props.onClose();
  };

  return (
    <Modal
      open={props.open}
      title={t('imports.title', { entity: t(`imports.entities.${props.entity}`) })}
      onCancel={close}
      footer={null}
      width={760}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('imports.hint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button
          icon={<DownloadOutlined />}
          loading={template.isPending && template.variables === 'xlsx'}
          onClick={() => template.mutate('xlsx')}
          data-testid="import-template-xlsx"
        >
          {t('imports.templateXlsx')}
        </Button>
        <Button
          icon={<DownloadOutlined />}
          loading={template.isPending && template.variables === 'csv'}
          onClick={() => template.mutate('csv')}
          data-testid="import-template-csv"
        >
          {t('imports.templateCsv')}
        </Button>
        <Upload
          accept=".xlsx,.csv"
          showUploadList={false}
          beforeUpload={(f) => {
            if (f.size > MAX_BYTES) setTooBig(true);
            else upload.mutate(f);
            return Upload.LIST_IGNORE;
          }}
          data-testid="import-file"
        >
          <Button type="primary" icon={<UploadOutlined />} loading={upload.isPending} data-testid="import-choose">
            {t('imports.chooseFile')}
          </Button>
        </Upload>
      </Space>
      {tooBig && <Typography.Paragraph type="danger">{t('imports.tooBig', { mb: MAX_BYTES / 1024 / 1024 })}</Typography.Paragraph>}
      {current && <ImportJobStatus key={current.id} jobId={current.id} initial={current.initial} onFinished={(j) => void finished(j)} />}
      <Divider titlePlacement="start">{t('imports.recent')}</Divider>
      <Table<ImportJobDto>
        rowKey="id"
        size="small"
        loading={recent.isFetching}
        dataSource={recent.data?.items ?? []}
        pagination={false}
        onRow={(j) =>
          ({
            onClick: () => setCurrent({ id: j.id, initial: j }),
            style: { cursor: 'pointer' },
            'data-testid': 'import-job-row',
          }) as React.HTMLAttributes<HTMLElement>
        }
        data-testid="import-jobs"
        columns={[
          { title: t('imports.file'), dataIndex: 'filename', ellipsis: true },
          {
            title: t('common.status'),
            dataIndex: 'status',
            width: 100,
            render: (s: ImportJobDto['status']) => <ImportStatusTag status={s} />,
          },
          {
            title: t('imports.result'),
            key: 'result',
            width: 200,
            render: (_, j) =>
              t('imports.resultShort', { inserted: j.inserted, updated: j.updated, unchanged: j.unchanged, errors: j.errorCount }),
          },
          { title: t('common.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatBeijing(v, false) },
        ]}
      />
    </Modal>
  );
}

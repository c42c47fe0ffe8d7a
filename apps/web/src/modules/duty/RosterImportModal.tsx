import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RosterImportError } from '@vigil/shared';
import { Alert, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api-error';
import { errorText, notifyError } from '../../lib/notify';
import { downloadImportErrors, downloadTemplate, DUTY_KEY, importRoster } from './duty.api';
import { importErrorsOf } from './duty-calendar';

/** Imports a month's roster from the Excel template; nothing is written unless every row is right. */
export function RosterImportModal(props: { open: boolean; orgId: string | undefined; orgName: string; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [errors, setErrors] = useState<RosterImportError[]>([]);
  const [failure, setFailure] = useState<{ text: string; reportUrl: string | null } | null>(null);
  const run = useMutation({
    mutationFn: (f: File) => importRoster(props.orgId!, f),
    meta: { silent: true },
    onMutate: () => {
      setErrors([]);
      setFailure(null);
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: DUTY_KEY });
    },
    onError: (e) => {
      const rows = importErrorsOf(e);
      if (!rows.length) return notifyError(e);
      const url = e instanceof ApiError && typeof e.extra.errorReportUrl === 'string' ? e.extra.errorReportUrl : null;
      setErrors(rows);
      setFailure({ text: errorText(e), reportUrl: url });
    },
  });
  const template = useMutation({ mutationFn: downloadTemplate });
  const report = useMutation({ mutationFn: downloadImportErrors });
  const close = () => {
    setErrors([]);
    setFailure(null);
    run.reset();
    props.onClose();
  };

  return (
    <Modal
      open={props.open}
      title={t('duty.importTitle', { org: props.orgName })}
      onCancel={close}
      footer={null}
      width={720}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('duty.importHint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button icon={<DownloadOutlined />} loading={template.isPending} onClick={() => template.mutate()} data-testid="roster-template">
          {t('duty.template')}
        </Button>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          disabled={!props.orgId}
          beforeUpload={(f) => {
            run.mutate(f);
            return Upload.LIST_IGNORE;
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={run.isPending} data-testid="roster-upload">
            {t('duty.chooseFile')}
          </Button>
        </Upload>
      </Space>
      {run.data && (
        <Alert
          type="success"
          showIcon
          data-testid="roster-import-ok"
          title={t('duty.imported', {
            rows: run.data.rows,
            created: run.data.created,
            updated: run.data.updated,
            unchanged: run.data.unchanged,
          })}
        />
      )}
      {failure && (
        <>
          <Alert
            type="error"
            showIcon
            title={failure.text}
            style={{ marginBottom: 8 }}
            action={
              failure.reportUrl && (
                <Button
                  size="small"
                  loading={report.isPending}
                  onClick={() => report.mutate(failure.reportUrl!)}
                  data-testid="roster-error-report"
                >
                  {t('duty.errorReport')}
                </Button>
              )
            }
          />
          <Table<RosterImportError>
            rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
            size="small"
            dataSource={errors}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            data-testid="roster-import-errors"
            columns={[
              { title: t('duty.row'), dataIndex: 'row', width: 70, render: (v: number) => v || '—' },
              { title: t('duty.column'), dataIndex: 'column', width: 130 },
              { title: t('duty.problem'), dataIndex: 'message' },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
